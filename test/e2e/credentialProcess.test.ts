import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import type { DemoWorld } from "../support/demoWorld.js";
import { secretTool } from "../support/keyring.js";
import { startPty } from "../support/pty.js";
import { useKeychainWorld } from "../support/keychainWorld.js";
import { writeLoadRecorder } from "../support/loadRecorder.js";
import { BIN, runCli } from "../support/runCli.js";
import { totp, type StsEmulator } from "../support/sts/index.js";
import { AGENT_TTL, NODE_DIR, PROCESS_JSON, processJson, sessionFiles, type ProcessCredentials } from "./credential-process-support.js";

// `stsctl credential-process` proved against its real consumers: the AWS CLI v2
// and the AWS SDK for JavaScript reading a profile that `stsctl setup-profile`
// wrote, in a temporary HOME, with sessions cached under a real Secret Service
// and every STS call counted by the emulator.

const AWS_CLI = "/usr/bin/aws"; // never plain `aws`: a v1 shim comes first on PATH
const REPO = realpathSync(join(BIN, "..", ".."));
const SELF = realpathSync(BIN);
const NODE = realpathSync(process.execPath);

const t = useKeychainWorld({
  // PATH: node's directory first (bin/stsctl is `#!/usr/bin/env node`), no user shims.
  env: () => ({ PATH: `${NODE_DIR}:/usr/bin:/bin`, ...AGENT_TTL }),
  afterEach: async (x) => {
    // Every world's MFA device has the same serial: never let one test's seed serve the next.
    await secretTool(["clear", "service", "stsctl", "username", `totp:${x.w.mfa.serial}`], { ...process.env, ...x.keyring.env }).catch(() => undefined);
  },
});
// The shared fixtures (test/support/keychainWorld.ts), under the names these tests use.
let sts: StsEmulator;
let w: DemoWorld;
let env: Record<string, string>;
beforeEach(() => {
  ({ sts, w, env } = t);
});

