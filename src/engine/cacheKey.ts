import { createHash } from "node:crypto";
import type { Plan, Step } from "../plan/steps.js";

/**
 * Cache keys for each step of a plan. A step's key covers everything that makes
 * its session different, plus its parent's key, so two roles assumed from the
 * same user with the same MFA device share the user's GetSessionToken session.
 * Keys never contain secrets (an access key id is not one) and never depend on
 * anything that needs the keychain, so `list` can compute them cheaply.
 */
export function stepKeys(plan: Plan, env: NodeJS.ProcessEnv): string[] {
  const keys: string[] = [];
  let parent = "";
  for (const step of plan.steps) {
    const own = describe(step, env);
    // The endpoint, not the region: a session from any regional endpoint works everywhere,
    // so `session-token alice` and a role from alice share one MFA session.
    const where = step.kind === "StaticKeys" || step.kind === "KeychainKeys" || step.kind === "Environment" ? "" : (plan.endpoint ?? "");
    parent = hash(`${parent}\n${own}\n${where}`);
    keys.push(parent);
  }
  return keys;
}

function describe(step: Step, env: NodeJS.ProcessEnv): string {
  switch (step.kind) {
    case "StaticKeys":
    case "KeychainKeys":
    case "SdkProvider":
      return `${step.kind}|${step.profile}`;
    case "Environment":
      return `Environment|${env.AWS_ACCESS_KEY_ID ?? ""}`;
    case "GetSessionToken":
      // Not the duration: a 12h session serves any shorter request.
      return `GetSessionToken|${step.mfaSerial ?? ""}`;
    case "AssumeRole":
      return JSON.stringify([
        step.kind,
        step.roleArn,
        step.roleSessionName,
        step.externalId ?? "",
        step.mfaSerial ?? "",
        step.policy ?? "",
        step.policyArns ?? [],
        step.tags ? Object.entries(step.tags).sort() : [],
        step.transitiveTagKeys ?? [],
        step.sourceIdentity ?? "",
      ]);
    case "AssumeRoleWithWebIdentity":
      return JSON.stringify([step.kind, step.profile, step.roleArn, step.roleSessionName ?? "", step.token, step.policy ?? "", step.policyArns ?? []]);
    case "AssumeRoleWithSAML":
      return JSON.stringify([step.kind, step.profile, step.roleArn ?? "", step.principalArn ?? "", step.assertion, step.policy ?? "", step.policyArns ?? []]);
  }
}

function hash(s: string): string {
  return createHash("sha256").update(s).digest("hex").slice(0, 32);
}
