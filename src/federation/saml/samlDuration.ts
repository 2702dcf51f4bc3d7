import { LIMITS, showDuration } from "../../plan/durations.js";
import type { AssumeRoleWithSamlStep } from "../../plan/steps.js";

const { min, max } = LIMITS.AssumeRoleWithSAML;

/**
 * The DurationSeconds to ask for: min(request, SessionDuration, role maximum).
 * When the user asked for nothing, the IdP's SessionDuration decides, as it does
 * for the console. The role's own MaxSessionDuration is known only to STS,
 * which refuses a longer request with a ValidationError that names it.
 */
export function samlDuration(
  step: Pick<AssumeRoleWithSamlStep, "durationSeconds" | "durationDefaulted">,
  sessionDuration: number | undefined,
): { seconds: number; reason: string } {
  if (sessionDuration === undefined)
    return { seconds: step.durationSeconds, reason: `duration ${showDuration(step.durationSeconds)}: no SessionDuration in the assertion` };
  const sd = Math.min(max, Math.max(min, sessionDuration));
  if (step.durationDefaulted) return { seconds: sd, reason: `duration ${showDuration(sd)}: the assertion's SessionDuration` };
  if (step.durationSeconds > sd) {
    return { seconds: sd, reason: `duration ${showDuration(sd)} (asked ${showDuration(step.durationSeconds)}): capped by the assertion's SessionDuration` };
  }
  return { seconds: step.durationSeconds, reason: `duration ${showDuration(step.durationSeconds)}: as asked (within SessionDuration ${showDuration(sd)})` };
}
