// The processes stsctl starts never see its own secrets: exec's command, a
// profile's mfa_process, and a source profile's credential_process (run by the
// AWS SDK) each report whether STSCTL_FILE_PASSPHRASE reached them, while
// stsctl really uses that passphrase for its file vault. (Token processes and
// the browser: test/oidc.)
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDemoWorld, type DemoWorld } from "../support/demoWorld.js";
import { removeTempDir } from "../support/removeTempDir.js";
import { runCli } from "../support/runCli.js";
import { startSts, totp, type StsEmulator } from "../support/sts/index.js";

const PASSPHRASE = "vault passphrase for the child test";

let sts: StsEmulator;
let w: DemoWorld;
let env: Record<string, string>;
beforeEach(async () => {
  sts = await startSts();
  w = createDemoWorld(sts);
  env = { ...w.env, STSCTL_KEYRING: "file", STSCTL_FILE_PASSPHRASE: PASSPHRASE };
});
afterEach(async () => {
  await sts.close();
  removeTempDir(w.home);
});

const cli = (args: string[]) => runCli(args, { env });
const report = () => join(w.home, "child-env");
/** A shell line that writes what the child sees of the passphrase to the report file. */
const recordEnv = () => `echo "\${STSCTL_FILE_PASSPHRASE-unset}" > '${report()}'`;

describe("children do not inherit STSCTL_FILE_PASSPHRASE", () => {
  it("exec: the command gets the session's AWS credentials and not the passphrase", async () => {
    const r = await cli(["exec", "dev", "--", "sh", "-c", 'echo "${STSCTL_FILE_PASSPHRASE-unset}|$AWS_ACCESS_KEY_ID|${AWS_SESSION_TOKEN:+token}"']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^unset\|ASIA[A-Z0-9]{16}\|token\n$/);
    // The vault really was in use: the session is cached under the passphrase.
    expect((await cli(["assume", "dev"])).stderr).toContain("(cached)");
  });

  it("mfa_process", async () => {
    const codeFile = join(w.home, "code.txt");
    writeFileSync(codeFile, `${totp(w.mfa.seed, new Date())}\n`);
    appendFileSync(
      env.AWS_CONFIG_FILE!,
      `\n[profile prod-proc]\nrole_arn = ${w.roles.prodAdmin}\nsource_profile = alice\nmfa_serial = ${w.mfa.serial}\nmfa_process = ${recordEnv()}; cat '${codeFile}'\n`,
    );
    const r = await cli(["assume", "prod-proc"]);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(report(), "utf8")).toBe("unset\n");
  });

  it("a source profile's credential_process, which the AWS SDK runs", async () => {
    const script = join(w.home, "keys-from-elsewhere");
    const keys = JSON.stringify({ Version: 1, AccessKeyId: w.alice.accessKeyId, SecretAccessKey: w.alice.secretAccessKey });
    writeFileSync(script, `#!/bin/sh\n${recordEnv()}\necho '${keys}'\n`, { mode: 0o755 });
    appendFileSync(
      env.AWS_CONFIG_FILE!,
      `\n[profile elsewhere]\ncredential_process = ${script}\n\n[profile dev-elsewhere]\nrole_arn = ${w.roles.dev}\nsource_profile = elsewhere\n`,
    );
    const r = await cli(["assume", "dev-elsewhere"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain("assumed-role/Dev");
    expect(readFileSync(report(), "utf8")).toBe("unset\n");
  });
});
