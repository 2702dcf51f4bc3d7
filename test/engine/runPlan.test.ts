// The engine's rules, in process and without HTTP: runPlan gets every collaborator
// through EngineDeps, so here they are small fakes that record what they were asked
// (a clock, a Map-backed session store, an STS that issues sessions, a lock that
// just runs the function, an MFA source that counts prompts). The engine itself is
// the real one; the same rules run against the STS emulator in test/e2e.
import { describe, expect, it } from "vitest";
import type { AwsCredentials, Session } from "../../src/credentials.js";
import { stepKeys } from "../../src/engine/cacheKey.js";
import type { EngineDeps } from "../../src/engine/deps.js";
import { runPlan, type RunOptions, type RunResult } from "../../src/engine/runPlan.js";
import { StoreError } from "../../src/errors.js";
import { plan } from "../../src/plan/plan.js";
import type { Plan } from "../../src/plan/steps.js";
import type { StsApi } from "../../src/sts/stsApi.js";
import { configFrom } from "../support/configFixture.js";
import { memorySessionStore, type MemorySessionStore } from "../support/memorySessionStore.js";

const ACCT = "123456789012";
const MFA = `arn:aws:iam::${ACCT}:mfa/alice`;
const role = (name: string) => `arn:aws:iam::${ACCT}:role/${name}`;
const ALICE: AwsCredentials = { accessKeyId: "AKIAALICE00000000000", secretAccessKey: "alice-secret" };

// alice's keys → GetSessionToken (MFA, 12 h) → AssumeRole Prod (chained, 1 h) → AssumeRole Audit (1 h).
const config = configFrom(
  [
    "[profile alice]",
    `mfa_serial = ${MFA}`,
    "[profile prod]",
    `role_arn = ${role("Prod")}`,
    "source_profile = alice",
    "[profile audit]",
    `role_arn = ${role("Audit")}`,
    "source_profile = prod",
  ].join("\n"),
  ["[alice]", `aws_access_key_id = ${ALICE.accessKeyId}`, `aws_secret_access_key = ${ALICE.secretAccessKey}`].join("\n"),
);

const planFor = (profile: string): Plan => plan(config, profile, { want: "session", env: {}, defaultSessionName: "stsctl-test" });
const RUN: RunOptions = { minTtlSeconds: 15 * 60 };
const T0 = Date.parse("2030-01-01T00:00:00Z");
const HOUR = 3600;

interface StsCall {
  action: string;
  /** The access key id the call was signed with. */
  caller: string;
  roleArn?: string;
  durationSeconds: number;
  tokenCode?: string;
}

