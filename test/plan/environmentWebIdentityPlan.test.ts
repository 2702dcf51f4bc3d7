import { describe, expect, it } from "vitest";
import { ConfigError, UsageError } from "../../src/errors.js";
import { ENVIRONMENT_PROFILE, environmentWebIdentityPlan, roleFromEnvironment } from "../../src/plan/environmentWebIdentityPlan.js";
import { webIdentityPlan } from "../../src/plan/webIdentityPlan.js";

const ROLE = "arn:aws:iam::123456789012:role/Deploy";
const FLAG_ROLE = "arn:aws:iam::123456789012:role/ByFlag";
const env = { AWS_WEB_IDENTITY_TOKEN_FILE: "/run/token", AWS_ROLE_ARN: ROLE, AWS_ROLE_SESSION_NAME: "gha-42" };

describe("environmentWebIdentityPlan", () => {
  it("is undefined unless AWS_WEB_IDENTITY_TOKEN_FILE is set", () => {
    expect(environmentWebIdentityPlan({ AWS_ROLE_ARN: ROLE }, {})).toBeUndefined();
  });

  it("builds one AssumeRoleWithWebIdentity step from the variables", () => {
    expect(environmentWebIdentityPlan(env, {})).toEqual({
      profile: ENVIRONMENT_PROFILE,
      region: "us-east-1",
      regionDefaulted: true,
      reasons: [
        "token from AWS_WEB_IDENTITY_TOKEN_FILE and role from AWS_ROLE_ARN (no profile named)",
        "region us-east-1: the default (no --region, AWS_REGION or AWS_DEFAULT_REGION), so not exported",
      ],
      steps: [
        {
          kind: "AssumeRoleWithWebIdentity",
          profile: "(environment)",
          roleArn: ROLE,
          token: { kind: "file", path: "/run/token" },
          durationSeconds: 3600,
          reasons: ["duration 1h: AssumeRoleWithWebIdentity default"],
          roleSessionName: "gha-42",
        },
      ],
    });
  });

  it("lets --role-arn, --session-name, --duration, --region and --endpoint-url stand in for the variables", () => {
    const p = environmentWebIdentityPlan(env, {
      roleArn: FLAG_ROLE,
      sessionName: "mine",
      duration: 7200,
      region: "eu-west-3",
      endpointUrl: "http://sts.local",
    })!;
    expect(p.reasons).toEqual([
      "token from AWS_WEB_IDENTITY_TOKEN_FILE (no profile named)",
      "region eu-west-3: from --region",
      "STS endpoint http://sts.local: from --endpoint-url",
    ]);
    expect(p.endpoint).toBe("http://sts.local");
    expect(p.steps[0]).toMatchObject({ roleArn: FLAG_ROLE, roleSessionName: "mine", durationSeconds: 7200, reasons: ["duration 2h: from --duration"] });
  });

  it("takes the region and endpoint from the environment too", () => {
    const p = environmentWebIdentityPlan({ ...env, AWS_REGION: "eu-north-1", AWS_ENDPOINT_URL_STS: "http://b" }, {})!;
    expect(p).toMatchObject({ region: "eu-north-1", endpoint: "http://b" });
  });

  it("fails when no role is given, and checks the variables' values", () => {
    const noRole = () => environmentWebIdentityPlan({ AWS_WEB_IDENTITY_TOKEN_FILE: "/run/token" }, {});
    expect(noRole).toThrow(UsageError);
    expect(noRole).toThrow("no role to assume: pass --role-arn or set AWS_ROLE_ARN");
    expect(() => environmentWebIdentityPlan({ ...env, AWS_ROLE_ARN: "Deploy" }, {})).toThrow(ConfigError);
    expect(() => environmentWebIdentityPlan({ ...env, AWS_ROLE_SESSION_NAME: "has spaces" }, {})).toThrow(/AWS_ROLE_SESSION_NAME/);
    expect(() => environmentWebIdentityPlan(env, { duration: 600 })).toThrow(/below the AssumeRoleWithWebIdentity minimum/);
  });
});

describe("roleFromEnvironment", () => {
  it("prefers the flags, else reads AWS_ROLE_ARN and AWS_ROLE_SESSION_NAME", () => {
    expect(roleFromEnvironment(env, {})).toEqual({ roleArn: ROLE, sessionName: "gha-42" });
    expect(roleFromEnvironment(env, { roleArn: FLAG_ROLE, sessionName: "mine" })).toEqual({ roleArn: FLAG_ROLE, sessionName: "mine" });
    expect(roleFromEnvironment({ AWS_ROLE_ARN: ROLE }, {})).toEqual({ roleArn: ROLE });
  });
});

describe("webIdentityPlan", () => {
  it("keeps the caller's reasons first and leaves out what is not set", () => {
    const p = webIdentityPlan({
      profile: "(flags)",
      roleArn: ROLE,
      token: { kind: "process", command: "get-token" },
      reasons: ["token from --token-process"],
      env: {},
    });
    expect(p.reasons[0]).toBe("token from --token-process");
    expect(p).not.toHaveProperty("endpoint");
    expect(p.steps[0]).not.toHaveProperty("roleSessionName");
  });
});
