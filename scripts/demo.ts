// npm run demo: stsctl's everyday workflow against the local STS emulator, in a
// throwaway HOME. No AWS account, no network beyond 127.0.0.1.
import { spawn } from "node:child_process";
import { existsSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createDemoWorld } from "../test/support/demoWorld.js";
import { BIN } from "../test/support/runCli.js";
import { startOidcProvider } from "../test/support/oidcProvider.js";
import { createSigningKey, signedResponse } from "../test/support/samlIdp.js";
import { startSts, totp } from "../test/support/sts/index.js";
import { addOidcProvider, providerHost } from "../test/support/sts/oidcProviders.js";
import { addSamlProvider } from "../test/support/sts/samlProviders.js";

const color = !process.env.NO_COLOR && process.stdout.isTTY;
const bold = (s: string) => (color ? `\u001b[1m${s}\u001b[22m` : s);
const dim = (s: string) => (color ? `\u001b[2m${s}\u001b[22m` : s);

const sts = await startSts();
const world = createDemoWorld(sts);
// A fresh machine may have no OS keychain: the demo uses the passphrase-encrypted file vault.
const env: Record<string, string> = { ...world.env, STSCTL_KEYRING: "file", STSCTL_FILE_PASSPHRASE: "demo passphrase" };
let failures = 0;

/** Runs a command without blocking this process, which serves the emulator. */
function run(
  cmd: string,
  args: string[],
  opts: { input?: string; env?: NodeJS.ProcessEnv | undefined } = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env: opts.env ?? env, stdio: ["pipe", "pipe", "pipe"], detached: true });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d));
    child.stderr.on("data", (d: Buffer) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.on("close", (status) => (clearTimeout(timer), resolve({ status, stdout, stderr })));
    child.stdin.on("error", () => undefined); // the command may exit without reading stdin
    child.stdin.end(opts.input ?? "");
  });
}

