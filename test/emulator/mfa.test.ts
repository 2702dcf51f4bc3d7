import { AssumeRoleCommand, GetCallerIdentityCommand, GetSessionTokenCommand } from "@aws-sdk/client-sts";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startSts, totp, type StsEmulator } from "../support/sts/index.js";
import { awsError, keysOf, stsClient } from "./client.js";

const ACCT = "123456789012";
// A window boundary plus 10 s, so ±30 s stays in known windows.
const T0 = new Date("2026-03-01T10:00:10Z");
const INVALID = "MultiFactorAuthentication failed with invalid MFA one time pass code.";
const UNABLE = "MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.";
const BOTH = "MultiFactorAuthentication failed, must provide both MFA serial number and one time pass code.";

let sts: StsEmulator;
let alice: ReturnType<StsEmulator["addUser"]>;
let device: { serial: string; seed: string };

beforeEach(async () => {
  sts = await startSts({ now: T0, frozen: true });
  alice = sts.addUser({ name: "alice" });
  device = sts.addMfaDevice({ user: "alice" });
});
afterEach(() => sts.close());

const at = (offsetSeconds: number) => new Date(T0.getTime() + offsetSeconds * 1000);

describe("totp", () => {
  it("follows RFC 6238 (SHA-1, 6 digits, 30 s)", () => {
    // RFC 6238 appendix B, seed "12345678901234567890": 94287082 at T=59 (last 6 digits).
    const rfcSeed = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    expect(totp(rfcSeed, new Date(59_000))).toBe("287082");
    expect(totp(rfcSeed, new Date(1111111109_000))).toBe("081804");
  });
});

describe("GetSessionToken", () => {
  it("issues a 12-hour session by default that acts as the user", async () => {
    expect(device.serial).toBe(`arn:aws:iam::${ACCT}:mfa/alice`);
    expect(device.seed).toMatch(/^[A-Z2-7]{32,}$/);
    const out = await stsClient(sts, alice).send(new GetSessionTokenCommand({}));
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    expect(out.Credentials?.Expiration?.toISOString()).toBe("2026-03-01T22:00:10.000Z");
    const me = await stsClient(sts, keysOf(out.Credentials)).send(new GetCallerIdentityCommand({}));
    expect(me).toMatchObject({ Arn: alice.arn, UserId: alice.userId });
  });

  it("accepts the current code and the neighbouring windows, each only once", async () => {
    const c = stsClient(sts, alice);
    const gst = (code: string) => c.send(new GetSessionTokenCommand({ SerialNumber: device.serial, TokenCode: code, DurationSeconds: 900 }));
    await expect(gst(totp(device.seed, at(0)))).resolves.toBeDefined();
    expect(await awsError(gst(totp(device.seed, at(0))))).toEqual({ code: "AccessDenied", status: 403, message: INVALID });
    await expect(gst(totp(device.seed, at(-30)))).resolves.toBeDefined();
    await expect(gst(totp(device.seed, at(30)))).resolves.toBeDefined();
    expect((await awsError(gst(totp(device.seed, at(60))))).message).toBe(INVALID);
    expect((await awsError(gst(totp(device.seed, at(-60))))).message).toBe(INVALID);
    // The next window brings a fresh code.
    sts.clock.advance(60);
    await expect(gst(totp(device.seed, at(60)))).resolves.toBeDefined();
    expect(sts.log.filter((r) => r.action === "GetSessionToken").map((r) => r.ok)).toEqual([true, false, true, true, false, false, true]);
    // Codes never reach the log.
    expect(JSON.stringify(sts.log)).not.toMatch(/TokenCode/);
  });

  it("rejects a wrong code, an unknown or someone else's device, and half a pair", async () => {
    const bob = sts.addUser({ name: "bob" });
    const bobDevice = sts.addMfaDevice({ user: "bob" });
    const c = stsClient(sts, alice);
    const code = totp(device.seed, at(0));
    const wrong = code === "000000" ? "111111" : "000000";
    expect((await awsError(c.send(new GetSessionTokenCommand({ SerialNumber: device.serial, TokenCode: wrong })))).message).toBe(INVALID);
    expect((await awsError(c.send(new GetSessionTokenCommand({ SerialNumber: `arn:aws:iam::${ACCT}:mfa/nobody`, TokenCode: code })))).message).toBe(UNABLE);
    expect((await awsError(c.send(new GetSessionTokenCommand({ SerialNumber: bobDevice.serial, TokenCode: totp(bobDevice.seed, at(0)) })))).message).toBe(
      UNABLE,
    );
    expect(await awsError(c.send(new GetSessionTokenCommand({ SerialNumber: device.serial })))).toEqual({ code: "AccessDenied", status: 403, message: BOTH });
    expect((await awsError(c.send(new GetSessionTokenCommand({ TokenCode: code })))).message).toBe(BOTH);
    expect((await awsError(c.send(new GetSessionTokenCommand({ SerialNumber: device.serial, TokenCode: "12345" })))).message).toBe(
      "1 validation error detected: Value '12345' at 'tokenCode' failed to satisfy constraint: Member must have length greater than or equal to 6",
    );
    // None of these consumed the real code.
    await expect(c.send(new GetSessionTokenCommand({ SerialNumber: device.serial, TokenCode: code }))).resolves.toBeDefined();
    expect(bob.arn).toBe(`arn:aws:iam::${ACCT}:user/bob`);
  });

  it("allows 900..129600 seconds, cuts the root user to one hour, refuses session credentials", async () => {
    const c = stsClient(sts, alice);
    expect((await awsError(c.send(new GetSessionTokenCommand({ DurationSeconds: 129601 })))).message).toBe(
      "1 validation error detected: Value '129601' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 129600",
    );
    const long = await c.send(new GetSessionTokenCommand({ DurationSeconds: 129600 }));
    expect(long.Credentials?.Expiration?.getTime()).toBe(T0.getTime() + 129600_000);
    const root = sts.addUser({ name: "root", root: true });
    const rootSession = await stsClient(sts, root).send(new GetSessionTokenCommand({ DurationSeconds: 7200 }));
    expect(rootSession.Credentials?.Expiration?.getTime()).toBe(T0.getTime() + 3600_000);
    expect(await awsError(stsClient(sts, keysOf(long.Credentials)).send(new GetSessionTokenCommand({})))).toEqual({
      code: "AccessDenied",
      status: 403,
      message: "Cannot call GetSessionToken with session credentials",
    });
  });

  it("answers ExpiredToken once the emulator clock passes the session's expiry", async () => {
    const out = await stsClient(sts, alice).send(new GetSessionTokenCommand({ DurationSeconds: 900 }));
    const c = stsClient(sts, keysOf(out.Credentials));
    sts.clock.advance(899);
    await expect(c.send(new GetCallerIdentityCommand({}))).resolves.toBeDefined();
    sts.clock.advance(1);
    expect(await awsError(c.send(new GetCallerIdentityCommand({})))).toEqual({
      code: "ExpiredToken",
      status: 403,
      message: "The security token included in the request is expired",
    });
  });
});

