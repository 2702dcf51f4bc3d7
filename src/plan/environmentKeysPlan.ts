import type { PlanEnv } from "./planOptions.js";
import { resolveWhere } from "./resolveWhere.js";
import type { Plan } from "./steps.js";

/** The profile label of a plan whose credentials are the environment's own keys. */
export const ENVIRONMENT_KEYS_PROFILE = "(environment keys)";

/**
 * The keys in AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (with AWS_SESSION_TOKEN,
 * if set), used as they are: the first source of the AWS SDKs' default chain (AWS
 * SDKs and Tools reference guide, "Environment variables"). For `whoami` with no
 * profile named and no current session. Undefined unless both keys are set.
 */
export function environmentKeysPlan(env: PlanEnv, flags: { region?: string; endpointUrl?: string }): Plan | undefined {
  if (!env.AWS_ACCESS_KEY_ID || !env.AWS_SECRET_ACCESS_KEY) return undefined;
  const reasons: string[] = [];
  const where = resolveWhere({ ...flags, env }, reasons);
  const source = `the ${env.AWS_SESSION_TOKEN ? "session" : "long-term"} keys in AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (no profile named)`;
  return { profile: ENVIRONMENT_KEYS_PROFILE, ...where, steps: [{ kind: "Environment", profile: ENVIRONMENT_KEYS_PROFILE, reasons: [source] }], reasons };
}
