import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { keyFromAgent } from "../../src/store/agent/agentClient.js";
import { runCli } from "../support/runCli.js";
import { useKeychainWorld } from "../support/keychainWorld.js";

// The key agent: after one keychain read, cache hits get the data key from a
// private socket instead of the Secret Service.

const t = useKeychainWorld({
  afterEach: async (x) => {
    x.keyring.thaw();
    await runCli(["clear", "--all"], { env: x.env });
  },
});
// The socket carries the build's id (src/buildId.ts): whatever dist/ was built as.
const socketOf = (backend = "keychain") => {
  const dir = join(t.env.STSCTL_CACHE_DIR!, "agent");
  const found = existsSync(dir) ? readdirSync(dir).filter((f) => f.startsWith(`${backend}-`) && f.endsWith(".sock")) : [];
  return join(dir, found[0] ?? `${backend}-none.sock`);
};

/** Processes whose command line names `socket`: the agents serving it. */
function agentsRunning(socket: string): number {
  return readdirSync("/proc").filter((pid) => {
    try {
      return /^\d+$/.test(pid) && readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(socket);
    } catch {
      return false;
    }
  }).length;
}

async function agentKey(): Promise<Buffer | null> {
  for (let i = 0; i < 40; i++) {
    const key = await keyFromAgent(socketOf());
    if (key) return key;
    await new Promise((r) => setTimeout(r, 50));
  }
  return null;
}

