// A web identity profile consumed by the AWS CLI v2 through
// `credential_process = <abs>/bin/stsctl credential-process ci`, with the
// session cached under a real Secret Service: the CLI's GetCallerIdentity
// runs as the role session stsctl got for the token file's subject.
import { execFile } from "node:child_process";
import { dirname } from "node:path";
import { realpathSync } from "node:fs";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startKeyring, type KeyringHarness } from "../support/keyring.js";
import { startOidcProvider, type OidcTestProvider } from "../support/oidcProvider.js";
import { BIN } from "../support/runCli.js";
import { ACCOUNT, createOidcWorld, type OidcWorld } from "./fixtures/oidcWorld.js";

const AWS_CLI = "/usr/bin/aws"; // never plain `aws`: another shim may come first on PATH

let op: OidcTestProvider;
let keyring: KeyringHarness;
let w: OidcWorld;

beforeAll(async () => {
  [op, keyring] = await Promise.all([startOidcProvider(), startKeyring()]);
});
afterAll(async () => {
  await op?.close();
  await keyring?.stop();
});
beforeEach(async () => {
  w = await createOidcWorld(op);
});
afterEach(() => w.close());

function aws(args: string[], env: Record<string, string>): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(AWS_CLI, args, { env, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ status: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

describe("AWS CLI v2 with credential_process", () => {
  it("acts as the web identity role session, and a later call is served from stsctl's cache", async () => {
    const file = w.writeFile("token", await op.mintIdToken({ sub: "repo:acme/infra" }));
    w.writeConfig(
      [
        "[profile ci]",
        `role_arn = ${w.deployRole}`,
        `web_identity_token_file = ${file}`,
        "role_session_name = gha-deploy",
        "",
        "[profile ci-sdk]",
        `credential_process = ${realpathSync(BIN)} credential-process ci`,
        "region = us-east-1",
        "",
      ].join("\n"),
    );
    const env = {
      ...w.env,
      ...keyring.env,
      STSCTL_KEYRING: "keychain",
      // bin/stsctl is `#!/usr/bin/env node`.
      PATH: `${dirname(process.execPath)}:/usr/bin:/bin`,
    };
    const call = () => aws(["sts", "get-caller-identity", "--profile", "ci-sdk", "--endpoint-url", w.sts.url, "--output", "json"], env);
    const first = await call();
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ Account: ACCOUNT, Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Deploy/gha-deploy` });
    const second = await call();
    expect(second.status).toBe(0);
    expect(w.sts.calls("AssumeRoleWithWebIdentity")).toBe(1);
    expect(w.sts.calls("GetCallerIdentity")).toBe(2);
  });

  it("shows stsctl's refusal of an expired token file, and STS is never asked", async () => {
    const file = w.writeFile("token", await op.mintIdToken({ sub: "repo:acme/infra" }, { expiresIn: -3600 }));
    w.writeConfig(
      `[profile ci]\nrole_arn = ${w.deployRole}\nweb_identity_token_file = ${file}\n\n[profile ci-sdk]\ncredential_process = ${realpathSync(BIN)} credential-process ci\n`,
    );
    const r = await aws(["sts", "get-caller-identity", "--profile", "ci-sdk", "--endpoint-url", w.sts.url], {
      ...w.env,
      ...keyring.env,
      STSCTL_KEYRING: "keychain",
      PATH: `${dirname(process.execPath)}:/usr/bin:/bin`,
    });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/expired at \d{4}-\d\d-\d\dT/);
    expect(w.sts.calls()).toBe(0);
  });
});
