import { checkRange, LIMITS, showDuration } from "../../plan/durations.js";
import { pickRegion } from "../../plan/resolveWhere.js";
import type { Plan, WebIdentityTokenSource } from "../../plan/steps.js";

export interface WebIdentityPlanInput {
  /** A label for the plan and cache key: "(environment)" or "(flags)". */
  profile: string;
  roleArn: string;
  token: WebIdentityTokenSource;
  /** Why each value was chosen, e.g. "token from AWS_WEB_IDENTITY_TOKEN_FILE". */
  reasons: string[];
  sessionName?: string;
  duration?: { seconds: number; from: string };
  region?: string;
  endpointUrl?: string;
  env: NodeJS.ProcessEnv;
}

/**
 * A one-step plan for a web identity that no profile describes: the
 * AWS_WEB_IDENTITY_TOKEN_FILE / AWS_ROLE_ARN convention of EKS and CI systems,
 * or `stsctl oidc --token-file ... --role-arn ...`. Region and endpoint are
 * chosen as for profiles, minus the profile.
 */
export function webIdentityPlan(input: WebIdentityPlanInput): Plan {
  const api = "AssumeRoleWithWebIdentity";
  if (input.duration) checkRange(api, input.duration.seconds, input.duration.from);
  const seconds = input.duration?.seconds ?? LIMITS[api].default;
  const reasons = [...input.reasons];
  const region = pickRegion(
    [
      [input.region, "--region"],
      [input.env.AWS_REGION, "AWS_REGION"],
      [input.env.AWS_DEFAULT_REGION, "AWS_DEFAULT_REGION"],
    ],
    reasons,
  );
  const endpoint = pick(reasons, "STS endpoint", [
    [input.endpointUrl, "--endpoint-url"],
    [input.env.AWS_ENDPOINT_URL_STS, "AWS_ENDPOINT_URL_STS"],
    [input.env.AWS_ENDPOINT_URL, "AWS_ENDPOINT_URL"],
  ]);
  return {
    profile: input.profile,
    region,
    ...(endpoint ? { endpoint } : {}),
    reasons,
    steps: [
      {
        kind: "AssumeRoleWithWebIdentity",
        profile: input.profile,
        roleArn: input.roleArn,
        token: input.token,
        durationSeconds: seconds,
        reasons: [`duration ${showDuration(seconds)}: ${input.duration ? `from ${input.duration.from}` : `${api} default`}`],
        ...(input.sessionName ? { roleSessionName: input.sessionName } : {}),
      },
    ],
  };
}

function pick(reasons: string[], what: string, choices: Array<[string | undefined, string]>): string | undefined {
  const hit = choices.find(([v]) => v);
  if (hit) reasons.push(`${what} ${hit[0]}: from ${hit[1]}`);
  return hit?.[0];
}
