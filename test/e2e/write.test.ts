import { chmodSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDemoWorld, type DemoWorld } from "../support/demoWorld.js";
import { runAwsCli } from "../support/awsCli.js";
import { runCli } from "../support/runCli.js";
import { startSts, totp, type StsEmulator } from "../support/sts/index.js";

// `--write` end to end: bin/stsctl writes a section of the credentials file,
// the AWS CLI v2 (an independent reader) uses it, and every byte stsctl does
// not own stays as the user wrote it. No keychain needed: STSCTL_KEYRING=none.

let sts: StsEmulator;
let w: DemoWorld;
let env: Record<string, string>;
let file: string;

beforeEach(async () => {
  sts = await startSts();
  w = createDemoWorld(sts);
  env = w.env;
  file = env.AWS_SHARED_CREDENTIALS_FILE!;
});
afterEach(async () => sts.close());

const cli = (args: string[]) => runCli(args, { env });
const read = () => readFileSync(file, "utf8");
const mode = () => statSync(file).mode & 0o777;

/** The AWS CLI v2 with the world's files, no instance metadata, no way to reach real AWS. */
const aws = (args: string[]) =>
  runAwsCli([...args, "--endpoint-url", sts.url, "--output", "text"], {
    PATH: env.PATH!,
    HOME: w.home,
    AWS_CONFIG_FILE: env.AWS_CONFIG_FILE!,
    AWS_SHARED_CREDENTIALS_FILE: file,
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_DEFAULT_REGION: "us-east-1",
    AWS_MAX_ATTEMPTS: "1",
  });

