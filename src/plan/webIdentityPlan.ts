import { durationReason, type AskedDuration } from "./askedDuration.js";
import { checkRange, LIMITS } from "./durations.js";
import type { PlanEnv } from "./planOptions.js";
import { resolveWhere } from "./resolveWhere.js";
import type { Plan, WebIdentityTokenSource } from "./steps.js";

/** Checked values of the flags a profile-less web identity takes. */
export interface WebIdentityFlags {
  roleArn?: string;
  sessionName?: string;
  /** Seconds, from --duration. */
  duration?: number;
  region?: string;
  endpointUrl?: string;
}

export interface WebIdentityPlanInput extends WebIdentityFlags {
  /** A label for the plan and cache key: "(environment)" or "(flags)". */
  profile: string;
  roleArn: string;
  token: WebIdentityTokenSource;
  /** Why each value was chosen, e.g. "token from AWS_WEB_IDENTITY_TOKEN_FILE". */
  reasons: string[];
  env: PlanEnv;
}

/**
 * A one-step plan for a web identity that no profile describes: the
 * AWS_WEB_IDENTITY_TOKEN_FILE / AWS_ROLE_ARN convention of EKS and CI systems
 * (environmentWebIdentityPlan.ts), or `stsctl oidc --token-file ... --role-arn ...`.
 * Region and endpoint are chosen as for profiles, minus the profile.
 */
export function webIdentityPlan(input: WebIdentityPlanInput): Plan {
  const api = "AssumeRoleWithWebIdentity";
  const asked: AskedDuration | undefined = input.duration !== undefined ? { s: input.duration, from: "--duration" } : undefined;
  if (asked) checkRange(api, asked.s, asked.from);
  const seconds = asked?.s ?? LIMITS[api].default;
  const reasons = [...input.reasons];
  const where = resolveWhere({ region: input.region, endpointUrl: input.endpointUrl, env: input.env }, reasons);
  return {
    profile: input.profile,
    ...where,
    reasons,
    steps: [
      {
        kind: "AssumeRoleWithWebIdentity",
        profile: input.profile,
        roleArn: input.roleArn,
        token: input.token,
        durationSeconds: seconds,
        reasons: [durationReason(seconds, asked, api)],
        ...(input.sessionName ? { roleSessionName: input.sessionName } : {}),
      },
    ],
  };
}