/** Shows a command and what it prints; secrets in stdout are shortened for the screen. */
async function step(
  title: string,
  args: string[],
  opts: { input?: string; expect?: number; shell?: string; env?: Record<string, string> } = {},
): Promise<string> {
  console.log(`\n${bold(`# ${title}`)}`);
  console.log(`$ ${opts.shell ?? ["stsctl", ...args].map((a) => (/[\s"'$]/.test(a) ? `'${a}'` : a)).join(" ")}`);
  const r = await run(process.execPath, [BIN, ...args], { ...(opts.input !== undefined ? { input: opts.input } : {}), env: { ...env, ...opts.env } });
  const shown = r.stdout.replace(
    /((?:SECRET_ACCESS_KEY|SESSION_TOKEN|SecretAccessKey|SessionToken)["']?\s*[:=]\s*["']?)([A-Za-z0-9/+=]{12})[A-Za-z0-9/+=]+/g,
    "$1$2…",
  );
  if (shown) process.stdout.write(shown);
  if (r.stderr) process.stdout.write(dim(r.stderr));
  if (r.status !== (opts.expect ?? 0)) {
    failures++;
    console.log(`!! exit ${r.status}, expected ${opts.expect ?? 0}`);
  }
  return r.stdout;
}

console.log(bold("stsctl demo") + dim(` — STS emulator at ${sts.url}, HOME=${world.home}`));
console.log(dim("Profiles: alice (IAM user), dev (role), prod-admin and prod-readonly (roles that demand MFA), audit (chained from prod-admin)."));

await step("What will stsctl do for audit, and why? (no network)", ["plan", "audit"]);
await step("Who am I with alice's long-term keys?", ["whoami", "alice"]);
await step("A plain role: assumed and cached", ["assume", "dev"]);
await step("Store alice's virtual MFA seed in the vault, so MFA needs no typing (stdin, never argv)", ["mfa", "add", world.mfa.serial], {
  input: world.mfa.seed,
  shell: `stsctl mfa add ${world.mfa.serial} < seed.txt`,
});
await step("An MFA role: GetSessionToken with MFA (12h), then AssumeRole", ["assume", "prod-admin"]);
await step("A second MFA role from the same user: the MFA session is reused, no code needed", ["assume", "prod-readonly"]);
await step("Chained role, asked for 2h: AWS caps chains at 1h, and stsctl says so", ["assume", "audit", "--duration", "2h"]);
await step("A single MFA role for 8h: the code goes on AssumeRole itself (a session-token hop would cap it at 1h)", [
  "assume",
  "prod-admin",
  "--duration",
  "8h",
  "--token-code",
  totp(world.mfa.seed, new Date(Date.now() + 30_000)),
]);
await step('Exports for the current shell (eval "$(stsctl env)")', ["env", "--shell", "bash"]);
await step("Run a command with a session", ["exec", "dev", "--", "sh", "-c", 'echo "child sees $AWS_ACCESS_KEY_ID, AWS_PROFILE=${AWS_PROFILE:-unset}"']);
if (existsSync("/usr/bin/aws")) {
  await step("The AWS CLI v2 using it", ["exec", "dev", "--", "/usr/bin/aws", "sts", "get-caller-identity", "--endpoint-url", sts.url, "--output", "text"]);
}
await step("credential_process JSON for every AWS SDK (served from the cache)", ["credential-process", "prod-admin"]);
{
  // A hit is answered by the key agent (the vault's key in memory, the command code loaded): time a few.
  const median = async (cmd: string, args: string[]) => {
    const ms: number[] = [];
    for (let i = 0; i < 7; i++) {
      const started = performance.now();
      if ((await run(cmd, args)).status !== 0) failures++;
      ms.push(performance.now() - started);
    }
    return ms.sort((a, b) => a - b)[3]!.toFixed(0);
  };
  const hit = await median(process.execPath, [BIN, "credential-process", "prod-admin"]);
  const floor = await median(process.execPath, ["-e", "0"]);
  console.log(dim(`7 more cache hits: median ${hit} ms, against ${floor} ms for an empty \`node -e 0\` (npm run bench measures properly)`));
}
await step("Add a credential_process profile to ~/.aws/config", ["setup-profile", "prod-admin"]);
if (existsSync("/usr/bin/aws")) {
  console.log(`\n${bold("# …which the AWS CLI v2 uses by itself")}\n$ aws sts get-caller-identity --profile prod-admin-sdk`);
  const r = await run(
    "/usr/bin/aws",
    ["sts", "get-caller-identity", "--profile", "prod-admin-sdk", "--endpoint-url", sts.url, "--region", "us-east-1", "--output", "text"],
    {
      env: { ...env, PATH: `${process.execPath.replace(/\/[^/]+$/, "")}:${env.PATH}` },
    },
  );
  process.stdout.write(r.stdout + dim(r.stderr));
  if (r.status !== 0) failures++;
}
// SAML: an IdP's signed response, exchanged with AssumeRoleWithSAML. (`stsctl saml --browser`
// signs in through a real browser and catches the response on its way to AWS.)
const idpKey = createSigningKey("demo-idp");
const samlProvider = addSamlProvider(sts.world, { name: "DemoIdP", certificate: idpKey.certificate });
const samlRole = sts.addRole({
  name: "SamlDeveloper",
  trust: [
    {
      Principal: { Federated: samlProvider.arn },
      Action: "sts:AssumeRoleWithSAML",
      Condition: { StringEquals: { "SAML:aud": "https://signin.aws.amazon.com/saml" } },
    },
  ],
});
const response = signedResponse({
  key: idpKey,
  issuer: "https://idp.demo.example",
  roles: [{ roleArn: samlRole.arn, principalArn: samlProvider.arn }],
  sessionName: "alice@example.com",
  sessionDuration: 7200,
});
await step("SAML: exchange a signed SAMLResponse; the IdP's SessionDuration (2h) sets the length", ["saml", "--assertion-file", "-"], {
  input: response,
  shell: "stsctl saml --assertion-file - < response.b64",
});

// OIDC: a CI job's ID token (EKS, GitHub Actions, GitLab), by the AWS_WEB_IDENTITY_TOKEN_FILE convention.
const warn = console.warn;
console.warn = () => {}; // the test provider's development-mode notice
const op = await startOidcProvider();
console.warn = warn;
addOidcProvider(sts.world, { url: op.issuer, clientIds: [op.clientId] });
const host = providerHost(op.issuer);
const ciRole = sts.addRole({
  name: "CiDeploy",
  trust: [
    {
      Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${host}` },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: { StringEquals: { [`${host}:aud`]: op.clientId }, StringLike: { [`${host}:sub`]: "repo:acme/*" } },
    },
  ],
});
const tokenFile = join(world.home, "ci-token.jwt");
writeFileSync(tokenFile, await op.mintIdToken({ sub: "repo:acme/app:ref:refs/heads/main" }), { mode: 0o600 });
const ciEnv = { AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile, AWS_ROLE_ARN: ciRole.arn, AWS_ROLE_SESSION_NAME: "ci-run-42" };
await step("OIDC: a CI job's token file (AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN, no profile)", ["oidc"], {
  env: ciEnv,
  shell: "AWS_WEB_IDENTITY_TOKEN_FILE=ci-token.jwt AWS_ROLE_ARN=…/CiDeploy stsctl oidc",
});
await op.close();

await step("Profiles and their sessions", ["list"]);
await step("Forget dev's session", ["clear", "dev"]);
await step(
  "When something is off: one line per check (config, profiles, credential_process lines, the vault, the key agent, STS, the clock, the shell function)",
  ["doctor"],
);
await step("Bad input gets one clear line, a hint and an exit code", ["assume", "prod-admn"], { expect: 3 });

console.log(
  `\n${bold("STS calls made:")} ${["GetCallerIdentity", "GetSessionToken", "AssumeRole", "AssumeRoleWithSAML", "AssumeRoleWithWebIdentity"].map((a) => `${a} ${sts.calls(a)}`).join(", ")}`,
);
await sts.close();
rmSync(world.home, { recursive: true, force: true });
if (failures) {
  console.log(`\n${failures} step(s) did not behave as expected`);
  process.exit(1);
}
console.log(bold("\nDemo finished: every step behaved as expected."));