/** The collaborators runPlan is given, each recording what it was asked. */
function world(opts: { store?: MemorySessionStore } = {}) {
  let t = T0;
  const now = () => new Date(t);
  const store = opts.store ?? memorySessionStore();
  const calls: StsCall[] = [];
  const issued: Session[] = [];
  const prompts: Array<{ profile: string; serial: string }> = [];
  const sources: string[] = [];
  const locks: string[] = [];
  const warnings: string[] = [];
  // Runs inside the lock, before the engine's second look: what another process might do meanwhile.
  let whileLocked: ((name: string) => void) | undefined;

  const issue = (seconds: number): Session => {
    const n = issued.length + 1;
    const session: Session = {
      credentials: {
        accessKeyId: `ASIAFAKE${String(n).padStart(12, "0")}`,
        secretAccessKey: `secret-${n}`,
        sessionToken: `token-${n}`,
        expiration: new Date(t + seconds * 1000),
      },
    };
    issued.push(session);
    return session;
  };
  const unused = () => Promise.reject(new Error("not used by these plans"));
  const sts: StsApi = {
    getCallerIdentity: unused,
    async getSessionToken(creds, p) {
      calls.push({
        action: "GetSessionToken",
        caller: creds.accessKeyId,
        durationSeconds: p.durationSeconds,
        ...(p.tokenCode ? { tokenCode: p.tokenCode } : {}),
      });
      return issue(p.durationSeconds);
    },
    async assumeRole(creds, p) {
      calls.push({
        action: "AssumeRole",
        caller: creds.accessKeyId,
        roleArn: p.roleArn,
        durationSeconds: p.durationSeconds,
        ...(p.tokenCode ? { tokenCode: p.tokenCode } : {}),
      });
      return issue(p.durationSeconds);
    },
    assumeRoleWithWebIdentity: unused,
    assumeRoleWithSaml: unused,
  };

  const deps: EngineDeps = {
    env: {},
    now,
    log: {
      debugEnabled: true,
      debug: () => undefined,
      info: () => undefined,
      warn: (m) => void warnings.push(m),
    },
    sts: () => sts,
    sessions: store,
    withLock: async (name, fn) => {
      locks.push(name);
      whileLocked?.(name);
      return fn();
    },
    mfaCode: async (req) => {
      prompts.push(req);
      return "123456";
    },
    sourceCredentials: async (step) => {
      sources.push(step.profile);
      return ALICE;
    },
  };

  return {
    deps,
    store,
    calls,
    issued,
    prompts,
    sources,
    locks,
    warnings,
    now,
    advance: (seconds: number) => void (t += seconds * 1000),
    onLock: (fn: (name: string) => void) => void (whileLocked = fn),
    /** Forgets what was recorded so far (the store keeps its entries). */
    forget() {
      for (const list of [calls, prompts, sources, locks, warnings]) list.length = 0;
      for (const k of Object.keys(store.calls) as Array<keyof typeof store.calls>) store.calls[k] = 0;
    },
  };
}

const stepsOf = (r: RunResult) => r.outcomes.map((o) => [o.step.kind, o.fromCache]);
const secondsLeft = (s: Session, now: Date) => (s.credentials.expiration.getTime() - now.getTime()) / 1000;

