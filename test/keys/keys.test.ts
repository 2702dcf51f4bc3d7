import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { beforeEach, describe, expect, it } from "vitest";
import type { DemoWorld } from "../support/demoWorld.js";
import { startKeyring, type KeyringHarness } from "../support/keyring.js";
import { startPty } from "../support/pty.js";
import { useKeychainWorld } from "../support/keychainWorld.js";
import { BIN, runCli } from "../support/runCli.js";
import type { StsEmulator } from "../support/sts/index.js";

// stsctl add / remove against a real Secret Service (gnome-keyring on a
// private bus): the keys really land in the keychain, really leave the
// credentials file, and the planner really uses them from there.

const t = useKeychainWorld({
  afterEach: async () => {
    await secretTool(["clear", "service", "stsctl", "username", "keys:alice"]).catch(() => undefined);
  },
});
// The shared fixtures (test/support/keychainWorld.ts), under the names these tests use.
let keyring: KeyringHarness;
let sts: StsEmulator;
let w: DemoWorld;
let env: Record<string, string>;
beforeEach(() => {
  ({ keyring, sts, w, env } = t);
});

const cli = (args: string[], extra: Record<string, string> = {}) => runCli(args, { env: { ...env, ...extra } });
const readCreds = () => readFileSync(env.AWS_SHARED_CREDENTIALS_FILE!, "utf8");
const readConfig = () => readFileSync(env.AWS_CONFIG_FILE!, "utf8");
/** secret-tool on the harness's bus, with no stdin (lookups and clears read none). */
const secretTool = (args: string[]) =>
  new Promise<string>((resolve, reject) => {
    const child = execFile("secret-tool", args, { env: { PATH: process.env.PATH, ...keyring.env }, timeout: 5000 }, (e, stdout) =>
      e ? reject(e) : resolve(stdout),
    );
    child.stdin?.destroy();
  });
/** What the Secret Service holds for a profile's keys ("" when nothing). */
const inKeychain = (profile: string) => secretTool(["lookup", "service", "stsctl", "username", `keys:${profile}`]).catch(() => "");
const withMark = (config: string) =>
  config.replace("[profile alice]\nregion = us-east-1\n", "[profile alice]\nregion = us-east-1\nstsctl_credentials = keychain\n");

