// runPlan hands the MFA source what the plan's step says, mfa_process included: the
// engine never looks the profile up again (src/plan/placeMfa.ts mfaProcessOf). A code
// STS refuses as invalid goes back to the source, which decides whether to ask again.
import { describe, expect, it } from "vitest";
import type { Session } from "../../src/credentials.js";
import { AwsError } from "../../src/errors.js";
import type { EngineDeps } from "../../src/engine/deps.js";
import { runPlan } from "../../src/engine/runPlan.js";
import { plan } from "../../src/plan/plan.js";
import type { CacheEntry } from "../../src/store/sessionStore.js";
import type { StsApi } from "../../src/sts/stsApi.js";
import { configFrom } from "../support/configFixture.js";

const MFA = "arn:aws:iam::123456789012:mfa/alice";
const config = configFrom(
  [
    "[profile alice]",
    "[profile prod]",
    "role_arn = arn:aws:iam::123456789012:role/Prod",
    "source_profile = alice",
    `mfa_serial = ${MFA}`,
    "mfa_process = print-code prod",
  ].join("\n"),
  "[alice]\naws_access_key_id = AKIAALICE\naws_secret_access_key = s\n",
);

function deps(asked: Array<Parameters<EngineDeps["mfaCode"]>[0]>): EngineDeps {
  const now = () => new Date(Date.parse("2030-01-01T00:00:00Z"));
  const session = (): Session => ({
    credentials: { accessKeyId: "ASIAFAKE", secretAccessKey: "x", sessionToken: "t", expiration: new Date(now().getTime() + 3600_000) },
  });
  const unused = () => Promise.reject(new Error("not used"));
  const sts: StsApi = {
    getCallerIdentity: unused,
    getSessionToken: async () => session(),
    assumeRole: async () => session(),
    assumeRoleWithWebIdentity: unused,
    assumeRoleWithSaml: unused,
  };
  const cache = new Map<string, CacheEntry>();
  return {
    env: {},
    now,
    log: { debugEnabled: false, debug: () => undefined, info: () => undefined, warn: () => undefined },
    sts: () => sts,
    sessions: { get: async (k) => cache.get(k) ?? null, put: async (e) => void cache.set(e.key, e) },
    withLock: (_name, fn) => fn(),
    mfaCode: async (req) => {
      asked.push(req);
      return "123456";
    },
    sourceCredentials: async () => ({ accessKeyId: "AKIAALICE", secretAccessKey: "s" }),
  };
}

describe("runPlan and MFA", () => {
  it("passes the step's mfa_process to the MFA source, on GetSessionToken or on AssumeRole", async () => {
    for (const duration of [undefined, 7200]) {
      const asked: Array<Parameters<EngineDeps["mfaCode"]>[0]> = [];
      const p = plan(config, "prod", { want: "session", env: {}, defaultSessionName: "stsctl-test", ...(duration ? { duration } : {}) });
      await runPlan(p, deps(asked), { minTtlSeconds: 900 });
      const stepWithMfa = p.steps.find((s) => "mfaSerial" in s)!;
      expect(asked).toEqual([{ profile: stepWithMfa.profile, serial: MFA, mfaProcess: "print-code prod" }]);
    }
  });
});

describe("runPlan and a code STS refuses", () => {
  const invalid = () => new AwsError("AccessDenied", "MultiFactorAuthentication failed with invalid MFA one time pass code.");
  const p = () => plan(config, "prod", { want: "session", env: {}, defaultSessionName: "stsctl-test" });

  /** STS answering GetSessionToken with `answers` in turn (an error is thrown), recording the codes it got. */
  function refusing(answers: Array<AwsError | "ok">) {
    const sent: Array<string | undefined> = [];
    const refusals: unknown[] = [];
    const d = deps([]);
    const base = d.sts({ region: "us-east-1" });
    d.sts = () => ({
      ...base,
      getSessionToken: async (creds, params) => {
        sent.push(params.tokenCode);
        const answer = answers.shift();
        if (answer instanceof AwsError) throw answer;
        return base.getSessionToken(creds, params);
      },
    });
    d.mfaCode = async (_req, refused) => {
      refusals.push(refused);
      return refused ? "654321" : "123456";
    };
    return { d, sent, refusals };
  }

  it("hands a code refused as invalid back to the MFA source and sends the one it gives instead", async () => {
    const refusal = invalid();
    const w = refusing([refusal, "ok"]);
    await runPlan(p(), w.d, { minTtlSeconds: 900 });
    expect(w.sent).toEqual(["123456", "654321"]);
    expect(w.refusals).toEqual([undefined, refusal]);
  });

  it("ends with whatever the MFA source throws for a refusal", async () => {
    const w = refusing([invalid()]);
    w.d.mfaCode = async (_req, refused) => {
      if (refused) throw refused;
      return "123456";
    };
    await expect(runPlan(p(), w.d, { minTtlSeconds: 900 })).rejects.toThrow("invalid MFA one time pass code");
    expect(w.sent).toEqual(["123456"]);
  });

  it("does not ask again for any other refusal", async () => {
    const w = refusing([new AwsError("AccessDenied", "MultiFactorAuthentication failed, unable to validate MFA code.")]);
    await expect(runPlan(p(), w.d, { minTtlSeconds: 900 })).rejects.toThrow("unable to validate MFA code");
    expect(w.refusals).toEqual([undefined]);
  });
});
