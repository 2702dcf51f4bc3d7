import { describe, expect, it } from "vitest";
import { plan, type PlanOptions } from "../../src/plan/plan.js";
import { parseDuration, showDuration } from "../../src/plan/durations.js";
import type { AssumeRoleStep, Step } from "../../src/plan/steps.js";
import { StsctlError } from "../../src/errors.js";
import { configFrom } from "../support/configFixture.js";

const ACCT = "123456789012";
const MFA = `arn:aws:iam::${ACCT}:mfa/alice`;
const role = (n: string) => `arn:aws:iam::${ACCT}:role/${n}`;

const config = configFrom(
  [
    "[profile alice]",
    "region = eu-west-1",
    "[profile alice-mfa]",
    `mfa_serial = ${MFA}`,
    "[profile dev]",
    `role_arn = ${role("Dev")}`,
    "source_profile = alice",
    "[profile prod]",
    `role_arn = ${role("Prod")}`,
    "source_profile = alice",
    `mfa_serial = ${MFA}`,
    "[profile prod-long]",
    `role_arn = ${role("Prod")}`,
    "source_profile = alice",
    `mfa_serial = ${MFA}`,
    "duration_seconds = 7200",
    "[profile audit]",
    `role_arn = ${role("Audit")}`,
    "source_profile = prod",
    "[profile deep]",
    `role_arn = ${role("Deep")}`,
    "source_profile = audit",
    "duration_seconds = 14400",
    "[profile envrole]",
    `role_arn = ${role("Env")}`,
    "credential_source = Environment",
    "[profile loop-a]",
    `role_arn = ${role("A")}`,
    "source_profile = loop-b",
    "[profile loop-b]",
    `role_arn = ${role("B")}`,
    "source_profile = loop-a",
    "[profile orphan]",
    `role_arn = ${role("O")}`,
    "source_profile = ghost",
    "[profile nosource]",
    `role_arn = ${role("N")}`,
    "[profile wif]",
    `role_arn = ${role("Wif")}`,
    "web_identity_token_file = /var/run/token",
    "[profile sso]",
    "sso_session = corp",
    "[profile sso-role]",
    `role_arn = ${role("FromSso")}`,
    "source_profile = sso",
    "[profile wif-chain]",
    `role_arn = ${role("Next")}`,
    "source_profile = wif",
  ].join("\n"),
  [
    "[alice]",
    "aws_access_key_id = AKIAALICE",
    "aws_secret_access_key = s",
    "[alice-mfa]",
    "aws_access_key_id = AKIAALICE",
    "aws_secret_access_key = s",
    "[temp]",
    "aws_access_key_id = ASIATEMP",
    "aws_secret_access_key = s",
    "aws_session_token = t",
  ].join("\n"),
);

const opts = (o: Partial<PlanOptions> = {}): PlanOptions => ({ want: "session", env: {}, defaultSessionName: "stsctl-test", ...o });
const kinds = (steps: Step[]) =>
  steps.map((s) => {
    if (s.kind === "AssumeRole")
      return `AssumeRole(${s.roleArn.split("/")[1]},${showDuration(s.durationSeconds)}${s.chained ? ",chained" : ""}${s.mfaSerial ? ",mfa" : ""})`;
    if (s.kind === "GetSessionToken") return `GetSessionToken(${showDuration(s.durationSeconds)}${s.mfaSerial ? ",mfa" : ""})`;
    if (s.kind === "AssumeRoleWithWebIdentity") return `WebIdentity(${showDuration(s.durationSeconds)})`;
    return s.kind;
  });