describe("key agent", () => {
  it("serves cache hits while the keychain does not answer", async () => {
    const first = await runCli(["credential-process", "dev"], { env: t.env });
    expect(first.status, first.stderr).toBe(0);
    expect(await agentKey()).toHaveLength(32);

    t.keyring.freeze(); // the Secret Service keeps its bus name but never answers
    t.sts.resetCalls();
    const hit = await runCli(["credential-process", "dev"], { env: t.env });
    expect(hit.status, hit.stderr).toBe(0);
    expect(hit.stderr).toBe("");
    expect(hit.stdout).toBe(first.stdout);
    expect(t.sts.calls()).toBe(0);

    // Without the agent the same call must wait out the keychain: proof the agent served it.
    const without = await runCli(["credential-process", "dev"], { env: { ...t.env, STSCTL_AGENT: "0" } });
    expect(without.stderr).toMatch(/keychain did not answer/);
  });

  it("keeps the key off disk and out of its process arguments, behind a private socket", async () => {
    expect((await runCli(["assume", "dev"], { env: t.env })).status).toBe(0);
    const key = await agentKey();
    expect(key).not.toBeNull();
    const dir = join(t.env.STSCTL_CACHE_DIR!, "agent");
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(socketOf()).mode & 0o777).toBe(0o600);
    const b64 = key!.toString("base64");
    const agents = readdirSync("/proc")
      .filter((p) => /^\d+$/.test(p))
      .filter((pid) => {
        try {
          return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(socketOf());
        } catch {
          return false;
        }
      });
    expect(agents).toHaveLength(1);
    expect(readFileSync(`/proc/${agents[0]}/cmdline`, "utf8")).not.toContain(b64);
    expect(readFileSync(`/proc/${agents[0]}/environ`, "utf8")).not.toContain(b64);
    for (const f of readdirSync(t.env.STSCTL_CACHE_DIR!, { recursive: true }) as string[]) {
      const p = join(t.env.STSCTL_CACHE_DIR!, f);
      if (statSync(p).isFile()) expect(readFileSync(p, "utf8")).not.toContain(b64);
    }
  });

  it("spares the file vault's passphrase derivation too", async () => {
    const fileEnv = { ...t.env, STSCTL_KEYRING: "file", STSCTL_FILE_PASSPHRASE: "correct horse" };
    expect((await runCli(["assume", "dev"], { env: fileEnv })).status).toBe(0);
    const key = await (async () => {
      for (let i = 0; i < 40; i++) {
        const k = await keyFromAgent(socketOf("file"));
        if (k) return k;
        await new Promise((r) => setTimeout(r, 50));
      }
      return null;
    })();
    expect(key).toHaveLength(32);
    // The agent outlives the shell: it must not keep the passphrase (or anything else) from its environment.
    const agent = readdirSync("/proc").find((pid) => {
      try {
        return /^\d+$/.test(pid) && readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(socketOf("file"));
      } catch {
        return false;
      }
    });
    expect(agent).toBeDefined();
    expect(readFileSync(`/proc/${agent}/environ`, "utf8")).not.toContain("correct horse");
    // A hit now needs no passphrase at all: the agent holds the derived key.
    const { STSCTL_FILE_PASSPHRASE: _, ...noPass } = fileEnv;
    t.sts.resetCalls();
    const hit = await runCli(["credential-process", "dev"], { env: noPass });
    expect(hit.status, hit.stderr).toBe(0);
    expect(t.sts.calls()).toBe(0);
  });

  it("exits when its socket is removed (a cleared cache, a deleted HOME)", async () => {
    expect((await runCli(["assume", "dev"], { env: t.env })).status).toBe(0);
    expect(await agentKey()).not.toBeNull();
    const running = () => agentsRunning(socketOf());
    expect(running()).toBe(1);
    rmSync(socketOf());
    for (let i = 0; i < 100 && running() > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(running()).toBe(0);
  });

  it("ignores an agent whose key no longer fits the file vault (after a reset)", async () => {
    const vault = (pass: string) => ({ ...t.env, STSCTL_KEYRING: "file", STSCTL_FILE_PASSPHRASE: pass });
    expect((await runCli(["assume", "dev"], { env: vault("first passphrase") })).status).toBe(0);
    for (let i = 0; i < 40 && !(await keyFromAgent(socketOf("file"))); i++) await new Promise((r) => setTimeout(r, 50));
    // The user resets the vault and starts over with another passphrase.
    rmSync(t.env.STSCTL_DATA_DIR!, { recursive: true, force: true });
    const add = await runCli(["mfa", "add", t.w.mfa.serial], { env: vault("second passphrase"), input: t.w.mfa.seed });
    expect(add.status, add.stderr).toBe(0);
    // Read back without any agent: the seed must be sealed under the second passphrase's key.
    const code = await runCli(["mfa", "code", t.w.mfa.serial], { env: { ...vault("second passphrase"), STSCTL_AGENT: "0" } });
    expect(code.status, code.stderr).toBe(0);
    expect(code.stdout.trim()).toMatch(/^\d{6}$/);
  });

  it("keeps the file vault out of the cache directory, so clearing the cache loses no seed", async () => {
    const env = { ...t.env, STSCTL_KEYRING: "file", STSCTL_FILE_PASSPHRASE: "p", STSCTL_AGENT: "0" };
    expect((await runCli(["mfa", "add", t.w.mfa.serial], { env, input: t.w.mfa.seed })).status).toBe(0);
    rmSync(t.env.STSCTL_CACHE_DIR!, { recursive: true, force: true });
    const code = await runCli(["mfa", "code", t.w.mfa.serial], { env });
    expect(code.status, code.stderr).toBe(0);
  });

  it("stops with clear --all, and exits by itself when idle", async () => {
    expect((await runCli(["assume", "dev"], { env: t.env })).status).toBe(0);
    expect(await agentKey()).not.toBeNull();
    const cleared = await runCli(["clear", "--all"], { env: t.env });
    expect(cleared.stderr).toContain("stopped the stsctl key agent");
    expect(await keyFromAgent(socketOf())).toBeNull();

    expect((await runCli(["assume", "dev"], { env: { ...t.env, STSCTL_AGENT_TTL: "1" } })).status).toBe(0);
    expect(await agentKey()).not.toBeNull();
    // Watched without connecting (a request would keep it alive): bounded, for loaded machines.
    const started = Date.now();
    while (agentsRunning(socketOf()) > 0 && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 100));
    expect(agentsRunning(socketOf())).toBe(0);
    expect(await keyFromAgent(socketOf())).toBeNull();
  });
});