describe("MFA on AssumeRole and aws:MultiFactorAuthPresent", () => {
  const mfaRole = (s: StsEmulator, name = "Admin") =>
    s.addRole({
      name,
      trust: [{ Principal: { AWS: ACCT }, Action: "sts:AssumeRole", Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } }],
    });

  it("is true when the AssumeRole call carries a valid code, and only then", async () => {
    const role = mfaRole(sts);
    const c = stsClient(sts, alice);
    expect((await awsError(c.send(new AssumeRoleCommand({ RoleArn: role.arn, RoleSessionName: "nomfa" })))).code).toBe("AccessDenied");
    const out = await c.send(
      new AssumeRoleCommand({ RoleArn: role.arn, RoleSessionName: "mfa", SerialNumber: device.serial, TokenCode: totp(device.seed, at(0)) }),
    );
    // Inherited through chaining: the role session can assume an MFA-guarded role without a code.
    const again = mfaRole(sts, "Second");
    await expect(stsClient(sts, keysOf(out.Credentials)).send(new AssumeRoleCommand({ RoleArn: again.arn, RoleSessionName: "c2" }))).resolves.toBeDefined();
  });

  it("is inherited from a GetSessionToken session created with MFA, and false for one without", async () => {
    const role = mfaRole(sts);
    const c = stsClient(sts, alice);
    const withMfa = await c.send(new GetSessionTokenCommand({ SerialNumber: device.serial, TokenCode: totp(device.seed, at(0)) }));
    const without = await c.send(new GetSessionTokenCommand({}));
    await expect(stsClient(sts, keysOf(withMfa.Credentials)).send(new AssumeRoleCommand({ RoleArn: role.arn, RoleSessionName: "ok" }))).resolves.toBeDefined();
    expect((await awsError(stsClient(sts, keysOf(without.Credentials)).send(new AssumeRoleCommand({ RoleArn: role.arn, RoleSessionName: "no" })))).code).toBe(
      "AccessDenied",
    );
    // A session may add MFA on the AssumeRole call itself, with the device of the user behind it.
    await expect(
      stsClient(sts, keysOf(without.Credentials)).send(
        new AssumeRoleCommand({ RoleArn: role.arn, RoleSessionName: "late", SerialNumber: device.serial, TokenCode: totp(device.seed, at(30)) }),
      ),
    ).resolves.toBeDefined();
  });

  it("distinguishes absent (long-term keys) from false (temporary keys) like IAM", async () => {
    const notFalse = sts.addRole({
      name: "NoMfaSessions",
      trust: [{ Principal: { AWS: ACCT }, Action: "sts:AssumeRole", Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } } }],
    });
    // Long-term keys carry no aws:MultiFactorAuthPresent at all, so "false" does not match them.
    expect((await awsError(stsClient(sts, alice).send(new AssumeRoleCommand({ RoleArn: notFalse.arn, RoleSessionName: "lt" })))).code).toBe("AccessDenied");
    const gst = await stsClient(sts, alice).send(new GetSessionTokenCommand({}));
    await expect(stsClient(sts, keysOf(gst.Credentials)).send(new AssumeRoleCommand({ RoleArn: notFalse.arn, RoleSessionName: "tmp" }))).resolves.toBeDefined();
  });
});
