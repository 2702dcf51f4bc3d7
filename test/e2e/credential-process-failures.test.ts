import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import type { DemoWorld } from "../support/demoWorld.js";
import { useKeychainWorld } from "../support/keychainWorld.js";
import { BIN, runCli } from "../support/runCli.js";
import type { StsEmulator } from "../support/sts/index.js";
import { AGENT_TTL, expectCleanFailure, NODE_DIR, processJson, sessionFiles } from "./credential-process-support.js";

// Everything that can go wrong under an SDK's credential_process: each failure
// exits non-zero with a message and a hint on stderr and NOTHING on stdout (a
// caller must never parse half a document); each recoverable fault is recovered
// from with a bounded number of STS calls.

const t = useKeychainWorld({
  env: () => ({ PATH: `${NODE_DIR}:/usr/bin:/bin`, ...AGENT_TTL }),
});
// The shared fixtures (test/support/keychainWorld.ts), under the names these tests use.
let sts: StsEmulator;
let w: DemoWorld;
let env: Record<string, string>;
beforeEach(() => {
  ({ sts, w, env } = t);
});

const cli = (args: string[], extra: Record<string, string> = {}) => runCli(args, { env: { ...env, ...extra } });
const secrets = () => [w.alice.secretAccessKey];

describe("bad input", () => {
  it("an unknown profile", async () => {
    const r = await cli(["credential-process", "nope"]);
    expectCleanFailure(r, { status: 3, message: 'profile "nope" not found', secrets: secrets() });
    expect(sts.calls()).toBe(0);
  });

  it("a profile whose source_profile does not exist", async () => {
    writeFileSync(env.AWS_CONFIG_FILE!, `${readFileSync(env.AWS_CONFIG_FILE!, "utf8")}\n[profile orphan]\nrole_arn = ${w.roles.dev}\nsource_profile = ghost\n`);
    const r = await cli(["credential-process", "orphan"]);
    expectCleanFailure(r, { status: 3, message: /ghost/, secrets: secrets() });
    expect(sts.calls()).toBe(0);
  });

  it("a profile of long-term keys gets a GetSessionToken session, never the bare keys callers would never refresh", async () => {
    const c = processJson(await cli(["credential-process", "alice"]));
    expect(c.AccessKeyId).toMatch(/^ASIA/);
    expect(c.AccessKeyId).not.toBe(w.alice.accessKeyId);
    expect(sts.calls("GetSessionToken")).toBe(1);
  });

  it("an MFA profile with no terminal, no stored seed and no mfa_process fails at once and says how to log in", async () => {
    const r = await cli(["credential-process", "prod-admin"]);
    expectCleanFailure(r, {
      status: 5,
      message: `MFA code needed for ${w.mfa.serial} (profile prod-admin), but there is no terminal to ask on`,
      secrets: secrets(),
    });
    expect(r.stderr).toMatch(/^hint: run "stsctl assume prod-admin" in a terminal first/m);
    // "At once": a whole process, loaded machine included, not a prompt's five-minute wait.
    expect(r.ms).toBeLessThan(5000);
    expect(sts.calls()).toBe(0);
  });
});

