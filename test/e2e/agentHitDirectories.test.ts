import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { askAgent, keyFromAgent } from "../../src/store/agent/agentClient.js";
import { HIT_ENV_SENT, type HitReply } from "../../src/hot/hitProtocol.js";
import { writeLoadRecorder } from "../support/loadRecorder.js";
import { BIN, runCli, type CliResult } from "../support/runCli.js";
import { useKeychainWorld } from "../support/keychainWorld.js";
import { totp } from "../support/sts/index.js";

// The key agent answers hits side by side, each in its caller's directory, without
// ever changing its own (src/hot/answerHit.ts): relative paths resolve against the
// cwd each request carries.

const t = useKeychainWorld({
  afterEach: async (x) => {
    await runCli(["clear", "--all"], { env: x.env });
  },
});

const agentDir = () => join(t.env.STSCTL_CACHE_DIR!, "agent");
const agentSocket = () => (existsSync(agentDir()) ? readdirSync(agentDir()).find((f) => f.startsWith("keychain-") && f.endsWith(".sock")) : undefined);

/** Runs a cold call (which starts the agent) and waits until the agent serves. */
async function warm(args: string[]): Promise<void> {
  const first = await runCli(args, { env: t.env });
  expect(first.status, first.stderr).toBe(0);
  for (let i = 0; i < 60; i++) {
    const socket = agentSocket();
    if (socket && (await keyFromAgent(join(agentDir(), socket)))) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("the key agent did not start");
}

/** A project directory whose ./config holds the demo config with profile `from` renamed "here". */
function project(name: string, from: string): string {
  const dir = join(t.w.home, name);
  mkdirSync(dir);
  writeFileSync(join(dir, "config"), readFileSync(t.env.AWS_CONFIG_FILE!, "utf8").replace(`[profile ${from}]`, "[profile here]"));
  return dir;
}

const relative = () => ({ ...t.env, AWS_CONFIG_FILE: "config" });

/** `credential-process here` from `cwd`, recording what the caller loads (in cwd, so parallel runs do not mix). */
async function hitFrom(cwd: string): Promise<{ run: CliResult; served: boolean }> {
  const recorder = writeLoadRecorder(cwd);
  const run = await runCli(["credential-process", "here"], { env: { ...relative(), NODE_OPTIONS: recorder.nodeOptions }, cwd });
  return { run, served: !recorder.read().some((u) => u.includes("/dist/fast.cjs") || u.includes("/dist/main.js")) };
}

const direct = (cwd: string) => runCli(["credential-process", "here"], { env: { ...relative(), STSCTL_AGENT: "0" }, cwd });
const keyId = (r: CliResult) => (JSON.parse(r.stdout) as { AccessKeyId: string }).AccessKeyId;

describe("hits from different directories", () => {
  it("two hits sent at the same time with relative AWS_CONFIG_FILE values each get their own directory's answer", async () => {
    // Two cached sessions: dev (no MFA) and audit (chained through prod-admin, MFA once).
    await warm(["credential-process", "dev"]);
    const code = await runCli(["assume", "audit", "--token-code", totp(t.w.mfa.seed, new Date())], { env: t.env });
    expect(code.status, code.stderr).toBe(0);
    const a = project("a", "dev");
    const b = project("b", "audit");
    const [selfA, selfB] = [await direct(a), await direct(b)];
    expect(selfA.status, selfA.stderr).toBe(0);
    expect(selfB.status, selfB.stderr).toBe(0);
    expect(keyId(selfA)).not.toBe(keyId(selfB));

    for (let round = 0; round < 3; round++) {
      const [hitA, hitB] = await Promise.all([hitFrom(a), hitFrom(b)]);
      expect(hitA.run.status, hitA.run.stderr).toBe(0);
      expect(hitB.run.status, hitB.run.stderr).toBe(0);
      expect(hitA.served && hitB.served, `round ${round}: both answered by the agent`).toBe(true);
      expect(hitA.run.stdout).toBe(selfA.stdout);
      expect(hitB.run.stdout).toBe(selfB.stdout);
    }
  });

  it("never changes its own directory: a caller's directory removed after its hit costs the next caller nothing", async () => {
    await warm(["credential-process", "dev"]);
    const gone = project("gone", "dev");
    const first = await hitFrom(gone);
    expect(first.run.status, first.run.stderr).toBe(0);
    expect(first.served).toBe(true);
    rmSync(gone, { recursive: true, force: true });

    const next = project("next", "dev");
    const second = await hitFrom(next);
    expect(second.run.status, second.run.stderr).toBe(0);
    expect(second.served).toBe(true);
    expect(second.run.stdout).toBe((await direct(next)).stdout);
  });

  it("answers a request whose directory no longer exists when no path depends on it", async () => {
    await warm(["credential-process", "dev"]);
    const self = await runCli(["credential-process", "dev"], { env: { ...t.env, STSCTL_AGENT: "0" } });
    expect(self.status, self.stderr).toBe(0);
    // What src/hot/hitClient.ts sends, from a directory removed since (the paths in t.env are absolute).
    const env = Object.fromEntries(HIT_ENV_SENT.filter((k) => t.env[k] !== undefined).map((k) => [k, t.env[k]!]));
    const request = { argv: ["credential-process", "dev"], env, cwd: join(t.w.home, "removed"), self: BIN };
    const reply = await askAgent(join(agentDir(), agentSocket()!), `HIT ${JSON.stringify(request)}\n`, { timeoutMs: 5000, maxBytes: 1 << 20 });
    expect(reply).not.toBeNull();
    expect(reply!.startsWith("{"), `a hit, not ${reply}`).toBe(true);
    const hit = JSON.parse(reply!) as HitReply;
    expect(hit.code).toBe(0);
    expect(hit.out).toBe(self.stdout);
  });
});
