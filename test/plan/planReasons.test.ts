// The exact reasons `stsctl plan` shows for each decision (source, GetSessionToken, where
// MFA goes, chaining and the 1h cap, intermediate hops), so a refactor of src/plan keeps
// every word.
import { describe, expect, it } from "vitest";
import { plan, type PlanOptions } from "../../src/plan/plan.js";
import { renderPlan } from "../../src/plan/renderPlan.js";
import { configFrom } from "../support/configFixture.js";

const role = (n: string) => `arn:aws:iam::123456789012:role/${n}`;
const MFA = "arn:aws:iam::123456789012:mfa/alice";
const config = configFrom(
  [
    "[profile alice]",
    "region = eu-west-1",
    "[profile prod]",
    `role_arn = ${role("Prod")}`,
    "source_profile = alice",
    `mfa_serial = ${MFA}`,
    "[profile audit]",
    `role_arn = ${role("Audit")}`,
    "source_profile = prod",
    "[profile dev]",
    `role_arn = ${role("Dev")}`,
    "source_profile = alice",
    "duration_seconds = 7200",
    "[profile ops]",
    `role_arn = ${role("Ops")}`,
    "source_profile = dev",
    "[profile envrole]",
    `role_arn = ${role("Env")}`,
    "credential_source = Environment",
    `mfa_serial = ${MFA}`,
  ].join("\n"),
  "[alice]\naws_access_key_id = AKIAALICE\naws_secret_access_key = s\n",
);
const render = (name: string, o: Partial<PlanOptions> = {}) =>
  renderPlan(plan(config, name, { want: "session", env: {}, defaultSessionName: "stsctl-test", ...o }));
const KEYS = 'long-term keys of profile "alice" (/h/.aws/credentials line 2 (aws_access_key_id))';
const DEFAULT_REGION = "· region us-east-1: the default (no --region, profile region, AWS_REGION or AWS_DEFAULT_REGION), so not exported";

describe("plan reasons", () => {
  it("bare keys get a session, or are used as they are", () => {
    expect(render("alice")).toBe(
      [
        "alice  (region eu-west-1)",
        '├─ static keys of "alice"',
        `│     ${KEYS}`,
        "└─ GetSessionToken 12h",
        '      temporary credentials for IAM user "alice", so long-term keys never leave stsctl',
        "      duration 12h: GetSessionToken default",
        '· region eu-west-1: from profile "alice"',
        "",
      ].join("\n"),
    );
    expect(render("alice", { want: "any" })).toBe(
      ["alice  (region eu-west-1)", '└─ static keys of "alice"', `      ${KEYS}`, '· region eu-west-1: from profile "alice"', ""].join("\n"),
    );
  });

  it("MFA via GetSessionToken, the role chained on it", () => {
    expect(render("prod")).toBe(
      [
        "prod  (region us-east-1)",
        '├─ static keys of "alice"',
        `│     ${KEYS}`,
        `├─ GetSessionToken 12h  MFA ${MFA}`,
        '│     MFA via GetSessionToken: one code serves every role assumed from "alice" while this session lasts',
        "│     duration 12h: GetSessionToken default",
        `└─ AssumeRole ${role("Prod")} 1h (chained)  session stsctl-test`,
        "      duration 1h: AssumeRole default",
        "      chained: assumed with the GetSessionToken session",
        DEFAULT_REGION,
        "",
      ].join("\n"),
    );
  });

  it("MFA on a single role asked for more than 1h", () => {
    expect(render("prod", { duration: 7200 })).toBe(
      [
        "prod  (region us-east-1)",
        '├─ static keys of "alice"',
        `│     ${KEYS}`,
        `└─ AssumeRole ${role("Prod")} 2h  MFA ${MFA}  session stsctl-test`,
        "      duration 2h: from --duration",
        "      MFA on AssumeRole: a single role asked for more than 1h cannot come from a GetSessionToken session",
        DEFAULT_REGION,
        "",
      ].join("\n"),
    );
  });

  it("a chain cut to 1h, with its intermediate hop", () => {
    expect(render("audit", { duration: 7200 })).toBe(
      [
        "audit  (region us-east-1)",
        '├─ static keys of "alice"',
        `│     ${KEYS}`,
        `├─ GetSessionToken 12h  MFA ${MFA}`,
        '│     MFA via GetSessionToken: one code serves every role assumed from "alice" while this session lasts',
        "│     duration 12h: GetSessionToken default",
        `├─ AssumeRole ${role("Prod")} 1h (chained)  session stsctl-test`,
        "│     duration 1h: intermediate hop (chained role: 1h maximum)",
        "│     chained: assumed with the GetSessionToken session",
        `└─ AssumeRole ${role("Audit")} 1h (chained)  session stsctl-test`,
        "      duration 1h (asked 2h): chained role: 1h maximum (AWS caps roles assumed with session credentials)",
        "      chained: assumed with the previous role's session",
        DEFAULT_REGION,
        "",
      ].join("\n"),
    );
  });

  it("an unchained intermediate hop keeps its own duration_seconds", () => {
    expect(render("ops")).toBe(
      [
        "ops  (region us-east-1)",
        '├─ static keys of "alice"',
        `│     ${KEYS}`,
        `├─ AssumeRole ${role("Dev")} 2h  session stsctl-test`,
        "│     duration 2h: intermediate hop",
        `└─ AssumeRole ${role("Ops")} 1h (chained)  session stsctl-test`,
        "      duration 1h: AssumeRole default",
        "      chained: assumed with the previous role's session",
        DEFAULT_REGION,
        "",
      ].join("\n"),
    );
  });

  it("MFA on AssumeRole from temporary credentials", () => {
    expect(render("envrole", { env: { AWS_ACCESS_KEY_ID: "AKIAENV", AWS_SESSION_TOKEN: "t" } })).toBe(
      [
        "envrole  (region us-east-1)",
        "├─ keys from the environment",
        "│     credential_source = Environment: AWS_ACCESS_KEY_ID is set in this environment",
        `└─ AssumeRole ${role("Env")} 1h (chained)  MFA ${MFA}  session stsctl-test`,
        "      duration 1h: AssumeRole default",
        "      chained: assumed with temporary credentials",
        "      MFA on AssumeRole: the source credentials are temporary, so GetSessionToken is not possible",
        DEFAULT_REGION,
        "",
      ].join("\n"),
    );
  });
});
