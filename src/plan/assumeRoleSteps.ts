import type { Profile } from "../config/profile.js";
import { durationReason, type AskedDuration } from "./askedDuration.js";
import { defined } from "./defined.js";
import { CHAINED_MAX, LIMITS, checkRange, showDuration } from "./durations.js";
import { mfaProcessOf, type MfaPlacement } from "./placeMfa.js";
import type { PlanOptions } from "./planOptions.js";
import type { RoleHop } from "./roleHops.js";
import type { AssumeRoleStep, SourceStep } from "./steps.js";

export interface HopsInput {
  hops: RoleHop[];
  top: Profile;
  source: SourceStep | undefined;
  longTerm: boolean;
  mfa: MfaPlacement;
  asked: AskedDuration | undefined;
  /** The flags that shape the last hop's session. */
  opts: Pick<PlanOptions, "sessionName" | "defaultSessionName" | "externalId" | "sourceIdentity" | "tags" | "transitiveTagKeys" | "policy" | "policyArns">;
}

/**
 * One AssumeRole step per hop: which are chained (AWS caps a role assumed with
 * session credentials at 1h), each duration, and the flags that only the last
 * hop (the credentials the user gets) takes.
 */
export function assumeRoleSteps({ hops, top, source, longTerm, mfa, asked, opts }: HopsInput): AssumeRoleStep[] {
  const gst = mfa.sessionToken;
  // Only a hop from long-term keys is unchained. Of the SDK's sources, SSO and instance or
  // container credentials are role sessions; another tool's credential_process may be either.
  const fromLongTermOrUnknown = longTerm || (source?.kind === "SdkProvider" && source.provider === "process");
  return hops.map((hop, i) => {
    const last = i === hops.length - 1;
    const chained = gst || i > 0 || !fromLongTermOrUnknown;
    const why: string[] = [];
    let duration: number;
    if (last) {
      duration = asked?.s ?? LIMITS.AssumeRole.default;
      if (asked) checkRange("AssumeRole", asked.s, asked.from);
      if (chained && duration > CHAINED_MAX) {
        why.push(
          `duration ${showDuration(CHAINED_MAX)} (asked ${showDuration(duration)}): chained role: 1h maximum (AWS caps roles assumed with session credentials)`,
        );
        duration = CHAINED_MAX;
      } else why.push(durationReason(duration, asked, "AssumeRole"));
    } else {
      duration = chained ? CHAINED_MAX : (hop.profile.durationSeconds ?? LIMITS.AssumeRole.default);
      why.push(`duration ${showDuration(duration)}: intermediate hop${chained ? " (chained role: 1h maximum)" : ""}`);
    }
    if (chained && i === 0 && gst) why.push("chained: assumed with the GetSessionToken session");
    else if (chained && i === 0) why.push("chained: assumed with temporary credentials");
    else if (chained) why.push("chained: assumed with the previous role's session");
    const mfaHere = i === mfa.onHop;
    if (mfaHere) {
      why.push(
        gst || !longTerm
          ? "MFA on AssumeRole: the source credentials are temporary, so GetSessionToken is not possible"
          : `MFA on AssumeRole: a single role asked for more than 1h cannot come from a GetSessionToken session`,
      );
    }
    return {
      kind: "AssumeRole",
      profile: hop.adHoc ? `${top.name}+--role-arn` : hop.profile.name,
      roleArn: hop.roleArn,
      roleSessionName: (last ? opts.sessionName : undefined) ?? hop.profile.roleSessionName ?? opts.defaultSessionName,
      durationSeconds: duration,
      chained,
      reasons: why,
      ...(mfaHere ? { mfaSerial: mfa.serial, ...mfaProcessOf(hop.profile, top) } : {}),
      ...defined({
        externalId: (last && opts.externalId) || (hop.adHoc ? undefined : hop.profile.externalId),
        sourceIdentity: (last && opts.sourceIdentity) || (hop.adHoc ? undefined : hop.profile.sourceIdentity),
        tags: last && opts.tags ? { ...hop.profile.sessionTags, ...opts.tags } : hop.adHoc ? undefined : hop.profile.sessionTags,
        transitiveTagKeys: (last && opts.transitiveTagKeys) || (hop.adHoc ? undefined : hop.profile.transitiveSessionTags),
        policy: last ? opts.policy : undefined,
        policyArns: last ? opts.policyArns : undefined,
      }),
    };
  });
}
