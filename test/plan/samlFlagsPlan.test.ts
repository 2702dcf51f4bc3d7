import path from "node:path";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { FLAGS_PROFILE, samlFlagsPlan } from "../../src/plan/samlFlagsPlan.js";

describe("samlFlagsPlan", () => {
  it("builds one AssumeRoleWithSAML step whose duration the assertion may set", () => {
    expect(samlFlagsPlan({ url: "https://idp.example/aws" }, {})).toEqual({
      profile: FLAGS_PROFILE,
      region: "us-east-1",
      regionDefaulted: true,
      steps: [
        {
          kind: "AssumeRoleWithSAML",
          profile: "(saml)",
          durationSeconds: 3600,
          durationDefaulted: true,
          reasons: ["duration 1h unless the assertion's SessionDuration says otherwise"],
          assertion: { kind: "browser", url: "https://idp.example/aws" },
        },
      ],
      reasons: ["region us-east-1: the default (no --region, AWS_REGION or AWS_DEFAULT_REGION), so not exported"],
    });
  });

  it("takes a file (made absolute) or stdin, the roles and --duration", () => {
    const p = samlFlagsPlan(
      { assertionFile: "resp.b64", roleArn: "arn:aws:iam::123456789012:role/R", principalArn: "arn:aws:iam::123456789012:saml-provider/idp", duration: 7200 },
      {},
    );
    expect(p.steps[0]).toMatchObject({
      assertion: { kind: "file", path: path.resolve("resp.b64") },
      roleArn: "arn:aws:iam::123456789012:role/R",
      principalArn: "arn:aws:iam::123456789012:saml-provider/idp",
      durationSeconds: 7200,
      durationDefaulted: false,
      reasons: ["duration 2h: from --duration"],
    });
    expect(samlFlagsPlan({ assertionFile: "-" }, {}).steps[0]).toMatchObject({ assertion: { kind: "file", path: "-" } });
  });

  it("chooses region and endpoint like every other plan", () => {
    const p = samlFlagsPlan({ url: "https://idp", region: "eu-west-1" }, { AWS_ENDPOINT_URL: "http://c" });
    expect(p).toMatchObject({ region: "eu-west-1", endpoint: "http://c" });
    expect(p.reasons).toEqual(["region eu-west-1: from --region", "STS endpoint http://c: from AWS_ENDPOINT_URL"]);
  });

  it("checks --duration against the AssumeRoleWithSAML range", () => {
    expect(() => samlFlagsPlan({ url: "https://idp", duration: 50000 }, {})).toThrow(UsageError);
  });
});
