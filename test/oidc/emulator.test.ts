// The emulator's AssumeRoleWithWebIdentity, driven by the AWS SDK with tokens
// from a real OpenID provider: signatures are checked against the keys the
// emulator fetches from the provider over HTTP (discovery, then JWKS).
import { AssumeRoleCommand, AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { awsError, keysOf, stsClient } from "../emulator/client.js";
import { startOidcProvider, TEST_CLIENT_ID, type OidcTestProvider } from "../support/oidcProvider.js";
import { startSts, type StsEmulator } from "../support/sts/index.js";
import { addOidcProvider, providerHost } from "../support/sts/oidcProviders.js";

const ACCT = "123456789012";
let op: OidcTestProvider;
let sts: StsEmulator;
let host: string;
let unsigned: STSClient;

beforeAll(async () => {
  op = await startOidcProvider();
  host = providerHost(op.issuer);
});
afterAll(() => op.close());
beforeEach(async () => {
  sts = await startSts();
  addOidcProvider(sts.world, { url: op.issuer, clientIds: [TEST_CLIENT_ID] });
  unsigned = new STSClient({ endpoint: sts.url, region: "us-east-1", maxAttempts: 1, credentials: { accessKeyId: "", secretAccessKey: "" } });
  return () => sts.close();
});

const trust = (condition: Record<string, Record<string, string | string[]>>) => [
  { Principal: { Federated: `arn:aws:iam::${ACCT}:oidc-provider/${host}` }, Action: "sts:AssumeRoleWithWebIdentity", Condition: condition },
];
const assume = (RoleArn: string, WebIdentityToken: string, extra: Record<string, unknown> = {}) =>
  unsigned.send(new AssumeRoleWithWebIdentityCommand({ RoleArn, WebIdentityToken, RoleSessionName: "ci-run", ...extra }));

describe("AssumeRoleWithWebIdentity", () => {
  it("accepts RS256 and ES256 tokens signed with the issuer's keys and returns an assumed-role session", async () => {
    const role = sts.addRole({ name: "Deploy", trust: trust({ StringEquals: { [`${host}:aud`]: TEST_CLIENT_ID, [`${host}:sub`]: "repo:acme/app" } }) });
    for (const alg of ["RS256", "ES256"] as const) {
      const out = await assume(role.arn, await op.mintIdToken({ sub: "repo:acme/app" }, { alg }));
      expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCT}:assumed-role/Deploy/ci-run`);
      expect(out.SubjectFromWebIdentityToken).toBe("repo:acme/app");
      expect(out.Audience).toBe(TEST_CLIENT_ID);
      expect(out.Provider).toBe(host);
      const me = await stsClient(sts, keysOf(out.Credentials)).send(new GetCallerIdentityCommand({}));
      expect(me.Arn).toBe(out.AssumedRoleUser?.Arn);
    }
  });

  it("applies StringLike on sub and refuses a subject the trust policy does not allow", async () => {
    const role = sts.addRole({ name: "Main", trust: trust({ StringLike: { [`${host}:sub`]: "repo:acme/*:ref:refs/heads/main" } }) });
    await expect(assume(role.arn, await op.mintIdToken({ sub: "repo:acme/app:ref:refs/heads/main" }))).resolves.toBeDefined();
    expect(await awsError(assume(role.arn, await op.mintIdToken({ sub: "repo:acme/app:ref:refs/heads/feature" })))).toEqual({
      code: "AccessDenied",
      status: 403,
      message: "Not authorized to perform sts:AssumeRoleWithWebIdentity",
    });
  });

  it("refuses a forged signature, an unregistered issuer and a wrong audience with InvalidIdentityToken", async () => {
    const role = sts.addRole({ name: "R", trust: trust({}) });
    const forged = await awsError(assume(role.arn, await op.mintIdToken({ sub: "x" }, { foreignKey: true })));
    expect(forged).toMatchObject({ code: "InvalidIdentityToken", status: 400 });
    expect(forged.message).toMatch(/signature/);
    expect(await awsError(assume(role.arn, await op.mintIdToken({ sub: "x" }, { issuer: "http://127.0.0.1:9/other" })))).toMatchObject({
      code: "InvalidIdentityToken",
      message: "No OpenIDConnect provider found in your account for http://127.0.0.1:9/other",
    });
    expect(await awsError(assume(role.arn, await op.mintIdToken({ sub: "x" }, { audience: "someone-else" })))).toMatchObject({
      code: "InvalidIdentityToken",
      message: "Incorrect token audience",
    });
    expect(await awsError(assume(role.arn, "not.a.jwt"))).toMatchObject({ code: "InvalidIdentityToken" });
    expect(sts.calls("AssumeRoleWithWebIdentity")).toBe(4);
  });

  it("refuses an expired token with ExpiredTokenException and AWS's wording", async () => {
    const role = sts.addRole({ name: "R", trust: trust({}) });
    const err = await awsError(assume(role.arn, await op.mintIdToken({ sub: "x" }, { expiresIn: -120 })));
    expect(err.code).toBe("ExpiredTokenException");
    expect(err.message).toMatch(/^Token expired: current date\/time \d+ must be before the expiration date\/time \d+$/);
  });

  it("reports an unreachable issuer as IDPCommunicationError and a token without sub as IDPRejectedClaim", async () => {
    const role = sts.addRole({ name: "R", trust: trust({}) });
    expect(await awsError(assume(role.arn, await op.mintIdToken({})))).toMatchObject({ code: "IDPRejectedClaim", status: 403 });
    const gone = await startOidcProvider();
    addOidcProvider(sts.world, { url: gone.issuer, clientIds: [TEST_CLIENT_ID] });
    const token = await gone.mintIdToken({ sub: "x" });
    await gone.close();
    expect(await awsError(assume(role.arn, token))).toMatchObject({ code: "IDPCommunicationError" });
  });

  it("caps a role chained from a web identity session at one hour", async () => {
    const role = sts.addRole({ name: "Web", maxSessionDuration: 14400, trust: trust({}) });
    const next = sts.addRole({ name: "Next", maxSessionDuration: 14400, trust: [{ Principal: { AWS: role.arn }, Action: "sts:AssumeRole" }] });
    const web = await assume(role.arn, await op.mintIdToken({ sub: "x" }), { DurationSeconds: 7200 });
    expect(web.Credentials!.Expiration!.getTime() - Date.now()).toBeGreaterThan(7000_000);
    const c = stsClient(sts, keysOf(web.Credentials));
    expect((await awsError(c.send(new AssumeRoleCommand({ RoleArn: next.arn, RoleSessionName: "hop", DurationSeconds: 7200 })))).message).toBe(
      "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.",
    );
    await expect(c.send(new AssumeRoleCommand({ RoleArn: next.arn, RoleSessionName: "hop", DurationSeconds: 3600 }))).resolves.toBeDefined();
  });
});
