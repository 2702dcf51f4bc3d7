import { describe, expect, it } from "vitest";
import { secretTool } from "../support/keyring.js";
import { useKeychainWorld } from "../support/keychainWorld.js";
import { runCli } from "../support/runCli.js";
import { totp } from "../support/sts/index.js";

// --json on the commands that change stored state (add, remove, mfa add/code/remove,
// clear): a small JSON result on stdout saying what was written or removed, never a
// secret it was not asked for; the human lines stay on stderr.

const t = useKeychainWorld({
  afterEach: async (x) => {
    await runCli(["clear", "--all"], { env: x.env });
    for (const account of ["keys:alice", `totp:${x.w.mfa.serial}`]) {
      await secretTool(["clear", "service", "stsctl", "username", account], { ...process.env, ...x.keyring.env }).catch(() => undefined);
    }
  },
});
const cli = (args: string[], input?: string) => runCli(args, { env: t.env, ...(input === undefined ? {} : { input }) });

async function json(args: string[], input?: string): Promise<unknown> {
  const r = await cli(args, input);
  expect(r.status, r.stderr).toBe(0);
  expect(r.stderr).not.toBe(""); // the human line is still there, on stderr
  expect(r.stdout.endsWith("}\n")).toBe(true);
  return JSON.parse(r.stdout);
}

describe("--json results", () => {
  it("add and remove say what was stored and removed, without the secret key", async () => {
    const added = await cli(["add", "--import", "alice", "--json"]);
    expect(added.status, added.stderr).toBe(0);
    expect(added.stdout).not.toContain(t.w.alice.secretAccessKey);
    expect(JSON.parse(added.stdout)).toEqual({
      profile: "alice",
      backend: "keychain",
      accessKeyIdSuffix: t.w.alice.accessKeyId.slice(-4),
      configFile: t.env.AWS_CONFIG_FILE,
      removedFrom: t.env.AWS_SHARED_CREDENTIALS_FILE,
    });
    expect(await json(["remove", "alice", "--json"])).toEqual({ profile: "alice", deleted: true, unmarked: true, configFile: t.env.AWS_CONFIG_FILE });
    expect(await json(["remove", "alice", "--json"])).toEqual({ profile: "alice", deleted: false, unmarked: false, configFile: t.env.AWS_CONFIG_FILE });
  });

  it("mfa add, code and remove say what they did; code gives the code and the end of its window", async () => {
    const serial = t.w.mfa.serial;
    const added = await cli(["mfa", "add", serial, "--json"], t.w.mfa.seed);
    expect(added.status, added.stderr).toBe(0);
    expect(added.stdout).not.toContain(t.w.mfa.seed);
    expect(JSON.parse(added.stdout)).toEqual({ serial, stored: true, backend: "keychain" });

    const code = await cli(["mfa", "code", serial, "--json"]);
    expect(code.status, code.stderr).toBe(0);
    const got = JSON.parse(code.stdout) as { serial: string; code: string; validUntil: string };
    expect(Object.keys(got)).toEqual(["serial", "code", "validUntil"]);
    const end = Date.parse(got.validUntil);
    expect(end % 30_000).toBe(0);
    expect(got.code).toBe(totp(t.w.mfa.seed, new Date(end - 1)));

    expect(await json(["mfa", "remove", serial, "--json"])).toEqual({ serial, removed: true });
    expect(await json(["mfa", "remove", serial, "--json"])).toEqual({ serial, removed: false });
  });

  it("clear says how many sessions it removed, where, which agents it stopped and which section", async () => {
    const dir = `${t.env.STSCTL_CACHE_DIR}/sessions`;
    expect((await cli(["credential-process", "dev"])).status).toBe(0);
    expect(await json(["clear", "dev", "--json"])).toEqual({ sessions: { removed: 1, dir } });
    expect((await cli(["assume", "dev", "--write"])).status).toBe(0);
    expect(await json(["clear", "--write", "stsctl-dev", "--json"])).toEqual({
      section: { name: "stsctl-dev", file: t.env.AWS_SHARED_CREDENTIALS_FILE, removed: true },
    });
    const all = (await json(["clear", "--all", "--json"])) as { sessions: { removed: number; dir: string }; agentsStopped: number };
    expect(all).toEqual({ sessions: { removed: all.sessions.removed, dir }, agentsStopped: all.agentsStopped });
    expect(all.sessions.removed).toBeGreaterThanOrEqual(1); // assume's session
  });
});
