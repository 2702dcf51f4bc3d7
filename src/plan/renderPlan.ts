import { showDuration } from "./durations.js";
import type { Plan, Step } from "./steps.js";

/** The plan as a tree for people: one line per step, its reasons beneath. */
export function renderPlan(plan: Plan): string {
  const lines = [`${plan.profile}  (region ${plan.region}${plan.endpoint ? `, endpoint ${plan.endpoint}` : ""})`];
  plan.steps.forEach((step, i) => {
    const last = i === plan.steps.length - 1;
    lines.push(`${last ? "└─" : "├─"} ${title(step)}`);
    for (const r of step.reasons) lines.push(`${last ? "   " : "│  "}   ${r}`);
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