describe("runPlan through EngineDeps", () => {
  it("a first run walks the whole plan: source keys, one MFA code, each STS step from its parent's session, each stored", async () => {
    const w = world();
    const r = await runPlan(planFor("prod"), w.deps, RUN);

    expect(w.sources).toEqual(["alice"]);
    expect(w.prompts).toEqual([{ profile: "alice", serial: MFA }]);
    expect(w.calls).toEqual([
      { action: "GetSessionToken", caller: ALICE.accessKeyId, durationSeconds: 12 * HOUR, tokenCode: "123456" },
      { action: "AssumeRole", caller: w.issued[0]!.credentials.accessKeyId, roleArn: role("Prod"), durationSeconds: HOUR },
    ]);
    expect(r.credentials).toEqual(w.issued[1]!.credentials);
    expect(stepsOf(r)).toEqual([
      ["GetSessionToken", false],
      ["AssumeRole", false],
    ]);
    expect(w.store.entries.size).toBe(2);
    expect(w.locks).toHaveLength(2);
  });

  it("a fresh cached final session touches nothing below it: no source, no lock, no MFA, no STS", async () => {
    const w = world();
    const first = await runPlan(planFor("prod"), w.deps, RUN);
    w.forget();
    w.advance(30 * 60); // 30 min of the role's hour left: outside the 15 min refresh window

    const again = await runPlan(planFor("prod"), w.deps, RUN);

    expect(again.credentials).toEqual(first.credentials);
    expect(stepsOf(again)).toEqual([["AssumeRole", true]]);
    expect(w.calls).toEqual([]);
    expect(w.prompts).toEqual([]);
    expect(w.sources).toEqual([]);
    expect(w.locks).toEqual([]);
    // One look, for the final step only: the GetSessionToken entry below it is not even read.
    expect(w.store.calls).toMatchObject({ get: 1, put: 0 });
  });

  it("an expired final session renews only that step when its parent is fresh", async () => {
    const w = world();
    await runPlan(planFor("prod"), w.deps, RUN);
    const mfaSession = w.issued[0]!;
    w.forget();
    w.advance(50 * 60); // the role has 10 min left (inside the window); the MFA session 11 h 10 min

    const r = await runPlan(planFor("prod"), w.deps, RUN);

    expect(w.calls).toEqual([{ action: "AssumeRole", caller: mfaSession.credentials.accessKeyId, roleArn: role("Prod"), durationSeconds: HOUR }]);
    expect(w.prompts).toEqual([]);
    expect(w.sources).toEqual([]);
    expect(stepsOf(r)).toEqual([
      ["GetSessionToken", true],
      ["AssumeRole", false],
    ]);
    expect(r.credentials).toEqual(w.issued.at(-1)!.credentials);
    expect(secondsLeft(r.session!, w.now())).toBe(HOUR);
    expect(w.store.calls.put).toBe(1);
  });

  it("a parent need only outlive the call: with 10 min left it is reused, though the final session would be renewed at that", async () => {
    const w = world();
    await runPlan(planFor("audit"), w.deps, RUN);
    const mfaSession = w.issued[0]!;
    w.forget();
    w.advance(12 * HOUR - 10 * 60); // both roles long expired; the MFA session has 10 min left

    const r = await runPlan(planFor("audit"), w.deps, RUN);

    expect(w.calls.map((c) => [c.action, c.roleArn])).toEqual([
      ["AssumeRole", role("Prod")],
      ["AssumeRole", role("Audit")],
    ]);
    expect(w.calls[0]!.caller).toBe(mfaSession.credentials.accessKeyId);
    expect(w.calls[1]!.caller).toBe(w.issued.at(-2)!.credentials.accessKeyId);
    expect(w.prompts).toEqual([]);
    expect(stepsOf(r)).toEqual([
      ["GetSessionToken", true],
      ["AssumeRole", false],
      ["AssumeRole", false],
    ]);
  });

  it("a chain renews every parent that would not outlive the call, from the source up, with one MFA code", async () => {
    const w = world();
    await runPlan(planFor("audit"), w.deps, RUN);
    w.forget();
    w.advance(12 * HOUR - 30); // the MFA session has 30 s left: too little to sign the next call with

    const r = await runPlan(planFor("audit"), w.deps, RUN);

    expect(w.sources).toEqual(["alice"]);
    expect(w.prompts).toHaveLength(1);
    const [gst, prod, audit] = w.issued.slice(-3);
    expect(w.calls).toEqual([
      { action: "GetSessionToken", caller: ALICE.accessKeyId, durationSeconds: 12 * HOUR, tokenCode: "123456" },
      { action: "AssumeRole", caller: gst!.credentials.accessKeyId, roleArn: role("Prod"), durationSeconds: HOUR },
      { action: "AssumeRole", caller: prod!.credentials.accessKeyId, roleArn: role("Audit"), durationSeconds: HOUR },
    ]);
    expect(r.credentials).toEqual(audit!.credentials);
    expect(stepsOf(r)).toEqual([
      ["GetSessionToken", false],
      ["AssumeRole", false],
      ["AssumeRole", false],
    ]);
    // Each renewed step under its own lock, and each stored for the next command.
    expect(new Set(w.locks).size).toBe(3);
    expect(w.store.calls.put).toBe(3);
  });

  it("a session another process stored while this one waited for the lock is taken, even if shorter than the window", async () => {
    const w = world();
    const p = planFor("prod");
    await runPlan(p, w.deps, RUN);
    w.forget();
    w.advance(50 * 60);
    const finalKey = stepKeys(p, w.deps.env).at(-1)!;
    const theirs: Session = {
      credentials: {
        accessKeyId: "ASIAOTHERPROCESS0001",
        secretAccessKey: "theirs",
        sessionToken: "theirs",
        expiration: new Date(w.now().getTime() + 10 * 60 * 1000),
      },
    };
    w.onLock(() => w.store.seed({ key: finalKey, profile: "prod", step: "AssumeRole", session: theirs, storedAt: w.now() }));

    const r = await runPlan(p, w.deps, RUN);

    expect(r.credentials).toEqual(theirs.credentials);
    expect(stepsOf(r)).toEqual([["AssumeRole", true]]);
    expect(w.calls).toEqual([]);
    expect(w.prompts).toEqual([]);
  });

  it("a cache that cannot be written still returns the credentials and logs a warning per step", async () => {
    const store = memorySessionStore({
      failPut: () => new StoreError("cannot write the session cache in /cache: ENOSPC", { hint: "Check the directory's free space." }),
    });
    const w = world({ store });

    const r = await runPlan(planFor("prod"), w.deps, RUN);

    expect(r.credentials).toEqual(w.issued[1]!.credentials);
    expect(w.warnings).toHaveLength(2);
    for (const warning of w.warnings) {
      expect(warning).toContain("cannot write the session cache in /cache: ENOSPC");
      expect(warning).toContain("not cached");
      expect(warning).toContain("Check the directory's free space.");
    }
    expect(store.entries.size).toBe(0);

    // What it costs: the next run finds nothing and calls STS (and asks for a code) again.
    w.forget();
    await runPlan(planFor("prod"), w.deps, RUN);
    expect(w.calls).toHaveLength(2);
    expect(w.prompts).toHaveLength(1);
  });

  it("a store failure that is not a StoreError is not swallowed", async () => {
    const w = world({ store: memorySessionStore({ failPut: () => new TypeError("a bug in the store") }) });
    await expect(runPlan(planFor("prod"), w.deps, RUN)).rejects.toThrow("a bug in the store");
  });

  it("a no-cache run never touches the store, nor takes a lock, even with fresh sessions cached", async () => {
    const w = world();
    const cached = await runPlan(planFor("prod"), w.deps, RUN);
    w.forget();

    const r = await runPlan(planFor("prod"), w.deps, { ...RUN, noCache: true });

    expect(w.store.calls).toEqual({ get: 0, put: 0, delete: 0, list: 0, clear: 0 });
    expect(w.locks).toEqual([]);
    expect(w.calls.map((c) => c.action)).toEqual(["GetSessionToken", "AssumeRole"]);
    expect(w.prompts).toHaveLength(1);
    expect(r.credentials.accessKeyId).not.toBe(cached.credentials.accessKeyId);
    expect(stepsOf(r)).toEqual([
      ["GetSessionToken", false],
      ["AssumeRole", false],
    ]);
  });
});

