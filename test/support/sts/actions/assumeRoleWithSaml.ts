// AssumeRoleWithSAML (unsigned: the signed assertion is the proof). Checks in
// the order STS reports them: parameters, a registered provider, the XML
// signature against its certificates (facts read from the signed bytes only),
// status and issuer, audience and recipient, validity window, the role/provider
// pair among the Role attribute values, RoleSessionName, the role's trust policy
// (Federated saml-provider, sts:AssumeRoleWithSAML, SAML:* keys), duration.
import { createHash } from "node:crypto";
import { roleSessionSeconds } from "../durations.js";
import { issueRoleSession, roleSessionResultXml } from "../issueSession.js";
import { checkPolicyDocument, packedPolicySize } from "../packedPolicy.js";
import { checkDuration, checkPolicyArns, checkString, memberList } from "../params.js";
import "../samlProviders.js";
import { verifySamlResponse } from "../samlVerify.js";
import { StsError, Violations, validationError } from "../stsError.js";
import { evaluateTrust } from "../trust.js";
import { ROLE_MODEL_MAX_SECONDS } from "./assumeRole.js";
import type { ActionDef } from "./types.js";

const ROLE_ARN = /^arn:aws:iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]+$/;
const ATTR = "https://aws.amazon.com/SAML/Attributes/";
const SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";
/** Where IdPs post for AWS, and the audience values IAM accepts. */
const SIGNIN = /^https:\/\/(?:[a-z0-9-]+\.)?signin\.(?:aws\.amazon\.com|amazonaws-us-gov\.com|amazonaws\.cn)\/saml$/;
const AUDIENCES = (a: string) =>
  SIGNIN.test(a) || a === "urn:amazon:webservices" || a === "urn:amazon:webservices:govcloud" || a === "urn:amazon:webservices:cn-north-1";
/** Seconds of clock difference tolerated for NotBefore. */
const SKEW_SECONDS = 300;

const invalidToken = (message: string) => new StsError("InvalidIdentityToken", message, 400);
const notAuthorized = () => new StsError("AccessDenied", "Not authorized to perform sts:AssumeRoleWithSAML", 403);
const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

export const assumeRoleWithSaml: ActionDef = {
  auth: "none",
  handle(ctx) {
    const { world, params: p } = ctx;
    const v = new Violations();
    checkString(v, "roleArn", p.RoleArn, { required: true, min: 20, max: 2048 });
    checkString(v, "principalArn", p.PrincipalArn, { required: true, min: 20, max: 2048 });
    checkString(v, "sAMLAssertion", p.SAMLAssertion, { required: true, min: 4, max: 100000, echo: false });
    const requested = checkDuration(v, p, ROLE_MODEL_MAX_SECONDS);
    const policyArns = memberList(p, "PolicyArns", "arn");
    checkPolicyArns(v, policyArns);
    v.throwIfAny();
    checkPolicyDocument(p.Policy);
    const roleArn = p.RoleArn as string;
    const principalArn = p.PrincipalArn as string;
    if (!ROLE_ARN.test(roleArn)) throw validationError("Request ARN is invalid");

    const provider = world.samlProviders.get(principalArn);
    if (!provider) throw invalidToken(`SAML provider ${principalArn} does not exist in this account`);
    const base64 = (p.SAMLAssertion as string).replace(/\s+/g, "");
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) throw invalidToken("Invalid base64 SAMLResponse (check that the SAML response is base64-encoded)");
    const verified = verifySamlResponse(Buffer.from(base64, "base64").toString("utf8"), provider.certificates);
    if (!verified.ok)
      throw invalidToken(verified.reason === "signature" ? "Response signature invalid" : "Invalid SAML response: the XML is not a SAML 2.0 Response");
    const f = verified.facts;

    if (f.statusCode !== SUCCESS) throw invalidToken(`SAML response status is not Success: ${f.statusCode ?? "none"}`);
    if (provider.issuer && f.issuer !== provider.issuer) throw invalidToken("Issuer of the SAML response does not match the identity provider's metadata");
    if (!f.audiences.some(AUDIENCES)) throw invalidToken("Audience of the SAML response does not include https://signin.aws.amazon.com/saml");
    if (!f.recipients.some((r) => SIGNIN.test(r))) throw invalidToken("Recipient of the SAML response is not the AWS sign-in endpoint");

    const now = world.clock.now();
    if (!f.notOnOrAfter || now.getTime() >= f.notOnOrAfter.getTime()) {
      throw new StsError(
        "ExpiredTokenException",
        `Token expired: current date/time ${iso(now)} must be before the expiration date/time ${f.notOnOrAfter ? iso(f.notOnOrAfter) : "(none)"}`,
        400,
      );
    }
    if (f.notBefore && f.notBefore.getTime() > now.getTime() + SKEW_SECONDS * 1000) throw invalidToken("Token used before issued");

    // Role values are "role,provider" in either order.
    const pairs = (f.attributes.get(`${ATTR}Role`) ?? []).map((value) => value.split(",").map((s) => s.trim()));
    if (!pairs.some((pair) => pair.length === 2 && pair.includes(roleArn) && pair.includes(principalArn))) throw notAuthorized();
    const sessionName = f.attributes.get(`${ATTR}RoleSessionName`)?.[0];
    if (!sessionName) throw invalidToken("RoleSessionName is required in AuthnResponse");
    if (!/^[\w+=,.@-]{2,64}$/.test(sessionName)) throw invalidToken("RoleSessionName in AuthnResponse must satisfy [\\w+=,.@-]{2,64}");

    const role = world.roles.get(roleArn);
    const aud = f.recipients.find((r) => SIGNIN.test(r))!;
    const subjectType = f.subjectFormat?.replace(/^urn:oasis:names:tc:SAML:2\.0:nameid-format:/, "") ?? "unspecified";
    const allowed =
      role &&
      evaluateTrust(role.trust, {
        action: "sts:AssumeRoleWithSAML",
        principal: { type: "Federated", provider: provider.arn },
        context: {
          "SAML:aud": aud,
          "SAML:iss": f.issuer,
          "SAML:sub": f.subject,
          "SAML:sub_type": subjectType,
          "aws:FederatedProvider": provider.arn,
          "sts:RoleSessionName": sessionName,
          "aws:CurrentTime": iso(now),
        },
      });
    if (!role || !allowed) throw notAuthorized();

    // The session ends no later than the IdP's own session (SessionNotOnOrAfter).
    let seconds = roleSessionSeconds(requested, role, false);
    if (f.sessionNotOnOrAfter) seconds = Math.max(1, Math.min(seconds, Math.floor((f.sessionNotOnOrAfter.getTime() - now.getTime()) / 1000)));
    const packed = packedPolicySize({ policy: p.Policy, policyArns, tags: [] });
    const session = issueRoleSession(world, {
      role,
      sessionName,
      durationSeconds: seconds,
      tokenGrowth: (packed ?? 0) * 4,
      federation: { provider: provider.arn, sub: f.subject ?? "", issuer: f.issuer ?? "" },
    });
    // AWS: base64(SHA1(Issuer + account id + "/" + provider name)).
    const nameQualifier = createHash("sha1")
      .update(`${f.issuer ?? ""}${provider.accountId}/${provider.name}`)
      .digest("base64");
    return roleSessionResultXml(session, packed, {
      Subject: f.subject,
      SubjectType: subjectType,
      Issuer: f.issuer,
      Audience: aud,
      NameQualifier: nameQualifier,
    });
  },
};
