import { AssumeRoleCommand, GetCallerIdentityCommand, GetFederationTokenCommand, GetSessionTokenCommand } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSts, type StsEmulator } from "../support/sts/index.js";
import { awsError, keysOf, stsClient } from "./client.js";

let sts: StsEmulator;
beforeAll(async () => {
  sts = await startSts();
});
afterAll(() => sts.close());

describe("GetCallerIdentity", () => {
  it("identifies an IAM user by its long-term keys", async () => {
    const alice = sts.addUser({ name: "alice" });
    expect(alice.accessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(alice.secretAccessKey).toHaveLength(40);
    const out = await stsClient(sts, alice).send(new GetCallerIdentityCommand({}));
    expect(out.Arn).toBe("arn:aws:iam::123456789012:user/alice");
    expect(out.Account).toBe("123456789012");
    expect(out.UserId).toBe(alice.userId);
    expect(out.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);
    expect(sts.calls("GetCallerIdentity")).toBe(1);
  });

  it("identifies the root user with the account id as UserId", async () => {
    const root = sts.addUser({ name: "root", root: true, accountId: "210987654321" });
    const out = await stsClient(sts, root).send(new GetCallerIdentityCommand({}));
    expect(out).toMatchObject({ Arn: "arn:aws:iam::210987654321:root", UserId: "210987654321", Account: "210987654321" });
  });

  it("identifies an assumed-role session by its assumed-role ARN and role id", async () => {
    const bob = sts.addUser({ name: "bob" });
    const role = sts.addRole({ name: "Reader", trust: [{ Principal: { AWS: bob.arn }, Action: "sts:AssumeRole" }] });
    const out = await stsClient(sts, bob).send(new AssumeRoleCommand({ RoleArn: role.arn, RoleSessionName: "bob-session" }));
    const me = await stsClient(sts, keysOf(out.Credentials)).send(new GetCallerIdentityCommand({}));
    expect(me.Arn).toBe("arn:aws:sts::123456789012:assumed-role/Reader/bob-session");
    expect(me.UserId).toMatch(/^AROA[A-Z2-7]{17}:bob-session$/);
    expect(me.UserId).toBe(`${role.roleId}:bob-session`);
  });
});

describe("GetFederationToken", () => {
  it("issues a federated-user session that GetCallerIdentity names", async () => {
    const carol = sts.addUser({ name: "carol" });
    const out = await stsClient(sts, carol).send(
      new GetFederationTokenCommand({ Name: "carol-fed", DurationSeconds: 900, Policy: JSON.stringify({ Version: "2012-10-17", Statement: [] }) }),
    );
    expect(out.FederatedUser).toEqual({ FederatedUserId: "123456789012:carol-fed", Arn: "arn:aws:sts::123456789012:federated-user/carol-fed" });
    expect(out.PackedPolicySize).toBeGreaterThan(0);
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    const fed = stsClient(sts, keysOf(out.Credentials));
    await expect(fed.send(new GetCallerIdentityCommand({}))).resolves.toMatchObject({
      Arn: "arn:aws:sts::123456789012:federated-user/carol-fed",
      UserId: "123456789012:carol-fed",
    });
    // Federated users call no other STS API.
    const role = sts.addRole({ name: "Any", trust: [{ Principal: "*", Action: "sts:AssumeRole" }] });
    expect((await awsError(fed.send(new AssumeRoleCommand({ RoleArn: role.arn, RoleSessionName: "x1" })))).message).toBe(
      `User: arn:aws:sts::123456789012:federated-user/carol-fed is not authorized to perform: sts:AssumeRole on resource: ${role.arn}`,
    );
    expect((await awsError(fed.send(new GetFederationTokenCommand({ Name: "again" })))).message).toBe(
      "Cannot call GetFederationToken with session credentials",
    );
    expect((await awsError(stsClient(sts, carol).send(new GetFederationTokenCommand({ Name: "x" })))).message).toBe(
      "1 validation error detected: Value 'x' at 'name' failed to satisfy constraint: Member must have length greater than or equal to 2",
    );
  });

  it("defaults to 12 hours and refuses session credentials from GetSessionToken", async () => {
    const dave = sts.addUser({ name: "dave" });
    const before = sts.clock.now().getTime();
    const out = await stsClient(sts, dave).send(new GetFederationTokenCommand({ Name: "dave" }));
    const seconds = (out.Credentials!.Expiration!.getTime() - before) / 1000;
    expect(seconds).toBeGreaterThan(43200 - 2);
    expect(seconds).toBeLessThanOrEqual(43201);
    const gst = await stsClient(sts, dave).send(new GetSessionTokenCommand({}));
    expect((await awsError(stsClient(sts, keysOf(gst.Credentials)).send(new GetFederationTokenCommand({ Name: "dave" })))).code).toBe("AccessDenied");
  });
});