describe("the refresh window of short sessions", () => {
  const short = plan(config, "prod", { want: "session", env: {}, defaultSessionName: "stsctl-test", duration: 900 });

  it("is a third of a 15-minute session: reused while more than 5 minutes are left, then renewed", async () => {
    const w = world();
    await runPlan(short, w.deps, RUN);
    expect(w.calls.map((c) => [c.action, c.durationSeconds])).toEqual([
      ["GetSessionToken", 12 * HOUR],
      ["AssumeRole", 900],
    ]);
    w.forget();
    w.advance(9 * 60); // 6 minutes left: outside its 5-minute window, though inside the configured 15
    expect(stepsOf(await runPlan(short, w.deps, RUN))).toEqual([["AssumeRole", true]]);
    expect(w.calls).toEqual([]);

    w.advance(2 * 60); // 4 minutes left
    const r = await runPlan(short, w.deps, RUN);
    expect(w.calls.map((c) => c.action)).toEqual(["AssumeRole"]);
    expect(secondsLeft(r.session!, w.now())).toBe(900);
  });

  it("stays the configured window when that is the smaller", async () => {
    const w = world();
    await runPlan(short, w.deps, RUN);
    w.forget();
    w.advance(12 * 60); // 3 minutes left, more than a 2-minute STSCTL_MIN_TTL
    expect(stepsOf(await runPlan(short, w.deps, { minTtlSeconds: 120 }))).toEqual([["AssumeRole", true]]);
    w.advance(2 * 60);
    await runPlan(short, w.deps, { minTtlSeconds: 120 });
    expect(w.calls.map((c) => c.action)).toEqual(["AssumeRole"]);
  });
});
