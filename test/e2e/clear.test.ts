import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { keyFromAgent } from "../../src/store/agent/agentClient.js";
import { useKeychainWorld } from "../support/keychainWorld.js";
import { runCli } from "../support/runCli.js";
import { processJson, sessionFiles } from "./credential-process-support.js";

// stsctl clear deletes session files without opening them: it needs no key, so a
// locked keychain cannot make it keep (and misreport) sessions, and it starts
// nothing, so `clear --all` really leaves no key agent holding the data key.

const t = useKeychainWorld({ afterEach: async (x) => void (await runCli(["clear", "--all"], { env: x.env })) });
const cli = (args: string[], extra: Record<string, string> = {}, input?: string) =>
  runCli(args, { env: { ...t.env, ...extra }, ...(input === undefined ? {} : { input }) });
const noAgent = { STSCTL_AGENT: "0" };
const cache = () => t.env.STSCTL_CACHE_DIR!;
const where = () => `from ~${cache().slice(t.w.home.length)}/sessions`;

/** The agent directory's sockets, and processes running dist/agent.js for this cache directory. */
function agents(): { sockets: string[]; processes: string[] } {
  const dir = join(cache(), "agent");
  const sockets = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".sock")) : [];
  const processes = readdirSync("/proc").filter((pid) => {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      return /^\d+$/.test(pid) && cmd.includes("agent.js") && cmd.includes(cache());
    } catch {
      return false;
    }
  });
  return { sockets, processes };
}

describe("clear", () => {
  it("removes sessions it cannot open under a locked keychain, says how many and where, and an unlock brings none back", async () => {
    expect((await cli(["mfa", "add", t.w.mfa.serial], noAgent, t.w.mfa.seed)).status).toBe(0);
    processJson(await cli(["credential-process", "dev"], noAgent));
    processJson(await cli(["credential-process", "prod-admin"], noAgent));
    const before = sessionFiles(cache());
    expect(before.length).toBeGreaterThanOrEqual(3); // dev's role, prod-admin's MFA session and role
    await t.keyring.lock();

    const one = await cli(["clear", "dev"]);
    expect(one.status, one.stderr).toBe(0);
    expect(one.stderr).toBe(`removed 1 cached session ${where()}\n`);
    expect(sessionFiles(cache())).toHaveLength(before.length - 1);
    const rest = await cli(["clear", "--all"]);
    expect(rest.status, rest.stderr).toBe(0);
    expect(rest.stderr).toBe(`removed ${before.length - 1} cached sessions ${where()}\n`);
    expect(sessionFiles(cache())).toEqual([]);
    expect(agents()).toEqual({ sockets: [], processes: [] });

    await t.keyring.unlock();
    t.sts.resetCalls();
    processJson(await cli(["credential-process", "dev"], noAgent));
    expect(t.sts.calls("AssumeRole")).toBe(1); // renewed: nothing cached came back
  });

  it("clear --all starts no key agent when none runs", async () => {
    processJson(await cli(["credential-process", "dev"], noAgent));
    expect(agents()).toEqual({ sockets: [], processes: [] });

    const r = await cli(["clear", "--all"]);
    expect(r.status, r.stderr).toBe(0);
    expect(agents()).toEqual({ sockets: [], processes: [] });
    expect(r.stderr).toBe(`removed 1 cached session ${where()}\n`);
    expect(sessionFiles(cache())).toEqual([]);
  });

  it("clear --all stops a running key agent", async () => {
    processJson(await cli(["credential-process", "dev"]));
    let socket: string | undefined;
    for (let i = 0; i < 60 && !socket; i++) {
      const found = agents().sockets.map((f) => join(cache(), "agent", f));
      for (const s of found) if (await keyFromAgent(s)) socket = s;
      if (!socket) await new Promise((r) => setTimeout(r, 50));
    }
    expect(socket).toBeDefined();

    const r = await cli(["clear", "--all"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe(`stopped the stsctl key agent\nremoved 1 cached session ${where()}\n`);
    expect(await keyFromAgent(socket!)).toBeNull();
    for (let i = 0; i < 100 && agents().processes.length > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(agents()).toEqual({ sockets: [], processes: [] });
  });
});