describe("plan", () => {
  it.each<[string, Partial<PlanOptions>, string[]]>([
    ["alice", {}, ["StaticKeys", "GetSessionToken(12h)"]],
    ["alice", { want: "any" }, ["StaticKeys"]],
    ["alice-mfa", { want: "any" }, ["StaticKeys", "GetSessionToken(12h,mfa)"]],
    ["alice-mfa", { want: "session-token", duration: 36 * 3600 }, ["StaticKeys", "GetSessionToken(36h,mfa)"]],
    ["dev", {}, ["StaticKeys", "AssumeRole(Dev,1h)"]],
    ["dev", { duration: 4 * 3600 }, ["StaticKeys", "AssumeRole(Dev,4h)"]],
    // MFA via GetSessionToken, so one code serves many roles; the role hop is then chained.
    ["prod", {}, ["StaticKeys", "GetSessionToken(12h,mfa)", "AssumeRole(Prod,1h,chained)"]],
    // A single MFA role asked for more than 1h takes the MFA on AssumeRole itself.
    ["prod", { duration: 7200 }, ["StaticKeys", "AssumeRole(Prod,2h,mfa)"]],
    ["prod-long", {}, ["StaticKeys", "AssumeRole(Prod,2h,mfa)"]],
    // --mfa demands MFA with the serial from the source profile or the flag.
    ["dev", { mfa: true, mfaSerial: MFA }, ["StaticKeys", "GetSessionToken(12h,mfa)", "AssumeRole(Dev,1h,chained)"]],
    // Chains: every hop after the first is capped at 1h.
    ["audit", {}, ["StaticKeys", "GetSessionToken(12h,mfa)", "AssumeRole(Prod,1h,chained)", "AssumeRole(Audit,1h,chained)"]],
    ["deep", {}, ["StaticKeys", "GetSessionToken(12h,mfa)", "AssumeRole(Prod,1h,chained)", "AssumeRole(Audit,1h,chained)", "AssumeRole(Deep,1h,chained)"]],
    ["dev", { roleArn: role("AdHoc") }, ["StaticKeys", "AssumeRole(Dev,1h)", "AssumeRole(AdHoc,1h,chained)"]],
    ["envrole", {}, ["Environment", "AssumeRole(Env,1h)"]],
    ["envrole", { env: { AWS_SESSION_TOKEN: "x" } }, ["Environment", "AssumeRole(Env,1h,chained)"]],
    ["temp", {}, ["StaticKeys"]],
    ["wif", {}, ["WebIdentity(1h)"]],
    // SSO credentials are a role session: the next role is chained.
    ["sso-role", { duration: 4 * 3600 }, ["SdkProvider", "AssumeRole(FromSso,1h,chained)"]],
    ["wif-chain", { duration: 7200 }, ["WebIdentity(1h)", "AssumeRole(Next,1h,chained)"]],
  ])("%s %j → %j", (name, o, expected) => {
    expect(kinds(plan(config, name, opts(o)).steps)).toEqual(expected);
  });

  it("tells why a chained role was cut to 1h", () => {
    const p = plan(config, "audit", opts({ duration: 7200 }));
    const last = p.steps.at(-1) as AssumeRoleStep;
    expect(last.durationSeconds).toBe(3600);
    expect(last.reasons.join(" ")).toContain("chained role: 1h maximum");
  });

  it("gives a reason for every step", () => {
    for (const name of ["alice", "prod", "audit", "envrole", "wif"]) {
      for (const s of plan(config, name, opts()).steps) expect(s.reasons.length, `${name} ${s.kind}`).toBeGreaterThan(0);
    }
  });

  it.each<[string, Partial<PlanOptions>, string]>([
    ["loop-a", {}, "Infinite loop in credential configuration detected: loop-a -> loop-b -> loop-a"],
    ["orphan", {}, 'The source_profile "ghost" referenced in the profile "orphan" does not exist.'],
    ["nosource", {}, 'profile "nosource" has role_arn but nothing to assume it with'],
    ["dev", { duration: 600 }, "below the AssumeRole minimum of 15m"],
    ["dev", { duration: 50000 }, "above the AssumeRole maximum of 12h"],
    ["alice", { want: "session-token", duration: 200000 }, "above the GetSessionToken maximum of 36h"],
    ["dev", { mfa: true }, "--mfa needs an MFA device serial"],
    ["prod", { want: "session-token" }, "is not an IAM user with long-term keys"],
  ])("%s %j fails: %s", (name, o, message) => {
    let err: unknown;
    try {
      plan(config, name, opts(o));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StsctlError);
    expect((err as StsctlError).message).toContain(message);
    expect((err as StsctlError).hint).toBeTruthy();
  });

  it.each([
    [{}, "eu-west-1"],
    [{ region: "ap-south-1" }, "ap-south-1"],
  ])("region for alice with %j is %s", (o, region) => {
    expect(plan(config, "alice", opts(o)).region).toBe(region);
  });

  it("takes the region from the environment, then us-east-1", () => {
    expect(plan(config, "dev", opts({ env: { AWS_REGION: "eu-north-1" } })).region).toBe("eu-north-1");
    expect(plan(config, "dev", opts({ env: { AWS_DEFAULT_REGION: "eu-south-1" } })).region).toBe("eu-south-1");
    expect(plan(config, "dev", opts()).region).toBe("us-east-1");
  });

  it("uses the global endpoint for sts_regional_endpoints = legacy in the legacy regions only", () => {
    const legacy = configFrom(
      "[profile eu]\nregion = eu-west-1\nsts_regional_endpoints = legacy\nrole_arn = arn:aws:iam::123456789012:role/R\nsource_profile = a\n" +
        "[profile zurich]\nregion = eu-central-2\nsts_regional_endpoints = legacy\nrole_arn = arn:aws:iam::123456789012:role/R\nsource_profile = a\n",
      "[a]\naws_access_key_id = AKIAX\naws_secret_access_key = s\n",
    );
    expect(plan(legacy, "eu", opts()).endpoint).toBe("https://sts.amazonaws.com");
    expect(plan(legacy, "zurich", opts()).endpoint).toBeUndefined();
    expect(plan(legacy, "eu", opts({ env: { AWS_STS_REGIONAL_ENDPOINTS: "regional" } })).endpoint).toBeUndefined();
    expect(plan(legacy, "eu", opts({ endpointUrl: "http://x" })).endpoint).toBe("http://x");
  });

  it("takes the endpoint from the flag, then AWS_ENDPOINT_URL_STS, then AWS_ENDPOINT_URL", () => {
    expect(plan(config, "dev", opts({ endpointUrl: "http://a", env: { AWS_ENDPOINT_URL_STS: "http://b" } })).endpoint).toBe("http://a");
    expect(plan(config, "dev", opts({ env: { AWS_ENDPOINT_URL_STS: "http://b", AWS_ENDPOINT_URL: "http://c" } })).endpoint).toBe("http://b");
    expect(plan(config, "dev", opts({ env: { AWS_ENDPOINT_URL: "http://c" } })).endpoint).toBe("http://c");
  });
});

describe("durations", () => {
  it.each([
    ["900", 900],
    ["15m", 900],
    ["1h", 3600],
    ["1h30m", 5400],
    ["36h", 129600],
    ["2h 5m 10s", 7510],
  ])("parses %s", (text, seconds) => expect(parseDuration(text)).toBe(seconds));
  it.each(["", "1d", "h", "-5", "1.5h"])("rejects %j", (text) => expect(() => parseDuration(text)).toThrow(/is not a duration/));
});