describe("assume --write", () => {
  it("writes [stsctl-dev], 0600, and the AWS CLI uses those keys without assuming the role itself", async () => {
    chmodSync(file, 0o644); // looser than it should be: the write tightens it
    const r = await cli(["assume", "dev", "--write"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain("wrote [stsctl-dev] to ~/.aws/credentials (use AWS_PROFILE=stsctl-dev)");
    expect(mode()).toBe(0o600);
    const text = read();
    expect(text).toMatch(
      /\n\[stsctl-dev\]\n# managed by stsctl: [^\n]*\naws_access_key_id = ASIA\w{16}\naws_secret_access_key = \S+\naws_session_token = \S+\nx_stsctl_expiration = \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n$/,
    );

    sts.resetCalls();
    const id = await aws(["sts", "get-caller-identity", "--profile", "stsctl-dev", "--query", "Arn"]);
    expect(id.stderr).toBe("");
    expect(id.stdout.trim()).toMatch(/^arn:aws:sts::123456789012:assumed-role\/Dev\/stsctl-/);
    expect(sts.calls("AssumeRole")).toBe(0);
    expect(sts.calls("GetCallerIdentity")).toBe(1);
  });

  it("shows why the default is not [dev]: with role_arn in [profile dev], the AWS CLI ignores keys written under [dev]", async () => {
    expect((await cli(["assume", "dev", "--write", "dev"])).status).toBe(0);
    expect(read()).toContain("\n[dev]\n# managed by stsctl");
    sts.resetCalls();
    const id = await aws(["sts", "get-caller-identity", "--profile", "dev", "--query", "Arn"]);
    // The CLI ignored the keys under [dev] and went to assume the role itself, at the real STS
    // (it does not honour AWS_ENDPOINT_URL_STS): never reaching the emulator, where our keys work.
    expect(id.status).not.toBe(0);
    expect(id.stderr).toMatch(/sts\.us-east-1\.amazonaws\.com|AssumeRole/);
    expect(sts.calls()).toBe(0);
  });

  it("keeps a hand-written CRLF file byte for byte outside its section, replaces in place, and clear --write restores it", async () => {
    const original = [
      "; my keys -- do not lose these comments",
      "[alice]",
      `aws_access_key_id=${w.alice.accessKeyId}`,
      `   aws_secret_access_key   =    ${w.alice.secretAccessKey}   `,
      "",
      "#   odd   spacing   stays",
      "[other]  ",
      "aws_access_key_id = AKIAOTHEROTHEROTHER1",
      "aws_secret_access_key = other/secret",
      "",
      "",
      "# trailing comment",
      "",
    ].join("\r\n");
    writeFileSync(file, original, { mode: 0o600 });

    expect((await cli(["assume", "dev", "--write"])).status).toBe(0);
    const first = read();
    expect(first.startsWith(original)).toBe(true);
    const appended = first.slice(original.length);
    expect(appended).toMatch(/^\r\n\[stsctl-dev\]\r\n# managed by stsctl[^\r\n]*\r\naws_access_key_id = ASIA/);
    expect(appended.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/); // CRLF throughout, no bare LF

    // A second write replaces the section where it is; another profile's section goes after it.
    const wrong = String((Number(totp(w.mfa.seed, new Date())) + 1) % 1_000_000).padStart(6, "0");
    expect((await cli(["assume", "prod-readonly", "--write", "ro", "--token-code", wrong])).status).toBe(4); // MFA refused: nothing written
    expect(read()).toBe(first);
    expect((await cli(["session-token", "alice", "--write", "alice-mfa"])).status).toBe(0);
    const withTwo = read();
    expect(withTwo.startsWith(first)).toBe(true);
    expect((await cli(["assume", "dev", "--write", "--no-cache"])).status).toBe(0);
    const replaced = read();
    expect(replaced).not.toBe(withTwo);
    const head = replaced.slice(0, replaced.indexOf("[stsctl-dev]"));
    const tail = replaced.slice(replaced.indexOf("[alice-mfa]"));
    expect(head).toBe(withTwo.slice(0, withTwo.indexOf("[stsctl-dev]")));
    expect(tail).toBe(withTwo.slice(withTwo.indexOf("[alice-mfa]")));

    const cleared = await cli(["clear", "dev", "--write"]);
    expect(cleared.status, cleared.stderr).toBe(0);
    expect(cleared.stderr).toContain("removed [stsctl-dev] from ~/.aws/credentials");
    expect((await cli(["clear", "alice", "--write", "alice-mfa"])).status).toBe(0);
    expect(read()).toBe(original);
    expect(mode()).toBe(0o600);
  });

  it("refuses to overwrite long-term keys without --force, touching nothing", async () => {
    const before = read();
    const r = await cli(["assume", "dev", "--write", "alice"]);
    expect(r.status).toBe(3);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("section [alice] in");
    expect(r.stderr).toContain("was not written by stsctl; refusing to replace it");
    expect(r.stderr).toMatch(/\nhint: .*--force/);
    expect(read()).toBe(before);

    // clear --write refuses the same way.
    const c = await cli(["clear", "dev", "--write", "alice"]);
    expect(c.status).toBe(3);
    expect(read()).toBe(before);

    const forced = await cli(["assume", "dev", "--write", "alice", "--force"]);
    expect(forced.status, forced.stderr).toBe(0);
    expect(read()).toMatch(/^\[alice\]\n# managed by stsctl[^\n]*\naws_access_key_id = ASIA/);
    expect(read()).not.toContain(w.alice.secretAccessKey);
  });
});

describe("session-token --write", () => {
  it("writes [stsctl-alice] with a session token that the AWS CLI uses", async () => {
    const r = await cli(["session-token", "alice", "--write"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain("wrote [stsctl-alice]");
    expect(read()).toMatch(/\[stsctl-alice\]\n# managed by stsctl[^\n]*\naws_access_key_id = ASIA\w+\naws_secret_access_key = \S+\naws_session_token = \S+\n/);
    expect(mode()).toBe(0o600);
    const id = await aws(["sts", "get-caller-identity", "--profile", "stsctl-alice", "--query", "Arn"]);
    expect(id.stdout.trim()).toBe(w.alice.arn);
    expect(sts.calls("GetSessionToken")).toBe(1);
  });
});
