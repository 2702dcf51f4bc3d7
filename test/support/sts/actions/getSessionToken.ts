// GetSessionToken: long-term user keys only, optional MFA, 900..129600 s
// (default 43200); the root user's sessions are cut to one hour, silently, as
// AWS documents.
import { mintSession, credentialsXml } from "../issueSession.js";
import { mfaParams, verifyMfa } from "../mfa.js";
import { checkDuration, checkString, patterns } from "../params.js";
import { accessDenied, Violations } from "../stsError.js";
import { requireCaller, type ActionDef } from "./types.js";

export const SESSION_TOKEN_DEFAULT_SECONDS = 43200;
export const SESSION_TOKEN_MAX_SECONDS = 129600;
export const ROOT_MAX_SECONDS = 3600;

export const getSessionToken: ActionDef = {
  auth: "sigv4",
  handle(ctx) {
    const { world, params } = ctx;
    const caller = requireCaller(ctx);
    const v = new Violations();
    const requested = checkDuration(v, params, SESSION_TOKEN_MAX_SECONDS);
    checkString(v, "serialNumber", params.SerialNumber, { min: 9, max: 256, pattern: patterns.serialNumber });
    checkString(v, "tokenCode", params.TokenCode, { min: 6, max: 6, pattern: patterns.tokenCode });
    v.throwIfAny();
    if (caller.kind !== "user") throw accessDenied("Cannot call GetSessionToken with session credentials");
    const user = caller.user;
    const mfa = mfaParams(params);
    const mfaAuthTime = mfa ? verifyMfa(world, mfa.serial, mfa.code, user) : undefined;
    let seconds = requested ?? SESSION_TOKEN_DEFAULT_SECONDS;
    if (user.root) seconds = Math.min(seconds, ROOT_MAX_SECONDS);
    const session = mintSession(world, {
      kind: "session-token",
      durationSeconds: seconds,
      accountId: user.accountId,
      arn: user.arn,
      userId: user.userId,
      user,
      mfaAuthTime,
      tags: [],
      transitiveTagKeys: [],
    });
    return credentialsXml(session);
  },
};
