import { describe, expect, it } from "vitest";
import { getProfile } from "../../src/config/getProfile.js";
import { placeMfa, type MfaInput } from "../../src/plan/placeMfa.js";
import { plan } from "../../src/plan/plan.js";
import { roleHops } from "../../src/plan/roleHops.js";
import type { AssumeRoleStep, GetSessionTokenStep } from "../../src/plan/steps.js";
import { configFrom } from "../support/configFixture.js";

const MFA = "arn:aws:iam::123456789012:mfa/alice";
const role = (n: string) => `arn:aws:iam::123456789012:role/${n}`;
const config = configFrom(
  [
    "[profile alice]",
    "[profile bob]",
    "mfa_process = bob-code",
    "[profile prod]",
    `role_arn = ${role("Prod")}`,
    "source_profile = alice",
    `mfa_serial = ${MFA}`,
    "mfa_process = prod-code",
    "[profile audit]",
    `role_arn = ${role("Audit")}`,
    "source_profile = prod",
    `mfa_serial = ${MFA}`,
    "[profile bob-role]",
    `role_arn = ${role("Bob")}`,
    "source_profile = bob",
    `mfa_serial = ${MFA}`,
    "mfa_process = role-code",
  ].join("\n"),
  ["[alice]", "aws_access_key_id = AKIAALICE", "aws_secret_access_key = s", "[bob]", "aws_access_key_id = AKIABOB", "aws_secret_access_key = s"].join("\n"),
);
const p = (name: string) => getProfile(config, name);
const input = (o: Partial<MfaInput>): MfaInput => ({
  profileName: "x",
  chain: [],
  hops: [],
  longTerm: true,
  asked: undefined,
  opts: { want: "session" },
  ...o,
});
const opts = { want: "session", env: {}, defaultSessionName: "stsctl-test" } as const;

describe("placeMfa", () => {
  it("gives bare long-term keys a GetSessionToken step unless any credentials will do", () => {
    expect(placeMfa(input({ chain: [p("alice")] }))).toEqual({ wanted: false, sessionToken: true, onHop: -1 });
    expect(placeMfa(input({ chain: [p("alice")], opts: { want: "any" } }))).toEqual({ wanted: false, sessionToken: false, onHop: -1 });
    expect(placeMfa(input({ chain: [p("alice")], opts: { want: "any", mfaSerial: MFA } }))).toEqual({
      wanted: true,
      serial: MFA,
      sessionToken: true,
      onHop: -1,
    });
  });

  it("puts the code on GetSessionToken for roles, unless a single role asks for more than 1h", () => {
    const hops = roleHops([p("prod")], p("prod"), undefined);
    const chain = [p("alice"), p("prod")];
    expect(placeMfa(input({ chain, hops }))).toEqual({ wanted: true, serial: MFA, sessionToken: true, onHop: -1 });
    expect(placeMfa(input({ chain, hops, asked: { s: 7200, from: "--duration" } }))).toEqual({ wanted: true, serial: MFA, sessionToken: false, onHop: 0 });
  });

  it("puts the code on the hop that declares the serial when the source is temporary", () => {
    const hops = roleHops([p("prod"), p("audit")], p("audit"), undefined);
    expect(placeMfa(input({ chain: [p("alice"), p("prod"), p("audit")], hops, longTerm: false })).onHop).toBe(0);
    const late = roleHops([p("bob-role")], p("bob-role"), role("AdHoc"));
    expect(placeMfa(input({ chain: [p("bob"), p("bob-role")], hops: late, longTerm: false })).onHop).toBe(0);
  });

  it("asks for a serial when --mfa finds none", () => {
    expect(() => placeMfa(input({ profileName: "alice", chain: [p("alice")], opts: { want: "session", mfa: true } }))).toThrow(
      '--mfa needs an MFA device serial, and profile "alice" names none',
    );
  });
});

describe("the MFA step carries its mfa_process", () => {
  it("from the step's own profile, else the requested profile's", () => {
    const gst = plan(config, "prod", opts).steps[1] as GetSessionTokenStep;
    // alice (the GetSessionToken step's profile) names none: prod's is used, as the engine did.
    expect(gst).toMatchObject({ kind: "GetSessionToken", mfaSerial: MFA, mfaProcess: "prod-code" });
    const bob = plan(config, "bob-role", opts).steps[1] as GetSessionTokenStep;
    expect(bob.mfaProcess).toBe("bob-code");
  });

  it("on an AssumeRole that takes the code, --role-arn hops included", () => {
    const onRole = plan(config, "prod", { ...opts, duration: 7200 }).steps[1] as AssumeRoleStep;
    expect(onRole).toMatchObject({ kind: "AssumeRole", mfaSerial: MFA, mfaProcess: "prod-code" });
    const adHoc = plan(config, "bob", { ...opts, roleArn: role("AdHoc"), mfaSerial: MFA, duration: 7200 }).steps.at(-1) as AssumeRoleStep;
    expect(adHoc).toMatchObject({ profile: "bob+--role-arn", mfaSerial: MFA, mfaProcess: "bob-code" });
  });

  it("only on steps that take a code", () => {
    expect(plan(config, "bob", opts).steps[1]).toMatchObject({ kind: "GetSessionToken" });
    expect(plan(config, "bob", opts).steps[1]).not.toHaveProperty("mfaProcess");
    const roles = plan(config, "bob-role", opts).steps.filter((s) => s.kind === "AssumeRole");
    expect(roles).toHaveLength(1);
    expect(roles[0]).not.toHaveProperty("mfaProcess");
  });
});
