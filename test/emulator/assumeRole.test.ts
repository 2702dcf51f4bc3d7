import { AssumeRoleCommand, GetCallerIdentityCommand, GetSessionTokenCommand } from "@aws-sdk/client-sts";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startSts, type StsEmulator } from "../support/sts/index.js";
import { awsError, keysOf, stsClient } from "./client.js";

const ACCT = "123456789012";
const T0 = new Date("2026-03-01T10:00:00Z");
let sts: StsEmulator;
let alice: ReturnType<StsEmulator["addUser"]>;

beforeEach(async () => {
  sts = await startSts({ now: T0, frozen: true });
  alice = sts.addUser({ name: "alice" });
});
afterEach(() => sts.close());

const anyoneInAccount = [{ Principal: { AWS: `arn:aws:iam::${ACCT}:root` }, Action: "sts:AssumeRole" }];

describe("AssumeRole", () => {
  it("issues temporary credentials shaped like AWS's and an assumed-role identity", async () => {
    const role = sts.addRole({ name: "Admin", path: "/ops/", trust: anyoneInAccount });
    const out = await stsClient(sts, alice).send(new AssumeRoleCommand({ RoleArn: role.arn, RoleSessionName: "alice@example.com" }));
    expect(role.arn).toBe(`arn:aws:iam::${ACCT}:role/ops/Admin`);
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(out.Credentials?.SecretAccessKey).toMatch(/^[A-Za-z0-9+/]{40}$/);
    expect(out.Credentials?.SessionToken?.length).toBeGreaterThan(700);
    expect(out.Credentials?.SessionToken).toMatch(/^[A-Za-z0-9+/=]+$/);
    // Default 1 hour, measured on the emulator clock.
    expect(out.Credentials?.Expiration?.toISOString()).toBe("2026-03-01T11:00:00.000Z");
    expect(out.AssumedRoleUser).toEqual({
      Arn: `arn:aws:sts::${ACCT}:assumed-role/Admin/alice@example.com`,
      AssumedRoleId: `${role.roleId}:alice@example.com`,
    });
    expect(out.PackedPolicySize).toBeUndefined();
    const me = await stsClient(sts, keysOf(out.Credentials)).send(new GetCallerIdentityCommand({}));
    expect(me).toMatchObject({ Arn: out.AssumedRoleUser?.Arn, UserId: `${role.roleId}:alice@example.com`, Account: ACCT });
  });

  it("applies the duration bounds with AWS's messages", async () => {
    const role = sts.addRole({ name: "Long", maxSessionDuration: 7200, trust: anyoneInAccount });
    const c = stsClient(sts, alice);
    const ask = (DurationSeconds: number) => c.send(new AssumeRoleCommand({ RoleArn: role.arn, RoleSessionName: "ss", DurationSeconds }));
    expect(await awsError(ask(600))).toEqual({
      code: "ValidationError",
      status: 400,
      message:
        "1 validation error detected: Value '600' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
    });
    expect((await awsError(ask(43201))).message).toBe(
      "1 validation error detected: Value '43201' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200",
    );
    expect(await awsError(ask(7201))).toMatchObject({
      code: "ValidationError",
      message: "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
    });
    const ok = await ask(7200);
    expect(ok.Credentials?.Expiration?.getTime()).toBe(T0.getTime() + 7200_000);
  });

  it("validates RoleSessionName like the API model and reports every violation", async () => {
    const role = sts.addRole({ name: "R", trust: anyoneInAccount });
    const c = stsClient(sts, alice);
    expect((await awsError(c.send(new AssumeRoleCommand({ RoleArn: role.arn, RoleSessionName: "a" })))).message).toBe(
      "1 validation error detected: Value 'a' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2",
    );
    expect((await awsError(c.send(new AssumeRoleCommand({ RoleArn: role.arn, RoleSessionName: "has space", DurationSeconds: 100 })))).message).toBe(
      "2 validation errors detected: Value 'has space' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*; " +
        "Value '100' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
    );
    expect((await awsError(c.send(new AssumeRoleCommand({ RoleArn: role.arn, RoleSessionName: "x".repeat(65) })))).message).toMatch(
      /at 'roleSessionName' failed to satisfy constraint: Member must have length less than or equal to 64$/,
    );
    await expect(c.send(new AssumeRoleCommand({ RoleArn: role.arn, RoleSessionName: "a_b+c=d,e.f@g-h" }))).resolves.toBeDefined();
    expect(await awsError(c.send(new AssumeRoleCommand({ RoleArn: "arn:aws:iam::123:role/x-not-valid", RoleSessionName: "ss" })))).toMatchObject({
      code: "ValidationError",
      message: "Request ARN is invalid",
    });
  });

  it("refuses a principal the trust policy does not name, and a missing role, with the same AccessDenied", async () => {
    const bob = sts.addUser({ name: "bob" });
    const role = sts.addRole({ name: "OnlyBob", trust: [{ Principal: { AWS: bob.arn }, Action: "sts:AssumeRole" }] });
    const c = stsClient(sts, alice);
    expect(await awsError(c.send(new AssumeRoleCommand({ RoleArn: role.arn, RoleSessionName: "ss" })))).toEqual({
      code: "AccessDenied",
      status: 403,
      message: `User: ${alice.arn} is not authorized to perform: sts:AssumeRole on resource: ${role.arn}`,
    });
    const ghost = `arn:aws:iam::${ACCT}:role/Ghost`;
    expect((await awsError(c.send(new AssumeRoleCommand({ RoleArn: ghost, RoleSessionName: "ss" })))).message).toBe(
      `User: ${alice.arn} is not authorized to perform: sts:AssumeRole on resource: ${ghost}`,
    );
    await expect(stsClient(sts, bob).send(new AssumeRoleCommand({ RoleArn: role.arn, RoleSessionName: "ss" }))).resolves.toBeDefined();
  });

  it("matches principals: account root, another account, role ARN for its sessions, one assumed-role session", async () => {
    const other = sts.addUser({ name: "mallory", accountId: "999988887777" });
    const first = sts.addRole({ name: "First", trust: anyoneInAccount });
    const byRole = sts.addRole({ name: "ByRole", trust: [{ Principal: { AWS: [first.arn] }, Action: "sts:AssumeRole" }] });
    const bySession = sts.addRole({
      name: "BySession",
      trust: [{ Principal: { AWS: `arn:aws:sts::${ACCT}:assumed-role/First/one` }, Action: "sts:AssumeRole" }],
    });
    expect((await awsError(stsClient(sts, other).send(new AssumeRoleCommand({ RoleArn: first.arn, RoleSessionName: "x1" })))).code).toBe("AccessDenied");

    const one = await stsClient(sts, alice).send(new AssumeRoleCommand({ RoleArn: first.arn, RoleSessionName: "one" }));
    const two = await stsClient(sts, alice).send(new AssumeRoleCommand({ RoleArn: first.arn, RoleSessionName: "two" }));
    const asOne = stsClient(sts, keysOf(one.Credentials));
    const asTwo = stsClient(sts, keysOf(two.Credentials));
    await expect(asOne.send(new AssumeRoleCommand({ RoleArn: byRole.arn, RoleSessionName: "cc" }))).resolves.toBeDefined();
    await expect(asTwo.send(new AssumeRoleCommand({ RoleArn: byRole.arn, RoleSessionName: "cc" }))).resolves.toBeDefined();
    await expect(asOne.send(new AssumeRoleCommand({ RoleArn: bySession.arn, RoleSessionName: "cc" }))).resolves.toBeDefined();
    expect(await awsError(asTwo.send(new AssumeRoleCommand({ RoleArn: bySession.arn, RoleSessionName: "cc" })))).toMatchObject({
      code: "AccessDenied",
      message: `User: arn:aws:sts::${ACCT}:assumed-role/First/two is not authorized to perform: sts:AssumeRole on resource: ${bySession.arn}`,
    });
    // A user ARN does not cover that user's role sessions.
    const byAlice = sts.addRole({ name: "ByAlice", trust: [{ Principal: { AWS: alice.arn }, Action: "sts:AssumeRole" }] });
    expect((await awsError(asOne.send(new AssumeRoleCommand({ RoleArn: byAlice.arn, RoleSessionName: "cc" })))).code).toBe("AccessDenied");
  });

  it("requires the ExternalId the trust policy names", async () => {
    const role = sts.addRole({
      name: "Vendor",
      trust: [{ Principal: { AWS: ACCT }, Action: "sts:AssumeRole", Condition: { StringEquals: { "sts:ExternalId": "ext-1234" } } }],
    });
    const c = stsClient(sts, alice);
    const denied = `User: ${alice.arn} is not authorized to perform: sts:AssumeRole on resource: ${role.arn}`;
    expect((await awsError(c.send(new AssumeRoleCommand({ RoleArn: role.arn, RoleSessionName: "ss" })))).message).toBe(denied);
    expect((await awsError(c.send(new AssumeRoleCommand({ RoleArn: role.arn, RoleSessionName: "ss", ExternalId: "ext-9999" })))).message).toBe(denied);
    await expect(c.send(new AssumeRoleCommand({ RoleArn: role.arn, RoleSessionName: "ss", ExternalId: "ext-1234" }))).resolves.toBeDefined();
  });

  it("refuses the root user and federated users", async () => {
    const root = sts.addUser({ name: "root", root: true });
    const role = sts.addRole({ name: "R", trust: anyoneInAccount });
    expect(await awsError(stsClient(sts, root).send(new AssumeRoleCommand({ RoleArn: role.arn, RoleSessionName: "ss" })))).toMatchObject({
      code: "AccessDenied",
      message: "Roles may not be assumed by root accounts.",
    });
  });
});

