import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fromProcess } from "@aws-sdk/credential-providers";
import { afterAll, describe, expect, it } from "vitest";
import { formatCredentialProcess } from "../../src/output/processJson.js";

const session = {
  accessKeyId: "ASIAPROCESSEXAMPLE",
  secretAccessKey: "wJalr/K7MDENG+bPxRfiCY=",
  sessionToken: "IQoJb3JpZ2luX2VjE//+tok==",
  expiration: new Date("2030-01-02T03:04:05.678Z"),
};

describe("formatCredentialProcess", () => {
  it("prints exactly the contract's JSON and one newline", () => {
    expect(formatCredentialProcess(session)).toBe(
      '{"Version":1,"AccessKeyId":"ASIAPROCESSEXAMPLE","SecretAccessKey":"wJalr/K7MDENG+bPxRfiCY=",' +
        '"SessionToken":"IQoJb3JpZ2luX2VjE//+tok==","Expiration":"2030-01-02T03:04:05Z"}\n',
    );
  });
  it("leaves SessionToken out when there is none, never Expiration", () => {
    const out = formatCredentialProcess({ accessKeyId: "AKIAX", secretAccessKey: "s", expiration: session.expiration });
    expect(out).toBe('{"Version":1,"AccessKeyId":"AKIAX","SecretAccessKey":"s","Expiration":"2030-01-02T03:04:05Z"}\n');
  });
  it("refuses an invalid expiry rather than printing one", () => {
    expect(() => formatCredentialProcess({ ...session, expiration: new Date(Number.NaN) })).toThrow(RangeError);
  });
});

describe("credential_process output read by real consumers", () => {
  const dir = mkdtempSync(join(tmpdir(), "stsctl-process-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const config = join(dir, "config");
  const credentials = join(dir, "credentials");
  writeFileSync(credentials, "", { mode: 0o600 });

  // credential_process = /bin/cat FILE: a real process printing exactly our bytes.
  function profileFor(name: string, creds: typeof session): void {
    const out = join(dir, `${name}.json`);
    writeFileSync(out, formatCredentialProcess(creds), { mode: 0o600 });
    writeFileSync(config, `[profile ${name}]\ncredential_process = /bin/cat ${out}\n`, { flag: "a" });
  }
  profileFor("fresh", session);
  profileFor("stale", { ...session, expiration: new Date("2020-01-01T00:00:00Z") });
  const env = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: dir,
    AWS_CONFIG_FILE: config,
    AWS_SHARED_CREDENTIALS_FILE: credentials,
    AWS_EC2_METADATA_DISABLED: "true",
  };

  it("the AWS CLI v2 reads every field, including the expiry", () => {
    const r = spawnSync("/usr/bin/aws", ["configure", "export-credentials", "--profile", "fresh", "--format", "env"], {
      env,
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(
      "export AWS_ACCESS_KEY_ID=ASIAPROCESSEXAMPLE\n" +
        "export AWS_SECRET_ACCESS_KEY=wJalr/K7MDENG+bPxRfiCY=\n" +
        "export AWS_SESSION_TOKEN=IQoJb3JpZ2luX2VjE//+tok==\n" +
        "export AWS_CREDENTIAL_EXPIRATION=2030-01-02T03:04:05+00:00\n",
    );
  });

  it("the AWS CLI v2 sees an expired Expiration as expired", () => {
    const r = spawnSync("/usr/bin/aws", ["configure", "export-credentials", "--profile", "stale"], {
      env,
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("still expired");
  });

  it("the AWS SDK for JavaScript (fromProcess) reads it", async () => {
    const got = await fromProcess({ profile: "fresh", filepath: credentials, configFilepath: config })();
    expect(got).toMatchObject({
      accessKeyId: session.accessKeyId,
      secretAccessKey: session.secretAccessKey,
      sessionToken: session.sessionToken,
      expiration: new Date("2030-01-02T03:04:05Z"),
    });
  });
});
