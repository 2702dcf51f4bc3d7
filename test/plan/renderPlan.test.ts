// What `stsctl plan` prints beyond the reasons: what an AssumeRole call sends (the same
// fields `--json` has), and the note for a session so short that its consumers refresh
// it before every call.
import { describe, expect, it } from "vitest";
import { plan, type PlanOptions } from "../../src/plan/plan.js";
import { renderPlan } from "../../src/plan/renderPlan.js";
import { configFrom } from "../support/configFixture.js";

const config = configFrom(
  [
    "[profile alice]",
    "[profile partner]",
    "role_arn = arn:aws:iam::210987654321:role/Partner",
    "source_profile = alice",
    "external_id = acme:Prod/7f3a-42",
    "session_tags = Project=atlas, Team=web",
    "transitive_session_tags = Project",
    "source_identity = alice",
    "[profile quick]",
    "role_arn = arn:aws:iam::123456789012:role/Dev",
    "source_profile = alice",
    "duration_seconds = 900",
  ].join("\n"),
  "[alice]\naws_access_key_id = AKIAALICE\naws_secret_access_key = s\n",
);
const planOf = (name: string, o: Partial<PlanOptions> = {}) => plan(config, name, { want: "session", env: {}, defaultSessionName: "stsctl-test", ...o });
const NOTE =
  "note: a 15m session starts inside the refresh margin of the AWS CLI and boto3 (15m): they run credential_process before every call, " +
  "answered from stsctl's cache; ask for more than 15m to avoid that";

describe("renderPlan", () => {
  it("shows the ExternalId, session tags, transitive keys and source identity that the JSON has", () => {
    const p = planOf("partner");
    expect(p.steps[1]).toMatchObject({ externalId: "acme:Prod/7f3a-42", tags: { Project: "atlas", Team: "web" }, transitiveTagKeys: ["Project"] });
    expect(renderPlan(p).split("\n").slice(3, 9)).toEqual([
      "└─ AssumeRole arn:aws:iam::210987654321:role/Partner 1h  session stsctl-test",
      "      External ID: acme:Prod/7f3a-42",
      "      session tags: Project=atlas, Team=web",
      "      transitive tag keys: Project",
      "      source identity: alice",
      "      duration 1h: AssumeRole default",
    ]);
  });

  it("shows session policies given on the command line", () => {
    const text = renderPlan(planOf("partner", { policyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"], policy: '{"Version":"2012-10-17"}' }));
    expect(text).toContain("\n      session policies: arn:aws:iam::aws:policy/ReadOnlyAccess\n      inline session policy: 24 characters\n");
  });

  it("notes a 15-minute session, from the profile or from --duration, and not a longer one", () => {
    expect(renderPlan(planOf("quick"))).toContain(`      duration 15m: from /h/.aws/config line 12 (duration_seconds)\n      ${NOTE}\n`);
    expect(renderPlan(planOf("partner", { duration: 900 }))).toContain(NOTE);
    expect(planOf("alice", { duration: 900 }).steps.at(-1)!.reasons).toContain(NOTE);
    expect(renderPlan(planOf("quick", { duration: 1800 }))).not.toContain("note:");
    expect(renderPlan(planOf("partner"))).not.toContain("note:");
  });
});