describe("role chaining", () => {
  it("caps role sessions and GetSessionToken sessions at one hour with AWS's message", async () => {
    const a = sts.addRole({ name: "A", maxSessionDuration: 43200, trust: anyoneInAccount });
    const b = sts.addRole({ name: "B", maxSessionDuration: 43200, trust: anyoneInAccount });
    const first = await stsClient(sts, alice).send(new AssumeRoleCommand({ RoleArn: a.arn, RoleSessionName: "ss", DurationSeconds: 43200 }));
    const gst = await stsClient(sts, alice).send(new GetSessionTokenCommand({}));
    for (const creds of [first.Credentials, gst.Credentials]) {
      const c = stsClient(sts, keysOf(creds));
      expect(await awsError(c.send(new AssumeRoleCommand({ RoleArn: b.arn, RoleSessionName: "ss", DurationSeconds: 3601 })))).toEqual({
        code: "ValidationError",
        status: 400,
        message: "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.",
      });
      const ok = await c.send(new AssumeRoleCommand({ RoleArn: b.arn, RoleSessionName: "ss", DurationSeconds: 3600 }));
      expect(ok.Credentials?.Expiration?.getTime()).toBe(T0.getTime() + 3600_000);
    }
  });

  it("carries transitive tags and the source identity down the chain, and reports PackedPolicySize", async () => {
    const tagTrust = [{ Principal: { AWS: ACCT }, Action: ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"] }];
    const a = sts.addRole({ name: "A", trust: tagTrust });
    const mid = sts.addRole({ name: "Mid", trust: [{ Principal: { AWS: a.arn }, Action: "sts:AssumeRole" }] });
    const b = sts.addRole({
      name: "B",
      trust: [{ Principal: { AWS: mid.arn }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:PrincipalTag/team": "blue" } } }],
    });
    const hop = async (creds: Parameters<typeof keysOf>[0], RoleArn: string) =>
      stsClient(sts, keysOf(creds)).send(new AssumeRoleCommand({ RoleArn, RoleSessionName: "hop" }));
    const first = await stsClient(sts, alice).send(
      new AssumeRoleCommand({
        RoleArn: a.arn,
        RoleSessionName: "ss",
        SourceIdentity: "alice",
        Tags: [
          { Key: "team", Value: "blue" },
          { Key: "cost", Value: "42" },
        ],
        TransitiveTagKeys: ["team"],
        Policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] }),
      }),
    );
    expect(first.SourceIdentity).toBe("alice");
    expect(first.PackedPolicySize).toBeGreaterThan(0);
    expect(first.PackedPolicySize).toBeLessThan(10);
    const second = await hop(first.Credentials, mid.arn);
    expect(second.SourceIdentity).toBe("alice");
    const issued = sts.world.sessions.get(second.Credentials!.AccessKeyId!);
    expect(issued?.tags).toEqual([{ key: "team", value: "blue" }]);
    expect(issued?.transitiveTagKeys).toEqual(["team"]);
    await expect(hop(second.Credentials, b.arn)).resolves.toBeDefined();

    // The same tag without TransitiveTagKeys stops at the first hop, so B's condition fails.
    const plain = await stsClient(sts, alice).send(new AssumeRoleCommand({ RoleArn: a.arn, RoleSessionName: "pp", Tags: [{ Key: "team", Value: "blue" }] }));
    const plainMid = await hop(plain.Credentials, mid.arn);
    expect((await awsError(hop(plainMid.Credentials, b.arn))).code).toBe("AccessDenied");
  });

  it("needs sts:TagSession in the trust policy to pass tags", async () => {
    const role = sts.addRole({ name: "NoTags", trust: anyoneInAccount });
    expect(
      await awsError(stsClient(sts, alice).send(new AssumeRoleCommand({ RoleArn: role.arn, RoleSessionName: "ss", Tags: [{ Key: "k", Value: "v" }] }))),
    ).toMatchObject({ code: "AccessDenied", message: `User: ${alice.arn} is not authorized to perform: sts:TagSession on resource: ${role.arn}` });
  });

  it("refuses malformed and oversized session policies", async () => {
    const role = sts.addRole({ name: "R", trust: anyoneInAccount });
    const c = stsClient(sts, alice);
    expect(await awsError(c.send(new AssumeRoleCommand({ RoleArn: role.arn, RoleSessionName: "ss", Policy: "{not json" })))).toMatchObject({
      code: "MalformedPolicyDocument",
      status: 400,
    });
    const statement = { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/some/long/prefix/*" };
    const big = JSON.stringify({ Version: "2012-10-17", Statement: Array.from({ length: 30 }, () => statement) });
    expect(big.length).toBeGreaterThan(2048);
    const err = await awsError(c.send(new AssumeRoleCommand({ RoleArn: role.arn, RoleSessionName: "ss", Policy: big })));
    expect(err.code).toBe("PackedPolicyTooLarge");
    expect(err.message).toMatch(/^Packed policy consumes \d+% of allotted space, please use smaller policy\.$/);
    // Whitespace does not count: a pretty-printed policy under the limit once minified is fine.
    const pretty = JSON.stringify({ Version: "2012-10-17", Statement: Array.from({ length: 15 }, () => statement) }, null, 8);
    expect(pretty.length).toBeGreaterThan(2048);
    const ok = await c.send(new AssumeRoleCommand({ RoleArn: role.arn, RoleSessionName: "ss", Policy: pretty }));
    expect(ok.PackedPolicySize).toBeGreaterThan(50);
    expect(ok.PackedPolicySize).toBeLessThanOrEqual(100);
  });
});
