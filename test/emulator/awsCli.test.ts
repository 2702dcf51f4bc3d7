// Fidelity with an independent client: the AWS CLI v2 (botocore's Query
// protocol parser and its own SigV4 signer) talks to the emulator.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AssumeRoleCommand } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSts, totp, type StsEmulator } from "../support/sts/index.js";
import { keysOf, stsClient, type Keys } from "./client.js";

const AWS = "/usr/bin/aws";
let sts: StsEmulator;
let home: string;
let alice: ReturnType<StsEmulator["addUser"]>;

function writeProfiles(profiles: Record<string, Keys>): void {
  const ini = Object.entries(profiles)
    .map(
      ([name, k]) =>
        `[${name}]\naws_access_key_id = ${k.accessKeyId}\naws_secret_access_key = ${k.secretAccessKey}\n` +
        (k.sessionToken ? `aws_session_token = ${k.sessionToken}\n` : ""),
    )
    .join("\n");
  writeFileSync(join(home, "credentials"), ini, { mode: 0o600 });
}

function aws(args: string[], profile = "default"): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    PATH: "/usr/bin:/bin",
    HOME: home,
    LANG: "C.UTF-8",
    AWS_CONFIG_FILE: join(home, "config"),
    AWS_SHARED_CREDENTIALS_FILE: join(home, "credentials"),
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_PAGER: "",
  };
  const full = [...args, "--profile", profile, "--endpoint-url", sts.url, "--region", "us-east-1", "--output", "json"];
  return new Promise((resolve) => {
    execFile(AWS, full, { env, timeout: 20_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === "number" ? err.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  sts = await startSts();
  home = mkdtempSync(join(tmpdir(), "stsctl-awscli-"));
  writeFileSync(join(home, "config"), "[default]\ncli_pager =\n", { mode: 0o600 });
  alice = sts.addUser({ name: "alice" });
});
afterAll(async () => {
  await sts.close();
  rmSync(home, { recursive: true, force: true });
});

describe("the AWS CLI v2 against the emulator", () => {
  it("reads identities, role sessions and MFA session tokens", async () => {
    const device = sts.addMfaDevice({ user: "alice" });
    const role = sts.addRole({
      name: "Deploy",
      trust: [{ Principal: { AWS: alice.arn }, Action: "sts:AssumeRole", Condition: { StringEquals: { "sts:ExternalId": "ext-42" } } }],
    });
    writeProfiles({ default: alice });
    const [who, assumed, session] = await Promise.all([
      aws(["sts", "get-caller-identity"]),
      aws(["sts", "assume-role", "--role-arn", role.arn, "--role-session-name", "cli-test", "--duration-seconds", "900", "--external-id", "ext-42"]),
      aws(["sts", "get-session-token", "--serial-number", device.serial, "--token-code", totp(device.seed, sts.clock.now()), "--duration-seconds", "900"]),
    ]);
    expect(who.code, who.stderr).toBe(0);
    expect(JSON.parse(who.stdout)).toEqual({ UserId: alice.userId, Account: "123456789012", Arn: alice.arn });

    expect(assumed.code, assumed.stderr).toBe(0);
    const a = JSON.parse(assumed.stdout) as { Credentials: Record<string, string>; AssumedRoleUser: Record<string, string> };
    expect(a.AssumedRoleUser).toEqual({ Arn: "arn:aws:sts::123456789012:assumed-role/Deploy/cli-test", AssumedRoleId: `${role.roleId}:cli-test` });
    expect(a.Credentials.AccessKeyId).toMatch(/^ASIA/);
    const issued = sts.world.sessions.get(a.Credentials.AccessKeyId as string);
    expect(new Date(a.Credentials.Expiration as string).getTime()).toBe(issued?.expiration.getTime());
    expect(a.Credentials.SessionToken).toBe(issued?.sessionToken);

    expect(session.code, session.stderr).toBe(0);
    const s = JSON.parse(session.stdout) as { Credentials: Record<string, string> };
    expect(sts.world.sessions.get(s.Credentials.AccessKeyId as string)?.mfaAuthTime).toBeDefined();
    expect(sts.log.every((r) => r.ok && r.caller === alice.arn)).toBe(true);
  });

  it("prints the emulator's errors the way it prints AWS's", async () => {
    const first = sts.addRole({ name: "First", trust: [{ Principal: { AWS: "123456789012" }, Action: "sts:AssumeRole" }] });
    const second = sts.addRole({ name: "Second", maxSessionDuration: 43200, trust: [{ Principal: { AWS: first.arn }, Action: "sts:AssumeRole" }] });
    const hop = await stsClient(sts, alice).send(new AssumeRoleCommand({ RoleArn: first.arn, RoleSessionName: "hop" }));
    writeProfiles({ default: alice, chained: keysOf(hop.Credentials) });
    const [chained, denied] = await Promise.all([
      aws(["sts", "assume-role", "--role-arn", second.arn, "--role-session-name", "too-long", "--duration-seconds", "7200"], "chained"),
      aws(["sts", "assume-role", "--role-arn", second.arn, "--role-session-name", "nope"]),
    ]);
    expect(chained.code).toBe(254);
    expect(chained.stderr.trim()).toBe(
      "An error occurred (ValidationError) when calling the AssumeRole operation: The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.",
    );
    expect(denied.code).toBe(254);
    expect(denied.stderr.trim()).toBe(
      `An error occurred (AccessDenied) when calling the AssumeRole operation: User: ${alice.arn} is not authorized to perform: sts:AssumeRole on resource: ${second.arn}`,
    );
  });
});
