import type { Profile } from "../config/profile.js";
import { UsageError } from "../errors.js";
import { durationReason, stepDuration, type AskedDuration } from "./askedDuration.js";
import { mfaProcessOf, type MfaPlacement } from "./placeMfa.js";
import type { RoleHop } from "./roleHops.js";
import type { GetSessionTokenStep } from "./steps.js";

/** `stsctl session-token` needs bare long-term keys: GetSessionToken must be the last step. */
export function requireSessionTokenSource(profileName: string, hops: RoleHop[], longTerm: boolean): void {
  if (hops.length > 0 || !longTerm) {
    throw new UsageError(`profile "${profileName}" is not an IAM user with long-term keys`, {
      hint: "GetSessionToken needs long-term keys; use stsctl assume for role profiles",
    });
  }
}

/** The GetSessionToken step on the user's long-term keys: the session itself, or the MFA session roles are assumed from. */
export function sessionTokenStep(base: Profile, top: Profile, hops: RoleHop[], mfa: MfaPlacement, asked: AskedDuration | undefined): GetSessionTokenStep {
  const last = hops.length === 0;
  const duration = stepDuration("GetSessionToken", asked, last);
  const why: string[] = [];
  if (mfa.wanted) {
    why.push(
      hops.length
        ? `MFA via GetSessionToken: one code serves every role assumed from "${base.name}" while this session lasts`
        : `MFA session for IAM user "${base.name}"`,
    );
  } else why.push(`temporary credentials for IAM user "${base.name}", so long-term keys never leave stsctl`);
  why.push(durationReason(duration, last ? asked : undefined, "GetSessionToken"));
  return {
    kind: "GetSessionToken",
    profile: base.name,
    durationSeconds: duration,
    ...(mfa.wanted ? { mfaSerial: mfa.serial, ...mfaProcessOf(base, top) } : {}),
    reasons: why,
  };
}
