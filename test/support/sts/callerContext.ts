// How an IAM caller looks to a trust policy: the principal it can be named as,
// and the global condition keys its credentials carry.
import type { ConditionContext } from "./conditions.js";
import type { PrincipalRef } from "./trust.js";
import type { Caller, IssuedSession, User } from "./world.js";

export function principalOf(caller: Caller): PrincipalRef {
  if (caller.kind === "user") return { type: "AWS", accountId: caller.user.accountId, arns: [caller.user.arn] };
  const s = caller.session;
  // A role session may be named by its role ARN or its own assumed-role ARN;
  // a GetSessionToken session acts as its user.
  const arns = s.kind === "role" && s.role ? [s.role.arn, s.arn] : [s.arn];
  return { type: "AWS", accountId: s.accountId, arns };
}

/** The long-term user at the root of the caller's credentials (owner of its MFA devices). */
export function userBehind(caller: Caller): User | undefined {
  return caller.kind === "user" ? caller.user : caller.session.user;
}

/** MFA state the caller's credentials carry into the next request. */
export function inheritedMfa(caller: Caller): Date | undefined {
  return caller.kind === "session" ? caller.session.mfaAuthTime : undefined;
}

const principalType = (caller: Caller): string => {
  if (caller.kind === "user") return caller.user.root ? "Account" : "User";
  return ({ role: "AssumedRole", "session-token": caller.session.user?.root ? "Account" : "User", "federated-user": "FederatedUser" } as const)[
    caller.session.kind
  ];
};

/**
 * Global keys for a request by `caller`. `mfaAuthTime` is when MFA was proven
 * for this request (on the request itself or inherited from the session).
 * As in AWS, aws:MultiFactorAuthPresent is absent for long-term keys without
 * MFA, "false" for temporary credentials without MFA, "true" with MFA.
 */
export function callerContext(caller: Caller, now: Date, mfaAuthTime: Date | undefined): ConditionContext {
  const session: IssuedSession | undefined = caller.kind === "session" ? caller.session : undefined;
  const user = userBehind(caller);
  const ctx: ConditionContext = {
    "aws:PrincipalArn": session?.kind === "role" && session.role ? session.role.arn : (session?.arn ?? user?.arn),
    "aws:PrincipalAccount": session?.accountId ?? user?.accountId,
    "aws:PrincipalType": principalType(caller),
    "aws:userid": session?.userId ?? user?.userId,
    "aws:username": user && !user.root && (!session || session.kind === "session-token") ? user.name : undefined,
    "aws:CurrentTime": now.toISOString().replace(/\.\d{3}Z$/, "Z"),
    "aws:EpochTime": String(Math.floor(now.getTime() / 1000)),
    "aws:SecureTransport": "false",
  };
  if (mfaAuthTime) {
    ctx["aws:MultiFactorAuthPresent"] = "true";
    ctx["aws:MultiFactorAuthAge"] = String(Math.max(0, Math.floor((now.getTime() - mfaAuthTime.getTime()) / 1000)));
  } else if (session) {
    ctx["aws:MultiFactorAuthPresent"] = "false";
  }
  if (session) {
    ctx["aws:TokenIssueTime"] = session.issuedAt.toISOString().replace(/\.\d{3}Z$/, "Z");
    if (session.sourceIdentity !== undefined) ctx["aws:SourceIdentity"] = session.sourceIdentity;
    for (const t of session.tags) ctx[`aws:PrincipalTag/${t.key}`] = t.value;
  }
  return ctx;
}
