import { AssumeRoleCommand, AssumeRoleWithSAMLCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { awsError, keysOf, stsClient } from "../emulator/client.js";
import { signedResponse, signedResponseXml, type ResponseOptions } from "../support/samlIdp.js";
import { ACCOUNT, createSamlKeys, startSamlWorld, type SamlKeys, type SamlWorld } from "./fixtures/samlWorld.js";

// The emulator's AssumeRoleWithSAML, driven by the AWS SDK: it must accept what
// a real IdP signs and refuse forged, stale or misdirected responses with AWS's codes.

let keys: SamlKeys;
let w: SamlWorld;
beforeAll(() => {
  keys = createSamlKeys();
});
beforeEach(async () => {
  w = await startSamlWorld(keys);
});
afterEach(async () => {
  await w.sts.close();
});

const unsigned = () =>
  new STSClient({ endpoint: w.sts.url, region: "us-east-1", maxAttempts: 1, credentials: async () => ({ accessKeyId: "", secretAccessKey: "" }) });
const response = (o: Partial<ResponseOptions> = {}) =>
  signedResponse({
    key: keys.key,
    issuer: "http://idp.test/metadata",
    roles: [{ roleArn: w.roles.dev, principalArn: w.providers.main }],
    sessionName: "alice@example.com",
    ...o,
  });
const exchange = (assertion: string, extra: { RoleArn?: string; PrincipalArn?: string; DurationSeconds?: number } = {}) =>
  unsigned().send(new AssumeRoleWithSAMLCommand({ RoleArn: w.roles.dev, PrincipalArn: w.providers.main, SAMLAssertion: assertion, ...extra }));

describe("AssumeRoleWithSAML in the emulator", () => {
  it.each(["assertion", "response", "both"] as const)("accepts a response whose %s is signed by the registered IdP key", async (sign) => {
    const r = await exchange(response({ sign }));
    expect(r.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/SamlDev/alice@example.com`);
    expect(r.Subject).toBe("alice@example.com");
    expect(r.SubjectType).toBe("persistent");
    expect(r.Issuer).toBe("http://idp.test/metadata");
    expect(r.Audience).toBe("https://signin.aws.amazon.com/saml");
    expect(r.NameQualifier).toMatch(/^[A-Za-z0-9+/]{27}=$/);
    const me = await stsClient(w.sts, keysOf(r.Credentials)).send(new GetCallerIdentityCommand({}));
    expect(me.Arn).toBe(r.AssumedRoleUser?.Arn);
    // The bearer assertion never lands in the emulator's call log.
    expect(JSON.stringify(w.sts.log)).not.toContain(response().slice(0, 40));
    expect(w.sts.log[0]?.params.SAMLAssertion).toBeUndefined();
  });

  it("rejects a response altered after signing, signed by another key, or not signed at all", async () => {
    const xml = signedResponseXml({
      key: keys.key,
      issuer: "http://idp.test/metadata",
      roles: [{ roleArn: w.roles.dev, principalArn: w.providers.main }],
      sessionName: "alice@example.com",
    });
    const altered = Buffer.from(xml.replace("alice@example.com</", "mallory@example.com</")).toString("base64");
    for (const forged of [altered, response({ key: keys.otherKey }), response({ key: undefined })]) {
      expect(await awsError(exchange(forged))).toEqual({ code: "InvalidIdentityToken", message: "Response signature invalid", status: 400 });
    }
  });

  it("believes only the signed assertion, not one wrapped around it", async () => {
    const signed = signedResponseXml({
      key: keys.key,
      issuer: "http://idp.test/metadata",
      roles: [{ roleArn: w.roles.dev, principalArn: w.providers.main }],
      sessionName: "alice@example.com",
    });
    const evil = signedResponseXml({
      issuer: "http://idp.test/metadata",
      roles: [{ roleArn: w.roles.admin, principalArn: w.providers.main }],
      sessionName: "mallory",
    });
    const evilAssertion = /<saml:Assertion[\s\S]*<\/saml:Assertion>/.exec(evil)![0];
    const wrapped = signed.replace(/(<saml:Assertion )/, `${evilAssertion}$1`);
    const b64 = Buffer.from(wrapped).toString("base64");
    expect((await awsError(exchange(b64, { RoleArn: w.roles.admin }))).code).toBe("AccessDenied");
    const ok = await exchange(b64);
    expect(ok.AssumedRoleUser?.Arn).toMatch(/SamlDev\/alice@example\.com$/);
  });

  it("refuses an expired response by the emulator clock with ExpiredTokenException", async () => {
    const assertion = response({ notOnOrAfterOffset: 300 });
    w.sts.clock.advance(301);
    const e = await awsError(exchange(assertion));
    expect(e.code).toBe("ExpiredTokenException");
    expect(e.message).toMatch(/^Token expired: current date\/time \S+ must be before the expiration date\/time \S+$/);
  });

  it("checks audience, recipient, status, session name and the provider", async () => {
    expect(await awsError(exchange(response({ audience: "https://evil.example.com/" })))).toMatchObject({
      code: "InvalidIdentityToken",
      message: expect.stringMatching(/Audience/),
    });
    expect(await awsError(exchange(response({ recipient: "https://evil.example.com/saml" })))).toMatchObject({
      code: "InvalidIdentityToken",
      message: expect.stringMatching(/Recipient/),
    });
    expect(await awsError(exchange(response({ status: { code: "urn:oasis:names:tc:SAML:2.0:status:Requester" } })))).toMatchObject({
      code: "InvalidIdentityToken",
    });
    expect(await awsError(exchange(response({ sessionName: undefined })))).toMatchObject({
      code: "InvalidIdentityToken",
      message: "RoleSessionName is required in AuthnResponse",
    });
    expect(await awsError(exchange(response(), { PrincipalArn: `arn:aws:iam::${ACCOUNT}:saml-provider/Nobody` }))).toMatchObject({
      code: "InvalidIdentityToken",
    });
    // urn:amazon:webservices is the other audience IAM accepts.
    expect((await exchange(response({ audience: "urn:amazon:webservices" }))).Audience).toBe("https://signin.aws.amazon.com/saml");
  });

  it("needs the role/provider pair in the assertion and the role's trust policy", async () => {
    const denied = { code: "AccessDenied", message: "Not authorized to perform sts:AssumeRoleWithSAML", status: 403 };
    // SamlAdmin trusts the provider, but this assertion does not grant it.
    expect(await awsError(exchange(response(), { RoleArn: w.roles.admin }))).toEqual(denied);
    // GovOnly is granted, but its trust policy wants another SAML:aud.
    expect(await awsError(exchange(response({ roles: [{ roleArn: w.roles.govOnly, principalArn: w.providers.main }] }), { RoleArn: w.roles.govOnly }))).toEqual(
      denied,
    );
    // Granted in the assertion but trusting only the other account's provider.
    expect(await awsError(exchange(response({ roles: [{ roleArn: w.roles.deploy, principalArn: w.providers.main }] }), { RoleArn: w.roles.deploy }))).toEqual(
      denied,
    );
  });

  it("applies the role's maximum and treats the SAML session as a role session for chaining", async () => {
    expect(await awsError(exchange(response(), { DurationSeconds: 7200 }))).toMatchObject({
      code: "ValidationError",
      message: "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
    });
    const admin = await exchange(response({ roles: [{ roleArn: w.roles.admin, principalArn: w.providers.main }] }), {
      RoleArn: w.roles.admin,
      DurationSeconds: 28800,
    });
    expect(admin.Credentials!.Expiration!.getTime() - Date.now()).toBeGreaterThan(28700_000);
    const chained = stsClient(w.sts, keysOf(admin.Credentials));
    expect(await awsError(chained.send(new AssumeRoleCommand({ RoleArn: w.roles.audit, RoleSessionName: "x1", DurationSeconds: 7200 })))).toMatchObject({
      code: "ValidationError",
      message: "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.",
    });
    const audit = await chained.send(new AssumeRoleCommand({ RoleArn: w.roles.audit, RoleSessionName: "x1" }));
    expect(audit.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/Audit/x1`);
  });
});
