// GetFederationToken: long-term user keys only; a federated-user session
// named by the caller, 900..129600 s (default 43200, root cut to one hour).
import { credentialsXml, mintSession } from "../issueSession.js";
import { checkPolicyDocument, packedPolicySize } from "../packedPolicy.js";
import { checkDuration, checkPolicyArns, checkString, checkTags, memberList, patterns, tagList } from "../params.js";
import { accessDenied, Violations } from "../stsError.js";
import { el } from "../xml.js";
import { requireCaller, type ActionDef } from "./types.js";
import { ROOT_MAX_SECONDS, SESSION_TOKEN_DEFAULT_SECONDS, SESSION_TOKEN_MAX_SECONDS } from "./getSessionToken.js";

export const getFederationToken: ActionDef = {
  auth: "sigv4",
  handle(ctx) {
    const { world, params } = ctx;
    const caller = requireCaller(ctx);
    const v = new Violations();
    checkString(v, "name", params.Name, { required: true, min: 2, max: 32, pattern: patterns.sessionName });
    const requested = checkDuration(v, params, SESSION_TOKEN_MAX_SECONDS);
    const tags = tagList(params);
    const policyArns = memberList(params, "PolicyArns", "arn");
    checkTags(v, tags, []);
    checkPolicyArns(v, policyArns);
    v.throwIfAny();
    checkPolicyDocument(params.Policy);
    if (caller.kind !== "user") throw accessDenied("Cannot call GetFederationToken with session credentials");
    const user = caller.user;
    const packed = packedPolicySize({ policy: params.Policy, policyArns, tags });
    let seconds = requested ?? SESSION_TOKEN_DEFAULT_SECONDS;
    if (user.root) seconds = Math.min(seconds, ROOT_MAX_SECONDS);
    const name = params.Name as string;
    const session = mintSession(world, {
      kind: "federated-user",
      durationSeconds: seconds,
      tokenGrowth: (packed ?? 0) * 4,
      accountId: user.accountId,
      arn: `arn:aws:sts::${user.accountId}:federated-user/${name}`,
      userId: `${user.accountId}:${name}`,
      user,
      tags,
      transitiveTagKeys: [],
    });
    return [
      credentialsXml(session),
      `    <FederatedUser>\n      ${el("FederatedUserId", session.userId)}\n      ${el("Arn", session.arn)}\n    </FederatedUser>`,
      packed === undefined ? "" : `    ${el("PackedPolicySize", packed)}`,
    ]
      .filter((s) => s !== "")
      .join("\n");
  },
};
