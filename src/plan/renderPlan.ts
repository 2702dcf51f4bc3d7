import { showDuration } from "./durations.js";
import type { Plan, Step } from "./steps.js";

/** The plan as a tree for people: one line per step, its reasons beneath. */
export function renderPlan(plan: Plan): string {
  const lines = [`${plan.profile}  (region ${plan.region}${plan.endpoint ? `, endpoint ${plan.endpoint}` : ""})`];
  plan.steps.forEach((step, i) => {
    const last = i === plan.steps.length - 1;
    lines.push(`${last ? "└─" : "├─"} ${title(step)}`);
    for (const r of [...details(step), ...step.reasons]) lines.push(`${last ? "   " : "│  "}   ${r}`);
  });
  for (const r of plan.reasons) lines.push(`· ${r}`);
  return lines.join("\n") + "\n";
}

function title(step: Step): string {
  switch (step.kind) {
    case "StaticKeys":
      return `static keys of "${step.profile}"${step.temporary ? " (session)" : ""}`;
    case "KeychainKeys":
      return `keychain keys of "${step.profile}"`;
    case "Environment":
      return "keys from the environment";
    case "SdkProvider":
      return `AWS SDK credentials of "${step.profile}" (${step.provider})`;
    case "GetSessionToken":
      return `GetSessionToken ${showDuration(step.durationSeconds)}${step.mfaSerial ? `  MFA ${step.mfaSerial}` : ""}`;
    case "AssumeRole":
      return `AssumeRole ${step.roleArn} ${showDuration(step.durationSeconds)}${step.chained ? " (chained)" : ""}${step.mfaSerial ? `  MFA ${step.mfaSerial}` : ""}  session ${step.roleSessionName}`;
    case "AssumeRoleWithWebIdentity":
      return `AssumeRoleWithWebIdentity ${step.roleArn} ${showDuration(step.durationSeconds)}  token from ${step.token.kind === "file" ? step.token.path : step.token.kind === "process" ? "a command" : `${step.token.issuer} (${step.token.flow})`}`;
    case "AssumeRoleWithSAML":
      return `AssumeRoleWithSAML ${step.roleArn ?? "(role from the assertion)"} ${showDuration(step.durationSeconds)}  assertion from ${step.assertion.kind === "file" ? step.assertion.path : step.assertion.url || "a browser sign-in"}`;
  }
}

/**
 * What the call sends besides its title, as `--json` shows it. The ExternalId is not a
 * secret (the IAM console shows it in a role's trust policy), so it is shown in full.
 */
function details(step: Step): string[] {
  if (step.kind !== "AssumeRole" && step.kind !== "AssumeRoleWithWebIdentity" && step.kind !== "AssumeRoleWithSAML") return [];
  const out: string[] = [];
  if (step.kind === "AssumeRole") {
    if (step.externalId !== undefined) out.push(`External ID: ${step.externalId}`);
    const tags = Object.entries(step.tags ?? {});
    if (tags.length) out.push(`session tags: ${tags.map(([k, v]) => `${k}=${v}`).join(", ")}`);
    if (step.transitiveTagKeys?.length) out.push(`transitive tag keys: ${step.transitiveTagKeys.join(", ")}`);
    if (step.sourceIdentity !== undefined) out.push(`source identity: ${step.sourceIdentity}`);
  }
  if (step.policyArns?.length) out.push(`session policies: ${step.policyArns.join(", ")}`);
  if (step.policy !== undefined) out.push(`inline session policy: ${step.policy.length} characters`);
  return out;
}
