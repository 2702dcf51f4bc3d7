import * as f from "../config/fields.js";
import { UsageError } from "../errors.js";
import type { PlanEnv } from "./planOptions.js";
import type { Plan } from "./steps.js";
import { webIdentityPlan, type WebIdentityFlags } from "./webIdentityPlan.js";

/** The profile label of a plan built from the AWS_WEB_IDENTITY_TOKEN_FILE convention. */
export const ENVIRONMENT_PROFILE = "(environment)";

/**
 * The convention the AWS SDKs and EKS follow when no profile is named: the token
 * in AWS_WEB_IDENTITY_TOKEN_FILE, the role in AWS_ROLE_ARN, the session name in
 * AWS_ROLE_SESSION_NAME (AWS SDKs and Tools reference guide, "Assume role
 * credential provider"). --role-arn and --session-name, where a command takes
 * them, stand in for the variables. Undefined when AWS_WEB_IDENTITY_TOKEN_FILE
 * is not set: the environment does not follow the convention.
 */
export function environmentWebIdentityPlan(env: PlanEnv, flags: WebIdentityFlags): Plan | undefined {
  const tokenFile = env.AWS_WEB_IDENTITY_TOKEN_FILE;
  if (!tokenFile) return undefined;
  const role = roleFromEnvironment(env, flags);
  return webIdentityPlan({
    ...flags,
    ...role,
    profile: ENVIRONMENT_PROFILE,
    token: { kind: "file", path: tokenFile },
    reasons: [
      flags.roleArn
        ? "token from AWS_WEB_IDENTITY_TOKEN_FILE (no profile named)"
        : "token from AWS_WEB_IDENTITY_TOKEN_FILE and role from AWS_ROLE_ARN (no profile named)",
    ],
    env,
  });
}

/** The role and session name of a profile-less web identity: the flags, else AWS_ROLE_ARN and AWS_ROLE_SESSION_NAME. */
export function roleFromEnvironment(env: PlanEnv, flags: Pick<WebIdentityFlags, "roleArn" | "sessionName">): { roleArn: string; sessionName?: string } {
  const roleArn = flags.roleArn ?? (env.AWS_ROLE_ARN ? f.roleArn(env.AWS_ROLE_ARN, "AWS_ROLE_ARN") : undefined);
  if (!roleArn) {
    throw new UsageError("no role to assume: pass --role-arn or set AWS_ROLE_ARN", { hint: "the role whose trust policy names your identity provider" });
  }
  const sessionName = flags.sessionName ?? (env.AWS_ROLE_SESSION_NAME ? f.sessionName(env.AWS_ROLE_SESSION_NAME, "AWS_ROLE_SESSION_NAME") : undefined);
  return { roleArn, ...(sessionName ? { sessionName } : {}) };
}
