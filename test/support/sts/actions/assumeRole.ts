// AssumeRole: validation (API model), MFA, trust policy (sts:AssumeRole, plus
// sts:TagSession / sts:SetSourceIdentity when tags or a source identity are
// passed), duration rules (role maximum, one-hour chaining cap), packing.
import { callerContext, inheritedMfa, principalOf, userBehind } from "../callerContext.js";
import { roleSessionSeconds } from "../durations.js";
import { issueRoleSession, roleSessionResultXml } from "../issueSession.js";
import { mfaParams, verifyMfa } from "../mfa.js";
import { checkPolicyDocument, packedPolicySize } from "../packedPolicy.js";
import { checkDuration, checkPolicyArns, checkString, checkTags, memberList, patterns, tagList } from "../params.js";
import { accessDenied, notAuthorized, validationError, Violations } from "../stsError.js";
import { evaluateTrust, type TrustRequest } from "../trust.js";
import { callerArn, type Tag } from "../world.js";
import type { ConditionContext } from "../conditions.js";
import { requireCaller, type ActionDef } from "./types.js";

export const ROLE_MODEL_MAX_SECONDS = 43200;
const ROLE_ARN = /^arn:aws:iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]+$/;

/** Condition keys describing the tags a request passes. */
export function requestTagContext(tags: Tag[], transitiveKeys: string[]): ConditionContext {
  const ctx: ConditionContext = {};
  if (tags.length > 0) ctx["aws:TagKeys"] = tags.map((t) => t.key);
  for (const t of tags) ctx[`aws:RequestTag/${t.key}`] = t.value;
  if (transitiveKeys.length > 0) ctx["sts:TransitiveTagKeys"] = transitiveKeys;
  return ctx;
}

export const assumeRole: ActionDef = {
  auth: "sigv4",
  handle(ctx) {
    const { world, params: p } = ctx;
    const caller = requireCaller(ctx);
    const v = new Violations();
    checkString(v, "roleArn", p.RoleArn, { required: true, min: 20, max: 2048 });
    checkString(v, "roleSessionName", p.RoleSessionName, { required: true, min: 2, max: 64, pattern: patterns.sessionName });
    const requested = checkDuration(v, p, ROLE_MODEL_MAX_SECONDS);
    checkString(v, "externalId", p.ExternalId, { min: 2, max: 1224, pattern: patterns.externalId });
    checkString(v, "serialNumber", p.SerialNumber, { min: 9, max: 256, pattern: patterns.serialNumber });
    checkString(v, "tokenCode", p.TokenCode, { min: 6, max: 6, pattern: patterns.tokenCode });
    checkString(v, "sourceIdentity", p.SourceIdentity, { min: 2, max: 64, pattern: patterns.sessionName });
    const tags = tagList(p);
    const transitiveKeys = memberList(p, "TransitiveTagKeys");
    const policyArns = memberList(p, "PolicyArns", "arn");
    checkTags(v, tags, transitiveKeys);
    checkPolicyArns(v, policyArns);
    v.throwIfAny();
    checkPolicyDocument(p.Policy);
    const roleArn = p.RoleArn as string;
    const sessionName = p.RoleSessionName as string;
    if (!ROLE_ARN.test(roleArn)) throw validationError("Request ARN is invalid");

    const who = callerArn(caller);
    if (caller.kind === "user" && caller.user.root) throw accessDenied("Roles may not be assumed by root accounts.");
    if (caller.kind === "session" && caller.session.kind === "federated-user") throw notAuthorized(who, "sts:AssumeRole", roleArn);

    const mfa = mfaParams(p);
    const mfaAuthTime = mfa ? verifyMfa(world, mfa.serial, mfa.code, userBehind(caller)) : inheritedMfa(caller);

    const session = caller.kind === "session" ? caller.session : undefined;
    const sourceIdentity = session?.sourceIdentity ?? p.SourceIdentity;
    const trustRequest = (action: string): TrustRequest => ({
      action,
      principal: principalOf(caller),
      context: {
        ...callerContext(caller, world.clock.now(), mfaAuthTime),
        ...requestTagContext(tags, transitiveKeys),
        "sts:RoleSessionName": sessionName,
        "sts:ExternalId": p.ExternalId,
        "sts:SourceIdentity": sourceIdentity,
      },
    });
    const role = world.roles.get(roleArn);
    // A missing role and a refusing trust policy look the same to the caller.
    if (!role || !evaluateTrust(role.trust, trustRequest("sts:AssumeRole"))) throw notAuthorized(who, "sts:AssumeRole", roleArn);
    if (tags.length > 0 && !evaluateTrust(role.trust, trustRequest("sts:TagSession"))) throw notAuthorized(who, "sts:TagSession", roleArn);
    if (p.SourceIdentity !== undefined) {
      // Once set, a source identity stays for the whole chain.
      if (session?.sourceIdentity !== undefined && session.sourceIdentity !== p.SourceIdentity) {
        throw notAuthorized(who, "sts:SetSourceIdentity", roleArn);
      }
      if (!evaluateTrust(role.trust, trustRequest("sts:SetSourceIdentity"))) throw notAuthorized(who, "sts:SetSourceIdentity", roleArn);
    }

    // Role chaining: a role session, or (as AWS treats it) a GetSessionToken session.
    const chained = caller.kind === "session";
    const seconds = roleSessionSeconds(requested, role, chained);
    const inheritedTags = session ? session.tags.filter((t) => session.transitiveTagKeys.includes(t.key)) : [];
    const packed = packedPolicySize({ policy: p.Policy, policyArns, tags: [...inheritedTags, ...tags] });
    const issued = issueRoleSession(world, {
      role,
      sessionName,
      durationSeconds: seconds,
      user: userBehind(caller),
      mfaAuthTime,
      sourceIdentity,
      tags,
      transitiveTagKeys: transitiveKeys,
      inheritedTags,
      tokenGrowth: (packed ?? 0) * 4,
    });
    return roleSessionResultXml(issued, packed);
  },
};
