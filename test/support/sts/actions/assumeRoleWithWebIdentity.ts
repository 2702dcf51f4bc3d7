// AssumeRoleWithWebIdentity (unsigned: the token is the proof). Order of checks
// as STS reports them: parameters, the token's shape, a registered provider for
// its `iss`, `aud` among the provider's client ids, `exp`, the signature against
// the issuer's JWKS, then the role's trust policy (Federated oidc-provider ARN,
// conditions on HOST:aud / HOST:sub / HOST:amr).
import { compactVerify, createLocalJWKSet, decodeJwt, decodeProtectedHeader, type JWTPayload } from "jose";
import { roleSessionSeconds } from "../durations.js";
import { issueRoleSession, roleSessionResultXml } from "../issueSession.js";
import { fetchIssuerJwks, findOidcProvider } from "../oidcProviders.js";
import { checkPolicyDocument, packedPolicySize } from "../packedPolicy.js";
import { checkDuration, checkPolicyArns, checkString, memberList, patterns } from "../params.js";
import { StsError, Violations, validationError } from "../stsError.js";
import { evaluateTrust } from "../trust.js";
import { ROLE_MODEL_MAX_SECONDS } from "./assumeRole.js";
import type { ActionDef } from "./types.js";

const ROLE_ARN = /^arn:aws:iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]+$/;
const ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"];
/** Seconds of clock difference tolerated for `iat`. */
const SKEW_SECONDS = 300;

const invalidToken = (message: string) => new StsError("InvalidIdentityToken", message, 400);
const NOT_A_JWT = "The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)";
const NO_KEY = "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements";

function parse(token: string): { payload: JWTPayload; alg: string } {
  try {
    const header = decodeProtectedHeader(token);
    return { payload: decodeJwt(token), alg: String(header.alg ?? "") };
  } catch {
    throw invalidToken(NOT_A_JWT);
  }
}

export const assumeRoleWithWebIdentity: ActionDef = {
  auth: "none",
  async handle(ctx) {
    const { world, params: p } = ctx;
    const v = new Violations();
    checkString(v, "roleArn", p.RoleArn, { required: true, min: 20, max: 2048 });
    checkString(v, "roleSessionName", p.RoleSessionName, { required: true, min: 2, max: 64, pattern: patterns.sessionName });
    checkString(v, "webIdentityToken", p.WebIdentityToken, { required: true, min: 4, max: 20000, echo: false });
    const requested = checkDuration(v, p, ROLE_MODEL_MAX_SECONDS);
    const policyArns = memberList(p, "PolicyArns", "arn");
    checkPolicyArns(v, policyArns);
    v.throwIfAny();
    checkPolicyDocument(p.Policy);
    const roleArn = p.RoleArn as string;
    const sessionName = p.RoleSessionName as string;
    const token = p.WebIdentityToken as string;
    if (!ROLE_ARN.test(roleArn)) throw validationError("Request ARN is invalid");

    const { payload, alg } = parse(token);
    if (typeof payload.iss !== "string") throw invalidToken(NOT_A_JWT);
    const provider = findOidcProvider(world, payload.iss);
    if (!provider) throw invalidToken(`No OpenIDConnect provider found in your account for ${payload.iss}`);
    const audiences = typeof payload.aud === "string" ? [payload.aud] : Array.isArray(payload.aud) ? payload.aud : [];
    const aud = audiences.find((a) => provider.clientIds.includes(a));
    if (!aud) throw invalidToken("Incorrect token audience");

    const now = Math.floor(world.clock.now().getTime() / 1000);
    if (typeof payload.exp !== "number") throw invalidToken("Token is missing the exp claim");
    if (payload.exp <= now) {
      throw new StsError("ExpiredTokenException", `Token expired: current date/time ${now} must be before the expiration date/time ${payload.exp}`, 400);
    }
    if (typeof payload.iat === "number" && payload.iat > now + SKEW_SECONDS) throw invalidToken("Token used before issued");

    if (!ALGORITHMS.includes(alg)) throw invalidToken(`Unsupported signing algorithm ${alg}`);
    const keys = createLocalJWKSet(await fetchIssuerJwks(provider));
    try {
      await compactVerify(token, keys, { algorithms: ALGORITHMS });
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === "ERR_JWKS_NO_MATCHING_KEY" || code === "ERR_JWKS_MULTIPLE_MATCHING_KEYS") throw invalidToken(NO_KEY);
      throw invalidToken("The ID Token signature could not be verified with the identity provider's keys");
    }
    if (typeof payload.sub !== "string" || payload.sub === "") {
      throw new StsError("IDPRejectedClaim", "The identity provider rejected the token: it has no sub claim", 403);
    }

    const role = world.roles.get(roleArn);
    const amr = payload.amr;
    const allowed =
      role &&
      evaluateTrust(role.trust, {
        action: "sts:AssumeRoleWithWebIdentity",
        principal: { type: "Federated", provider: provider.arn },
        context: {
          [`${provider.host}:aud`]: aud,
          [`${provider.host}:sub`]: payload.sub,
          ...(Array.isArray(amr) ? { [`${provider.host}:amr`]: amr.map(String) } : {}),
          "aws:FederatedProvider": provider.arn,
          "sts:RoleSessionName": sessionName,
          "aws:CurrentTime": world.clock
            .now()
            .toISOString()
            .replace(/\.\d{3}Z$/, "Z"),
        },
      });
    if (!role || !allowed) throw new StsError("AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity", 403);

    const packed = packedPolicySize({ policy: p.Policy, policyArns, tags: [] });
    const session = issueRoleSession(world, {
      role,
      sessionName,
      durationSeconds: roleSessionSeconds(requested, role, false),
      tokenGrowth: (packed ?? 0) * 4,
      federation: { provider: provider.arn, sub: payload.sub, aud },
    });
    return roleSessionResultXml(session, packed, {
      SubjectFromWebIdentityToken: payload.sub,
      Provider: provider.host,
      Audience: aud,
    });
  },
};