describe("a corrupted cache entry is ignored, refreshed through STS and replaced", () => {
  const corruptions: Array<[string, (file: string, text: string) => void]> = [
    ["garbage bytes", (f) => writeFileSync(f, Buffer.from([0xff, 0x00, 0x13, 0x37, 0x80, 0x7b]))],
    ["truncated in the middle", (f, t) => truncateSync(f, Math.floor(t.length / 2))],
    ["empty", (f) => truncateSync(f, 0)],
    [
      "a flipped ciphertext byte",
      (f, t) => {
        const e = JSON.parse(t) as { ct: string };
        const ct = Buffer.from(e.ct, "base64");
        ct[0] = ct[0]! ^ 0x01;
        writeFileSync(f, JSON.stringify({ ...e, ct: ct.toString("base64") }) + "\n");
      },
    ],
    [
      "edited clear metadata (expiry pushed out)",
      (f, t) => {
        const e = JSON.parse(t) as { meta: { expiration: string } };
        writeFileSync(f, JSON.stringify({ ...e, meta: { ...e.meta, expiration: "2099-01-01T00:00:00.000Z" } }) + "\n");
      },
    ],
    ["valid JSON of another shape", (f) => writeFileSync(f, '{"v":1,"meta":{},"iv":"","tag":"","ct":""}\n')],
  ];

  it.each(corruptions)("%s", async (_name, corrupt) => {
    const first = processJson(await cli(["credential-process", "dev"]));
    const files = sessionFiles(env.STSCTL_CACHE_DIR!);
    expect(files.length).toBe(1);
    const file = files[0]!;
    corrupt(file, readFileSync(file, "utf8"));
    const corrupted = readFileSync(file);

    const second = await cli(["credential-process", "dev"]);
    const renewed = processJson(second);
    expect(renewed.AccessKeyId).not.toBe(first.AccessKeyId);
    expect(sts.calls("AssumeRole")).toBe(2);
    for (const s of [first.SecretAccessKey, first.SessionToken]) expect(second.stderr).not.toContain(s);
    // Replaced by a good entry, which the next call serves without STS.
    expect(sessionFiles(env.STSCTL_CACHE_DIR!)).toEqual([file]);
    expect(readFileSync(file).equals(corrupted)).toBe(false);
    expect(processJson(await cli(["credential-process", "dev"])).AccessKeyId).toBe(renewed.AccessKeyId);
    expect(sts.calls("AssumeRole")).toBe(2);
  });
});

describe("a lock held by a dead process", () => {
  it("does not block the next call for long", { timeout: 60_000 }, async () => {
    // A real stsctl takes the step lock, then dies (SIGKILL: no cleanup) while STS is slow.
    sts.inject({ action: "AssumeRole", kind: "slow", delayMs: 60_000 });
    const victim = spawn(process.execPath, [BIN, "credential-process", "dev"], { env, stdio: "ignore", detached: true });
    const locks = join(env.STSCTL_CACHE_DIR!, "locks");
    const held = await waitFor(() => {
      const names = safeReaddir(locks).filter((n) => n.startsWith("step-") && n.endsWith(".lock"));
      return names.length === 1 ? join(locks, names[0]!) : undefined;
    }, 20_000);
    // src/io/lock.ts: the holder's pid is in the lock file, or in a note beside a lock directory.
    const note = statSync(held).isDirectory() ? `${held}.holder` : held;
    const holder = await waitFor(() => {
      try {
        return JSON.parse(readFileSync(note, "utf8")) as { pid: number; host: string };
      } catch {
        return undefined;
      }
    }, 5_000);
    expect(holder).toMatchObject({ pid: victim.pid, host: hostname() });
    // Killed only once STS holds its request: one sent but not yet read by the emulator
    // would otherwise be read after clearFaults() below and answered (and counted) then.
    await waitFor(() => (sts.held() === 1 ? true : undefined), 20_000);
    const exited = new Promise((r) => victim.once("exit", r));
    process.kill(-victim.pid!, "SIGKILL");
    await exited;
    // The dead holder's lock is still there: nothing cleaned it up.
    expect(existsSync(held)).toBe(true);
    // Its request is still held (unanswered, so not logged): the only AssumeRole counted is the next call's.
    sts.clearFaults();
    expect(sts.held()).toBe(1);
    expect(sts.calls("AssumeRole")).toBe(0);

    const r = await cli(["credential-process", "dev"]);
    processJson(r);
    // Taken over through the dead pid at once, or at worst once the lock goes stale (10 s).
    expect(r.ms).toBeLessThan(15_000);
    expect(sts.calls("AssumeRole")).toBe(1);
    expect(safeReaddir(locks).filter((n) => n.startsWith("step-"))).toEqual([]);
  });
});

