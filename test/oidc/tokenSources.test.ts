// bin/stsctl oidc in a temporary HOME against the STS emulator, with tokens
// signed by a real OpenID provider: the machine cases (token file by flag, by
// profile and by the environment convention; token process), local refusals,
// and what the emulator refuses.
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { readFileSync, writeFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { stsClient } from "../emulator/client.js";
import { startOidcProvider, type OidcTestProvider } from "../support/oidcProvider.js";
import { runCli } from "../support/runCli.js";
import { ACCOUNT, createOidcWorld, type OidcWorld } from "./fixtures/oidcWorld.js";

let op: OidcTestProvider;
let w: OidcWorld;

beforeAll(async () => {
  op = await startOidcProvider();
});
afterAll(() => op.close());
beforeEach(async () => {
  w = await createOidcWorld(op);
});
afterEach(() => w.close());

const cli = (args: string[], extra: Record<string, string> = {}) => runCli(args, { env: { ...w.env, ...extra } });
const ciToken = (sub = "repo:acme/app:ref:refs/heads/main", opts = {}) => op.mintIdToken({ sub }, opts);
const arnOf = (session: string) => `arn:aws:sts::${ACCOUNT}:assumed-role/Deploy/${session}`;

/** The credentials on stdout really work: GetCallerIdentity with them names the expected session. */
async function identityOf(stdout: string): Promise<string | undefined> {
  const c = JSON.parse(stdout) as { AccessKeyId: string; SecretAccessKey: string; SessionToken: string };
  return (
    await stsClient(w.sts, { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken }).send(
      new GetCallerIdentityCommand({}),
    )
  ).Arn;
}

describe("token file", () => {
  it("by flag: exchanges the file's token, naming the session after the token's subject", async () => {
    const token = await ciToken();
    const file = w.writeFile("token", `${token}\n`);
    const r = await cli(["oidc", "--token-file", file, "--role-arn", w.deployRole, "--json", "--debug"]);
    expect(r.stderr).toContain("debug: ");
    expect(r.stderr).not.toContain("error");
    expect(r.status).toBe(0);
    expect(await identityOf(r.stdout)).toBe(arnOf("repo-acme-app-ref-refs-heads-main"));
    expect(r.stderr).toContain(arnOf("repo-acme-app-ref-refs-heads-main"));
    expect(r.stderr + r.stdout).not.toContain(token);
    expect(w.sts.calls("AssumeRoleWithWebIdentity")).toBe(1);
  });

  it("by profile key: web_identity_token_file is read anew on every refresh, so a rotated token is used", async () => {
    const file = w.writeFile("token", await ciToken("repo:acme/one"));
    w.writeConfig(`[profile ci]\nrole_arn = ${w.deployRole}\nweb_identity_token_file = ${file}\nduration_seconds = 7200\n`);
    const first = await cli(["oidc", "ci", "--json"]);
    expect(first.status).toBe(0);
    expect(await identityOf(first.stdout)).toBe(arnOf("repo-acme-one"));
    // The CI runner writes a new token in place; a refresh must present it, not a remembered one.
    writeFileSync(file, await ciToken("repo:acme/two"));
    const second = await cli(["assume", "ci", "--no-cache", "--json"]);
    expect(second.status).toBe(0);
    expect(await identityOf(second.stdout)).toBe(arnOf("repo-acme-two"));
    expect(w.sts.log.filter((c) => c.action === "AssumeRoleWithWebIdentity").map((c) => c.params.DurationSeconds)).toEqual(["7200", "7200"]);
    // Cached: a third run within the window makes no STS call.
    const third = await cli(["oidc", "ci", "--json"]);
    expect(third.status).toBe(0);
    expect(w.sts.calls("AssumeRoleWithWebIdentity")).toBe(2);
  });

  it("by the environment convention: AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN + AWS_ROLE_SESSION_NAME with no profile named", async () => {
    const file = w.writeFile("token", await ciToken());
    const env = { AWS_WEB_IDENTITY_TOKEN_FILE: file, AWS_ROLE_ARN: w.deployRole, AWS_ROLE_SESSION_NAME: "gha-run-42" };
    const r = await cli(["oidc", "--json"], env);
    expect(r.status).toBe(0);
    expect(await identityOf(r.stdout)).toBe(arnOf("gha-run-42"));
    // --write with no profile: a section of its own, usable as AWS_PROFILE.
    expect((await cli(["oidc", "--write"], env)).status).toBe(0);
    expect(readFileSync(w.env.AWS_SHARED_CREDENTIALS_FILE!, "utf8")).toMatch(/^\[stsctl-web-identity\]\n(#.*\n)*aws_access_key_id = ASIA/m);
    // The same convention serves the everyday commands when no profile is named.
    const assumed = await cli(["assume", "--json"], env);
    expect(assumed.status, assumed.stderr).toBe(0);
    expect(await identityOf(assumed.stdout)).toBe(arnOf("gha-run-42"));
    const exported = await cli(["env", "--format", "json"], env);
    expect(exported.status, exported.stderr).toBe(0);
    const missingRole = await cli(["oidc"], { AWS_WEB_IDENTITY_TOKEN_FILE: file });
    expect(missingRole.status).toBe(2);
    expect(missingRole.stderr).toContain("no role to assume: pass --role-arn or set AWS_ROLE_ARN");
  });
});

describe("token process", () => {
  it("runs web_identity_token_process through the shell, uses its stdout and lets its stderr through", async () => {
    const token = await ciToken("repo:acme/proc");
    const file = w.writeFile("token", token);
    const script = w.writeFile("get-token", `#!/bin/sh\necho "fetching a token for $1" >&2\ncat "${file}"\n`, 0o755);
    w.writeConfig(`[profile proc]\nrole_arn = ${w.deployRole}\nweb_identity_token_process = ${script} ci-job\n`);
    const r = await cli(["oidc", "proc", "--json"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("fetching a token for ci-job");
    expect(await identityOf(r.stdout)).toBe(arnOf("repo-acme-proc"));
    const flag = await cli(["oidc", "--token-process", `cat '${file}'`, "--role-arn", w.deployRole, "--session-name", "by-flag", "--json"]);
    expect(await identityOf(flag.stdout)).toBe(arnOf("by-flag"));
  });

  it("reports a failing token command without showing what it printed", async () => {
    const token = await ciToken();
    const r = await cli(["oidc", "--token-process", `echo ${token}; exit 3`, "--role-arn", w.deployRole]);
    expect(r.status).toBe(8);
    expect(r.stderr).toContain('web_identity_token_process of profile "(flags)" exited with status 3');
    expect(r.stderr).toContain("hint: run the");
    expect(r.stderr).not.toContain(token.slice(0, 40));
    expect(w.sts.calls()).toBe(0);
  });

  it("returns the token without waiting for what the command left running in the background", async () => {
    const file = w.writeFile("token", await ciToken("repo:acme/daemon"));
    // The background sleep keeps the token pipe open for 20 s; its stderr is not stsctl's, so only stdout is held.
    const r = await runCli(
      ["oidc", "--token-process", `(sleep 20 2>/dev/null &); cat '${file}'`, "--role-arn", w.deployRole, "--session-name", "daemon", "--json"],
      {
        env: w.env,
        timeoutMs: 10_000,
      },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(await identityOf(r.stdout)).toBe(arnOf("daemon"));
  });

  it("does not hand the command stsctl's file vault passphrase", async () => {
    const file = w.writeFile("token", await ciToken());
    const report = `${w.home}/token-process-env`;
    const r = await cli([
      "oidc",
      "--token-process",
      `echo "\${STSCTL_FILE_PASSPHRASE-unset}|$AWS_REGION" > '${report}'; cat '${file}'`,
      "--role-arn",
      w.deployRole,
      "--json",
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(report, "utf8")).toBe("unset|us-east-1\n");
  });
});

describe("tokens refused locally, before any STS call", () => {
  it.each([
    [
      "expired",
      () => op.mintIdToken({ sub: "repo:acme/app" }, { expiresIn: -600 }),
      /the token from web identity token file \S+ expired at \d{4}-\d\d-\d\dT[\d:.]+Z \("exp" claim\)/,
    ],
    ["without exp", () => op.mintIdToken({ sub: "repo:acme/app" }, { expiresIn: null }), /has no "exp" claim/],
    ["without sub", () => op.mintIdToken({}), /has no "sub" claim/],
    ["not a JWT", async () => "this-is-not-a-jwt", /is not a JWT: expected 3 dot-separated parts, found 1/],
    ["with a garbled payload", async () => "eyJhbGciOiJFUzI1NiJ9.bm90IGpzb24.c2ln", /is not a JWT: its claims is not JSON/],
  ])("%s", async (_name, make, message) => {
    const file = w.writeFile("token", await make());
    const r = await cli(["oidc", "--token-file", file, "--role-arn", w.deployRole]);
    expect(r.status).toBe(8);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain("hint: ");
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(w.sts.calls("AssumeRoleWithWebIdentity")).toBe(0);
  });

  it("names a missing token file", async () => {
    const r = await cli(["oidc", "--token-file", `${w.home}/nope`, "--role-arn", w.deployRole]);
    expect(r.status).toBe(8);
    expect(r.stderr).toContain(`cannot read web identity token file ${w.home}/nope (ENOENT)`);
    expect(w.sts.calls()).toBe(0);
  });
});

describe("tokens STS refuses", () => {
  it("a forged signature: InvalidIdentityToken with a hint", async () => {
    const token = await ciToken("repo:acme/app", { foreignKey: true });
    const r = await cli(["oidc", "--token-file", w.writeFile("token", token), "--role-arn", w.deployRole]);
    expect(r.status).toBe(4);
    expect(r.stderr).toContain("error: AssumeRoleWithWebIdentity: InvalidIdentityToken: The ID Token signature could not be verified");
    expect(r.stderr).toContain("hint: STS could not verify the token");
    expect(r.stderr).not.toContain(token);
    expect(w.sts.calls("AssumeRoleWithWebIdentity")).toBe(1);
  });

  it("a subject the trust policy does not allow: AccessDenied with a hint", async () => {
    const r = await cli(["oidc", "--token-file", w.writeFile("token", await ciToken("repo:evil/app")), "--role-arn", w.deployRole]);
    expect(r.status).toBe(4);
    expect(r.stderr).toContain("error: AssumeRoleWithWebIdentity: AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity");
    expect(r.stderr).toContain("hint: check the role's trust policy");
  });
});

describe("validation", () => {
  it("refuses conflicting or incomplete flags before reading anything", async () => {
    const both = await cli(["oidc", "--token-file", "/x", "--token-process", "y", "--role-arn", w.deployRole]);
    expect(both.status).toBe(2);
    expect(both.stderr).toContain("give one token source");
    const noClient = await cli(["oidc", "--issuer", op.issuer, "--role-arn", w.deployRole]);
    expect(noClient.status).toBe(2);
    expect(noClient.stderr).toContain("--issuer needs --client-id");
    w.writeConfig(`[profile plain]\naws_access_key_id = AKIAEXAMPLEEXAMPLE12\naws_secret_access_key = x\n`);
    const notWeb = await cli(["oidc", "plain"]);
    expect(notWeb.status).toBe(2);
    expect(notWeb.stderr).toContain('profile "plain" is not a web identity profile');
    w.writeConfig(`[profile half]\nrole_arn = ${w.deployRole}\noidc_issuer = ${op.issuer}\n`);
    const noClientId = await cli(["oidc", "half"]);
    expect(noClientId.status).toBe(3);
    expect(noClientId.stderr).toContain('profile "half" has oidc_issuer but no oidc_client_id');
    expect(w.sts.calls()).toBe(0);
  });
});
