import { UsageError } from "../errors.js";
import { planChain, type PlanOptions } from "./plan.js";
import type { Plan } from "./steps.js";

/** The profile label of a plan whose credentials are the environment's own keys. */
export const ENVIRONMENT_KEYS_PROFILE = "(environment keys)";

/**
 * The keys in AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (with AWS_SESSION_TOKEN,
 * if set): the first source of the AWS SDKs' default chain (AWS SDKs and Tools
 * reference guide, "Environment variables"), for a command with no profile named and
 * no current session. Planned as a profile holding those keys would be: used as they
 * are for whoami; for a session, long-term keys get GetSessionToken (with MFA if
 * --mfa-serial asks), session keys are used as they are; --role-arn is assumed with
 * them. Undefined unless both keys are set.
 */
export function environmentKeysPlan(opts: PlanOptions): Plan | undefined {
  const { env } = opts;
  if (!env.AWS_ACCESS_KEY_ID || !env.AWS_SECRET_ACCESS_KEY) return undefined;
  if (opts.want === "session-token" && env.AWS_SESSION_TOKEN) {
    throw new UsageError("the credentials in the environment are session keys (AWS_SESSION_TOKEN is set): GetSessionToken needs long-term keys", {
      hint: "name an IAM user's profile (stsctl session-token PROFILE), or export that user's long-term keys without AWS_SESSION_TOKEN",
    });
  }
  const profile = { name: ENVIRONMENT_KEYS_PROFILE, where: {} };
  const p = planChain({ base: { kind: "environment", profile }, roles: [] }, ENVIRONMENT_KEYS_PROFILE, opts);
  const source = p.steps[0];
  if (source?.kind === "Environment") {
    source.reasons = [`the ${env.AWS_SESSION_TOKEN ? "session" : "long-term"} keys in AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (no profile named)`];
  }
  return p;
}