describe("stsctl add --import", () => {
  it("moves alice's keys into the keychain, off disk, and roles sourced from alice keep working; remove undoes the config", async () => {
    const config = readConfig();
    const r = await cli(["add", "--import", "alice"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain(`stored the keys of "alice" (…${w.alice.accessKeyId.slice(-4)}) in the OS keychain`);
    expect(r.stderr).not.toContain(w.alice.secretAccessKey);

    expect(JSON.parse(await inKeychain("alice"))).toEqual({ accessKeyId: w.alice.accessKeyId, secretAccessKey: w.alice.secretAccessKey });
    const creds = readCreds();
    expect(creds).not.toContain(w.alice.secretAccessKey);
    expect(creds).not.toContain(w.alice.accessKeyId);
    expect(creds).toBe("# [alice]: keys moved to the OS keychain by stsctl add --import\n");
    expect(readConfig()).toBe(withMark(config)); // one line added, every other byte kept

    const who = await cli(["whoami", "alice"]);
    expect(who.stdout).toBe(`${w.alice.arn}\n`);
    const dev = await cli(["assume", "dev", "--json"]);
    expect(dev.status, dev.stderr).toBe(0);
    expect(sts.log.find((l) => l.action === "AssumeRole")?.params.RoleArn).toBe(w.roles.dev);
    expect(JSON.parse(dev.stdout).AccessKeyId).toMatch(/^ASIA/);

    const removed = await cli(["remove", "alice"]);
    expect(removed.status, removed.stderr).toBe(0);
    expect(removed.stderr).toContain('deleted the keys of "alice" from the OS keychain');
    expect(await inKeychain("alice")).toBe("");
    expect(readConfig()).toBe(config);
    const after = await cli(["whoami", "alice", "--no-cache"]);
    expect(after.status).toBe(3);
  });

  it("keeps the rest of a hand-written credentials file byte for byte, and a section with other keys", async () => {
    const original = [
      "; my credentials",
      "[other]",
      "aws_access_key_id = AKIAOTHEROTHEROTHER1",
      "aws_secret_access_key = other/secret",
      "",
      "[alice]   ",
      "# alice's keys",
      `aws_access_key_id=${w.alice.accessKeyId}`,
      `   aws_secret_access_key   =   ${w.alice.secretAccessKey}`,
      "region = us-east-1",
      "",
      "# trailing",
      "",
    ].join("\r\n");
    writeFileSync(env.AWS_SHARED_CREDENTIALS_FILE!, original);
    const r = await cli(["add", "--import", "alice"]);
    expect(r.status, r.stderr).toBe(0);
    expect(readCreds()).toBe(original.replace(`aws_access_key_id=${w.alice.accessKeyId}\r\n   aws_secret_access_key   =   ${w.alice.secretAccessKey}\r\n`, ""));
    expect((await cli(["whoami", "alice"])).stdout).toBe(`${w.alice.arn}\n`);
  });

  it("refuses temporary credentials and sections with no keys, storing nothing", async () => {
    writeFileSync(
      env.AWS_SHARED_CREDENTIALS_FILE!,
      "[alice]\naws_access_key_id = ASIAAAAAAAAAAAAAAAAA\naws_secret_access_key = 0123456789012345678901234567890123456789\naws_session_token = x\n[empty]\nregion = x\n",
    );
    const before = readCreds();
    const temp = await cli(["add", "--import", "alice"]);
    expect(temp.status).toBe(2);
    expect(temp.stderr).toContain("holds temporary credentials");
    const none = await cli(["add", "--import", "empty"]);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain("no aws_access_key_id and aws_secret_access_key in [empty]");
    expect(readCreds()).toBe(before);
    expect(await inKeychain("alice")).toBe("");
  });
});

describe("stsctl add --from-env", () => {
  const keys = () => ({ AWS_ACCESS_KEY_ID: w.alice.accessKeyId, AWS_SECRET_ACCESS_KEY: w.alice.secretAccessKey });

  it("stores keys from the environment for a profile that has none on disk", async () => {
    writeFileSync(env.AWS_SHARED_CREDENTIALS_FILE!, "# no keys here\n");
    const r = await cli(["add", "alice", "--from-env"], keys());
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(await inKeychain("alice")).accessKeyId).toBe(w.alice.accessKeyId);
    expect(readCreds()).toBe("# no keys here\n");
    expect((await cli(["whoami", "alice"])).stdout).toBe(`${w.alice.arn}\n`);

    // Different keys need --force; the same ones are fine.
    const other = { AWS_ACCESS_KEY_ID: "AKIAXXXXXXXXXXXXXXXX", AWS_SECRET_ACCESS_KEY: "x".repeat(40) };
    const refused = await cli(["add", "alice", "--from-env"], other);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('the OS keychain already holds keys for "alice"');
    expect((await cli(["add", "alice", "--from-env"], keys())).status).toBe(0);
    expect((await cli(["add", "alice", "--from-env", "--force"], other)).status).toBe(0);
    expect(JSON.parse(await inKeychain("alice")).accessKeyId).toBe("AKIAXXXXXXXXXXXXXXXX");
  });

  it("with STSCTL_KEYRING=file, keeps them in the passphrase-encrypted vault instead", async () => {
    writeFileSync(env.AWS_SHARED_CREDENTIALS_FILE!, "");
    const vault = { STSCTL_KEYRING: "file", STSCTL_FILE_PASSPHRASE: "correct horse battery staple" };
    const r = await cli(["add", "alice", "--from-env"], { ...keys(), ...vault });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain("in the stsctl vault");
    expect(await inKeychain("alice")).toBe("");
    expect((await cli(["whoami", "alice"], vault)).stdout).toBe(`${w.alice.arn}\n`);
    expect((await cli(["remove", "alice"], vault)).stderr).toContain("from the stsctl vault");
  });

  it.each([
    ["a temporary key", { AWS_ACCESS_KEY_ID: "ASIAAAAAAAAAAAAAAAAA", AWS_SECRET_ACCESS_KEY: "y".repeat(40) }, "is a temporary one (ASIA…)"],
    [
      "a session token",
      { AWS_ACCESS_KEY_ID: "AKIAAAAAAAAAAAAAAAAA", AWS_SECRET_ACCESS_KEY: "y".repeat(40), AWS_SESSION_TOKEN: "t" },
      "AWS_SESSION_TOKEN is set",
    ],
    ["a malformed secret", { AWS_ACCESS_KEY_ID: "AKIAAAAAAAAAAAAAAAAA", AWS_SECRET_ACCESS_KEY: "short-secret-value" }, "does not look like one: expected 40"],
    ["no keys", {}, "--from-env needs AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"],
  ])("refuses %s before touching anything, never echoing the secret", async (_name, vars, message) => {
    writeFileSync(env.AWS_SHARED_CREDENTIALS_FILE!, "");
    const config = readConfig();
    const r = await cli(["add", "alice", "--from-env"], vars);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toMatch(/\nhint: /);
    if ("AWS_SECRET_ACCESS_KEY" in vars) expect(r.stderr).not.toContain(vars.AWS_SECRET_ACCESS_KEY);
    expect(readConfig()).toBe(config);
    expect(await inKeychain("alice")).toBe("");
  });

  it("will not store keys that the credentials file would shadow", async () => {
    const r = await cli(["add", "alice", "--from-env"], keys());
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("already has keys, which would be used instead of the keychain");
    expect(r.stderr).toContain("hint: move them into the keychain with: stsctl add --import alice");
  });
});

describe("stsctl add on a terminal", () => {
  it("asks for the key id and the hidden secret on /dev/tty", async () => {
    writeFileSync(env.AWS_SHARED_CREDENTIALS_FILE!, "");
    const term = await startPty(process.execPath, [BIN, "add", "alice"], { env });
    try {
      await term.waitFor("Access key ID for alice: ");
      await term.sendLine(w.alice.accessKeyId);
      await term.waitFor("Secret access key (hidden): ");
      await term.sendLine(w.alice.secretAccessKey);
      expect(await term.waitForExit(15_000)).toBe(0);
      const screen = await term.screen();
      expect(screen).toContain(`Access key ID for alice: ${w.alice.accessKeyId}`);
      expect(screen).not.toContain(w.alice.secretAccessKey);
      expect(screen).toContain('stored the keys of "alice"');
    } finally {
      await term.kill();
    }
    expect(JSON.parse(await inKeychain("alice")).secretAccessKey).toBe(w.alice.secretAccessKey);
  });

  it("without a terminal, says how to pass the keys instead", async () => {
    writeFileSync(env.AWS_SHARED_CREDENTIALS_FILE!, "");
    const r = await cli(["add", "alice"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no terminal to ask for the keys of "alice" on');
    expect(r.stderr).toContain("--from-env");
  });
});

describe("without a usable keychain", () => {
  it("STSCTL_KEYRING=none: says there is nowhere to keep the keys before asking for them", async () => {
    writeFileSync(env.AWS_SHARED_CREDENTIALS_FILE!, "");
    const r = await cli(["add", "alice"], { STSCTL_KEYRING: "none" });
    expect(r.status).toBe(6);
    expect(r.stderr).toContain("STSCTL_KEYRING=none keeps no secrets: there is nowhere to store the keys");
    expect(r.stderr).toContain("hint: unset STSCTL_KEYRING");
  });

  it.each(["locked", "absent"] as const)("%s: add and remove fail with the StoreError and its hint, touching no file", async (mode) => {
    const other = await startKeyring({ mode });
    try {
      const e = { ...env, ...other.env };
      const config = readConfig();
      const creds = readCreds();
      const add = await runCli(["add", "--import", "alice"], { env: e });
      expect(add.status).toBe(6);
      expect(add.stderr).toMatch(/^error: .*keychain/m);
      expect(add.stderr).toMatch(/\nhint: /);
      expect(add.ms).toBeLessThan(10_000);
      const rm = await runCli(["remove", "alice"], { env: e });
      expect(rm.status).toBe(6);
      expect(readConfig()).toBe(config);
      expect(readCreds()).toBe(creds);
    } finally {
      await other.stop();
    }
  });
});