const cli = (args: string[], extra: Record<string, string> = {}, input?: string, timeoutMs?: number) =>
  runCli(args, { env: { ...env, ...extra }, ...(input !== undefined ? { input } : {}), ...(timeoutMs ? { timeoutMs } : {}) });

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a consumer (the AWS CLI, a node script) with exactly `env`, no terminal, bounded. */
function consumer(cmd: string, args: string[], opts: { env: Record<string, string>; cwd?: string; timeoutMs?: number }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = execFile(cmd, args, { env: opts.env, cwd: opts.cwd, timeout: opts.timeoutMs ?? 60_000, maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error && error.code === undefined && error.killed) reject(new Error(`${cmd} timed out; stderr: ${stderr}`));
      else resolve({ status: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
    child.stdin?.on("error", () => undefined); // it may exit without reading
    child.stdin?.end();
  });
}

const awsCli = (profile: string, extra: Record<string, string> = {}) =>
  consumer(AWS_CLI, ["sts", "get-caller-identity", "--profile", profile, "--endpoint-url", sts.url, "--region", "us-east-1", "--output", "json"], {
    env: { ...env, AWS_PAGER: "", ...extra },
  });

// The SDK resolves a profile exactly as an application would: both providers,
// then a real GetCallerIdentity signed with what they returned.
const SDK_SCRIPT = `
import { fromIni, fromProcess } from "@aws-sdk/credential-providers";
import { STSClient, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
const profile = process.argv[1];
const out = {};
for (const [name, provider] of [["fromIni", fromIni({ profile })], ["fromProcess", fromProcess({ profile })]]) {
  const c = await provider();
  const client = new STSClient({ region: "us-east-1", endpoint: process.env.EMULATOR_URL, credentials: c });
  const id = await client.send(new GetCallerIdentityCommand({}));
  out[name] = { accessKeyId: c.accessKeyId, sessionToken: c.sessionToken, expiration: c.expiration ? c.expiration.toISOString() : null, arn: id.Arn };
}
process.stdout.write(JSON.stringify(out));
`;
const sdk = (profile: string) =>
  consumer(process.execPath, ["--input-type=module", "-e", SDK_SCRIPT, profile], { env: { ...env, EMULATOR_URL: sts.url }, cwd: REPO });

const DEV_ARN = /^arn:aws:sts::123456789012:assumed-role\/Dev\/\S+$/;

describe("setup-profile", () => {
  it("appends a credential_process profile with stsctl's absolute path and leaves every other byte alone", async () => {
    const before = readFileSync(env.AWS_CONFIG_FILE!, "utf8");
    const r = await cli(["setup-profile", "dev", "--name", "dev-sdk"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("added [profile dev-sdk] to ~/.aws/config");
    const after = readFileSync(env.AWS_CONFIG_FILE!, "utf8");
    expect(after.slice(0, before.length)).toBe(before);
    expect(after.slice(before.length)).toMatch(
      new RegExp(`^\\n?\\[profile dev-sdk\\]\\n(#[^\\n]*\\n)*credential_process = ${escapeRe(NODE)} ${escapeRe(SELF)} credential-process dev\\n$`),
    );
    expect(SELF.startsWith("/")).toBe(true);

    // Run again: it replaces its own section, still touching nothing else.
    expect((await cli(["setup-profile", "dev", "--name", "dev-sdk"])).status).toBe(0);
    expect(readFileSync(env.AWS_CONFIG_FILE!, "utf8")).toBe(after);
  });

  it("splices into a CRLF file with comments and no final newline, byte for byte, and the AWS CLI reads it", async () => {
    const original = readFileSync(env.AWS_CONFIG_FILE!, "utf8").trimEnd().replace(/\n/g, "\r\n").replace("[profile dev]", "; dev team role\r\n[profile dev]");
    writeFileSync(env.AWS_CONFIG_FILE!, original);
    const r = await cli(["setup-profile", "dev", "--name", "dev-sdk"]);
    expect(r.status, r.stderr).toBe(0);
    const after = readFileSync(env.AWS_CONFIG_FILE!, "utf8");
    expect(after.slice(0, original.length)).toBe(original);
    expect(after.slice(original.length)).toContain(`[profile dev-sdk]`);
    expect(after.slice(original.length)).toContain(`credential_process = ${NODE} ${SELF} credential-process dev`);
    const id = await awsCli("dev-sdk");
    expect(id.status, id.stderr).toBe(0);
    expect(JSON.parse(id.stdout).Arn).toMatch(DEV_ARN);
  });

  it("refuses, changing nothing, for an unknown profile or a section it did not write", async () => {
    const before = readFileSync(env.AWS_CONFIG_FILE!, "utf8");
    const unknown = await cli(["setup-profile", "nope"]);
    expect(unknown.status).toBe(3);
    expect(unknown.stderr).toContain('profile "nope" not found');
    const taken = await cli(["setup-profile", "dev", "--name", "prod-admin"]);
    expect(taken.status).toBe(3);
    expect(taken.stderr).toContain("[profile prod-admin] already exists");
    expect(taken.stderr).toMatch(/^hint: .*--force/m);
    expect(readFileSync(env.AWS_CONFIG_FILE!, "utf8")).toBe(before);
  });

  it("quotes an install path with spaces so that the AWS CLI (no shell) and the SDK (a shell) both run it", async () => {
    // A second install of this build under a directory with a space in its name.
    const root = mkdtempSync(join(tmpdir(), "stsctl install "));
    try {
      cpSync(join(REPO, "bin"), join(root, "bin"), { recursive: true });
      cpSync(join(REPO, "dist"), join(root, "dist"), { recursive: true });
      symlinkSync(join(REPO, "node_modules"), join(root, "node_modules"));
      writeFileSync(join(root, "package.json"), readFileSync(join(REPO, "package.json")));
      const bin = join(root, "bin", "stsctl");
      const r = await spawnBin(bin, ["setup-profile", "dev", "--name", "dev-spaced"]);
      expect(r.status, r.stderr).toBe(0);
      const config = readFileSync(env.AWS_CONFIG_FILE!, "utf8");
      expect(config).toContain(`credential_process = ${NODE} '${realpathSync(bin)}' credential-process dev\n`);

      const id = await awsCli("dev-spaced");
      expect(id.status, id.stderr).toBe(0);
      expect(JSON.parse(id.stdout).Arn).toMatch(DEV_ARN);
      const s = await sdk("dev-spaced");
      expect(s.status, s.stderr).toBe(0);
      expect(JSON.parse(s.stdout).fromProcess.arn).toMatch(DEV_ARN);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

/** Runs another stsctl install with the world's env, no terminal. */
function spawnBin(bin: string, args: string[]): Promise<Run> {
  return consumer(process.execPath, [bin, ...args], { env });
}

describe("credential-process with real consumers", () => {
  beforeEach(async () => {
    expect((await cli(["setup-profile", "dev", "--name", "dev-sdk"])).status).toBe(0);
  });

  it("gives the AWS CLI v2 the assumed role, and its second run makes no STS call for credentials", async () => {
    const first = await awsCli("dev-sdk");
    expect(first.status, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ Account: "123456789012", Arn: expect.stringMatching(DEV_ARN) });
    expect(sts.calls("AssumeRole")).toBe(1);
    expect(sts.calls("GetCallerIdentity")).toBe(1);

    const second = await awsCli("dev-sdk");
    expect(second.status, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout).Arn).toBe(JSON.parse(first.stdout).Arn);
    expect(sts.calls("AssumeRole")).toBe(1);
    expect(sts.calls("GetCallerIdentity")).toBe(2);
    // The session really is cached, encrypted, in the world's cache directory.
    expect(sessionFiles(env.STSCTL_CACHE_DIR!).length).toBeGreaterThanOrEqual(1);
  });

  it("gives the JS SDK's fromIni and fromProcess the same session, with an expiry, and STS accepts it", { timeout: 60_000 }, async () => {
    const r = await sdk("dev-sdk");
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Record<
      "fromIni" | "fromProcess",
      { accessKeyId: string; sessionToken: string; expiration: string | null; arn: string }
    >;
    for (const p of [out.fromIni, out.fromProcess]) {
      expect(p.accessKeyId).toMatch(/^ASIA/);
      expect(p.arn).toMatch(DEV_ARN);
      // With no expiry the SDK would treat the keys as long-term and never refresh.
      expect(Date.parse(p.expiration ?? "") - Date.now()).toBeGreaterThan(15 * 60_000);
    }
    expect(out.fromProcess.sessionToken).toBe(out.fromIni.sessionToken);
    expect(sts.calls("AssumeRole")).toBe(1);
    expect(sts.calls("GetCallerIdentity")).toBe(2);
    // What stsctl printed on the SDK's behalf is what the CLI gets: the cached session.
    expect(processJson(await cli(["credential-process", "dev"])).SessionToken).toBe(out.fromIni.sessionToken);
    expect(sts.calls("AssumeRole")).toBe(1);
  });
});

describe("credential-process output and cache", () => {
  it("prints exactly the credential_process JSON, and a second call within the window makes no STS call", async () => {
    const first = await cli(["credential-process", "dev"]);
    const c = processJson(first);
    expect(first.stderr).toBe("");
    expect(sts.calls()).toBe(1);
    expect(sts.calls("AssumeRole")).toBe(1);

    const second = await cli(["credential-process", "dev"]);
    expect(second.stdout).toBe(first.stdout);
    expect(second.stderr).toBe("");
    expect(sts.calls()).toBe(1);
    // And the session is one the emulator really issued for the Dev role.
    const id = await consumer(AWS_CLI, ["sts", "get-caller-identity", "--endpoint-url", sts.url, "--region", "us-east-1", "--output", "json"], {
      env: {
        PATH: "/usr/bin:/bin",
        HOME: w.home,
        AWS_ACCESS_KEY_ID: c.AccessKeyId,
        AWS_SECRET_ACCESS_KEY: c.SecretAccessKey,
        AWS_SESSION_TOKEN: c.SessionToken,
        AWS_CONFIG_FILE: "/dev/null",
        AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
        AWS_EC2_METADATA_DISABLED: "true",
      },
    });
    expect(id.status, id.stderr).toBe(0);
    expect(JSON.parse(id.stdout).Arn).toMatch(DEV_ARN);
  });

  it("renews a session with less than the refresh window left, and serves the renewed one after", async () => {
    // STS's clock 50 minutes behind: the 1h session it issues ends in 10 minutes, inside the 15-minute window.
    sts.clock.set(new Date(Date.now() - 50 * 60_000));
    const first = processJson(await cli(["credential-process", "dev"]), 5);
    sts.clock.set(new Date());
    const renewed = processJson(await cli(["credential-process", "dev"]));
    expect(renewed.AccessKeyId).not.toBe(first.AccessKeyId);
    expect(sts.calls("AssumeRole")).toBe(2);
    expect(processJson(await cli(["credential-process", "dev"])).AccessKeyId).toBe(renewed.AccessKeyId);
    expect(sts.calls("AssumeRole")).toBe(2);
  });

  it("never loads the AWS SDK, prompts or browser code on a cache hit", async () => {
    const recorder = writeLoadRecorder(w.home);
    const recorded = { NODE_OPTIONS: recorder.nodeOptions };
    // Control: a cold call does load the SDK, so the recorder sees what loads.
    processJson(await cli(["credential-process", "dev"], recorded));
    const cold = recorder.read();
    expect(cold.some((l) => l.includes("/node_modules/@aws-sdk/client-sts/"))).toBe(true);
    expect(cold.some((l) => l.includes("/dist/"))).toBe(true);

    rmSync(recorder.log);
    processJson(await cli(["credential-process", "dev"], recorded));
    const hit = recorder.read();
    expect(hit.some((l) => l.includes("/dist/"))).toBe(true);
    const heavy = hit.filter((l) => /@aws-sdk|@smithy|@inquirer|playwright|otplib|fast-xml-parser|openid-client/.test(l));
    expect(heavy).toEqual([]);
    expect(sts.calls()).toBe(1);
  });
});

describe("credential-process in parallel", () => {
  it("32 parallel cold calls of an MFA profile with a stored seed make one call per step and share one session", { timeout: 180_000 }, async () => {
    const add = await cli(["mfa", "add", w.mfa.serial], {}, `${w.mfa.seed}\n`);
    expect(add.status, add.stderr).toBe(0);
    sts.resetCalls();
    const all = await Promise.all(Array.from({ length: 32 }, () => cli(["credential-process", "prod-admin"], {}, undefined, 150_000)));
    const creds = all.map((r) => processJson(r));
    expect(sts.calls("GetSessionToken")).toBe(1);
    expect(sts.calls("AssumeRole")).toBe(1);
    expect(sts.calls()).toBe(2);
    expect(new Set(creds.map((c) => c.SessionToken)).size).toBe(1);
    expect(new Set(creds.map((c) => c.AccessKeyId)).size).toBe(1);
  });

  it("four parallel calls from one terminal show one MFA prompt; all get the session from one GetSessionToken", { timeout: 90_000 }, async () => {
    const out = mkdtempSync(join(tmpdir(), "stsctl-cp-pty-"));
    const script = ['for i in 1 2 3 4; do ( "$1" "$2" credential-process prod-admin >"$3/out.$i" 2>"$3/err.$i"; echo $? >"$3/rc.$i" ) & done', "wait"].join(
      "\n",
    );
    const pty = await startPty("/bin/sh", ["-c", script, "sh", process.execPath, BIN, out], { env });
    try {
      const prompt = `Enter MFA code for ${w.mfa.serial}: `;
      await pty.waitFor(prompt, 30_000);
      await pty.sendLine(totp(w.mfa.seed, new Date()));
      expect(await pty.waitForExit(60_000)).toBe(0);
      const screen = await pty.screen();
      expect(screen.split("Enter MFA code for").length - 1, screen).toBe(1);
      const results: Array<{ rc: string; stdout: string; stderr: string }> = [1, 2, 3, 4].map((i) => ({
        rc: readFileSync(join(out, `rc.${i}`), "utf8").trim(),
        stdout: readFileSync(join(out, `out.${i}`), "utf8"),
        stderr: readFileSync(join(out, `err.${i}`), "utf8"),
      }));
      for (const r of results) {
        expect(r.rc, r.stderr).toBe("0");
        expect(r.stdout).toMatch(PROCESS_JSON);
      }
      expect(new Set(results.map((r) => (JSON.parse(r.stdout) as ProcessCredentials).SessionToken)).size).toBe(1);
      expect(sts.calls("GetSessionToken")).toBe(1);
      expect(sts.calls("AssumeRole")).toBe(1);
    } finally {
      await pty.kill();
      rmSync(out, { recursive: true, force: true });
    }
  });
});

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