describe("STS faults", () => {
  // The SDK client makes at most 3 attempts per call.
  it.each([
    ["throttling", "throttle"],
    ["HTTP 500", "500"],
    ["HTTP 503", "503"],
    ["a dropped connection", "drop"],
  ] as const)("%s twice: retried, then success in 3 attempts", { timeout: 30_000 }, async (_name, kind) => {
    sts.inject({ action: "AssumeRole", kind, times: 2 });
    const r = await cli(["credential-process", "dev"]);
    processJson(r);
    expect(r.stderr).toBe("");
    expect(sts.calls("AssumeRole")).toBe(3);
  });

  it("a connection that is always dropped: fails saying the connection was closed, not that STS timed out", { timeout: 30_000 }, async () => {
    sts.inject({ action: "AssumeRole", kind: "drop", times: Infinity });
    const r = await cli(["credential-process", "dev"]);
    expectCleanFailure(r, { status: 7, message: "closed the connection during AssumeRole", secrets: secrets() });
    expect(sts.calls("AssumeRole")).toBe(3);
  });

  it("throttling that does not stop: fails after a bounded number of calls, with AWS's code and a hint", { timeout: 30_000 }, async () => {
    sts.inject({ action: "AssumeRole", kind: "throttle", times: Infinity });
    const r = await cli(["credential-process", "dev"]);
    expectCleanFailure(r, { status: 4, message: "AssumeRole: Throttling: Rate exceeded", secrets: secrets() });
    expect(sts.calls("AssumeRole")).toBe(3);
    expect(r.ms).toBeLessThan(20_000);
  });

  it.each([
    ["500", "InternalFailure"],
    ["503", "ServiceUnavailable"],
  ] as const)("HTTP %s that does not stop: fails after 3 calls with AWS's code", { timeout: 30_000 }, async (kind, code) => {
    sts.inject({ action: "AssumeRole", kind, times: Infinity });
    const r = await cli(["credential-process", "dev"]);
    expectCleanFailure(r, { status: 4, message: `AssumeRole: ${code}: `, secrets: secrets() });
    expect(r.stderr).toContain("hint: STS had a problem and stsctl's retries ran out: try again shortly");
    expect(sts.calls("AssumeRole")).toBe(3);
  });

  it("an unreachable STS fails fast with a network message", { timeout: 30_000 }, async () => {
    const r = await cli(["credential-process", "dev"], { AWS_ENDPOINT_URL_STS: "http://127.0.0.1:9" });
    expectCleanFailure(r, { status: 7, message: "cannot reach http://127.0.0.1:9 (ECONNREFUSED) for AssumeRole", secrets: secrets() });
    expect(r.ms).toBeLessThan(10_000);
  });

  it("an STS slower than STSCTL_STS_TIMEOUT_MS fails within a bounded time with a network message", { timeout: 30_000 }, async () => {
    sts.inject({ action: "AssumeRole", kind: "slow", delayMs: 30_000, times: Infinity });
    const r = await cli(["credential-process", "dev"], { STSCTL_STS_TIMEOUT_MS: "500" });
    expectCleanFailure(r, { status: 7, message: /did not answer AssumeRole in time/, secrets: secrets() });
    expect(r.stderr).not.toContain("cannot reach");
    // 3 attempts of 0.5 s plus backoff, far below the 30 s the server would take.
    expect(r.ms).toBeLessThan(10_000);
  });

  it("an STS that answers slowly but within the timeout just works", { timeout: 30_000 }, async () => {
    sts.inject({ action: "AssumeRole", kind: "slow", delayMs: 1_000 });
    processJson(await cli(["credential-process", "dev"], { STSCTL_STS_TIMEOUT_MS: "5000" }));
    expect(sts.calls("AssumeRole")).toBe(1);
  });
});

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

async function waitFor<T>(probe: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
