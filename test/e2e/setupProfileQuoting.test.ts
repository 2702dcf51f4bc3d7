import { execFile, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { appendFileSync, existsSync, readFileSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDemoWorld, type DemoWorld } from "../support/demoWorld.js";
import { BIN, runCli } from "../support/runCli.js";
import { startSts, type StsEmulator } from "../support/sts/index.js";

// `setup-profile` for profiles with hostile names: the credential_process line
// it writes must split back to stsctl's exact argv in botocore (shlex.split,
// no shell) and in the JS SDK (/bin/sh), and must never run anything else.

const AWS_CLI = "/usr/bin/aws"; // never plain `aws`: a v1 shim comes first on PATH
const SELF = realpathSync(BIN);
const NODE = realpathSync(process.execPath);
const REPO = realpathSync(join(BIN, "..", ".."));
const pwned = join(tmpdir(), `pwned-${randomBytes(6).toString("hex")}`);

// Names stsctl's config reader gives back as they are (single spaces, no brackets).
const HOSTILE = [
  `x$(touch ${pwned})y`,
  "`touch " + pwned + "` $HOME",
  `it's "quoted"`,
  "back\\slash\\ \\'",
  "semi;colon #hash ;x",
  "ünï 漢字 😀",
  "-leading-dash",
  "'; touch " + pwned + "; '",
];

let sts: StsEmulator;
let w: DemoWorld;
let env: Record<string, string>;

beforeEach(async () => {
  sts = await startSts();
  w = createDemoWorld(sts);
  env = w.env;
  // Each profile assumes Dev under its own session name: the ARN says which profile stsctl ran.
  appendFileSync(
    env.AWS_CONFIG_FILE!,
    HOSTILE.map((name, i) => `\n[profile ${name}]\nrole_arn = ${w.roles.dev}\nsource_profile = alice\nrole_session_name = hostile-${i}\n`).join(""),
  );
});
afterEach(async () => {
  await sts.close();
  expect(existsSync(pwned)).toBe(false);
});

const cli = (args: string[]) => runCli(args, { env });

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function consumer(cmd: string, args: string[], opts: { env: Record<string, string>; cwd?: string }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = execFile(cmd, args, { env: opts.env, cwd: opts.cwd, timeout: 60_000, maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error && error.code === undefined && error.killed) reject(new Error(`${cmd} timed out; stderr: ${stderr}`));
      else resolve({ status: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
    child.stdin?.end();
  });
}

const awsEnv = () => ({ ...env, AWS_PAGER: "", AWS_MAX_ATTEMPTS: "1" });
const configGet = (profile: string) => consumer(AWS_CLI, ["configure", "get", "credential_process", "--profile", profile], { env: awsEnv() });

/** botocore's own splitter: Python's shlex.split, every line in one run. */
function shlexSplit(lines: string[]): string[][] {
  const r = spawnSync("/usr/bin/python3", ["-c", "import json, shlex, sys; print(json.dumps([shlex.split(l) for l in json.load(sys.stdin)]))"], {
    input: JSON.stringify(lines),
    encoding: "utf8",
    env: { PATH: "/usr/bin:/bin", LC_ALL: "C.UTF-8" },
  });
  expect(r.stderr).toBe("");
  return JSON.parse(r.stdout) as string[][];
}

/** What /bin/sh makes of the line's words (the JS SDK runs the line with it): printf prints each word NUL-terminated. */
function shWords(line: string): string[] {
  const r = spawnSync("/bin/sh", ["-c", `printf '%s\\0' ${line}`], { encoding: "utf8", env: { PATH: "/usr/bin:/bin", LC_ALL: "C.UTF-8" } });
  expect(r.stderr).toBe("");
  return r.stdout.split("\0").slice(0, -1);
}

const expectedArgv = (name: string) => [NODE, SELF, "credential-process", ...(name.startsWith("-") ? ["--"] : []), name];

describe("setup-profile with hostile profile names", () => {
  it("writes lines that botocore's shlex.split and /bin/sh both split back to the exact name", async () => {
    const lines: string[] = [];
    for (const [i, name] of HOSTILE.entries()) {
      const r = await cli(["setup-profile", "--name", `sdk-${i}`, "--", name]);
      expect(r.status, r.stderr).toBe(0);
      const got = await configGet(`sdk-${i}`);
      expect(got.status, got.stderr).toBe(0);
      lines.push(got.stdout.replace(/\n$/, ""));
    }
    expect(shlexSplit(lines)).toEqual(HOSTILE.map(expectedArgv));
    for (const [i, line] of lines.entries()) expect(shWords(line)).toEqual(expectedArgv(HOSTILE[i]!));
  }, 90_000);

  it("gives the AWS CLI and the JS SDK credentials of the right profile, and runs nothing else", async () => {
    for (const [i, name] of HOSTILE.entries()) expect((await cli(["setup-profile", "--name", `sdk-${i}`, "--", name])).status).toBe(0);
    for (const i of HOSTILE.keys()) {
      const id = await consumer(
        AWS_CLI,
        ["sts", "get-caller-identity", "--profile", `sdk-${i}`, "--endpoint-url", sts.url, "--region", "us-east-1", "--output", "json"],
        {
          env: awsEnv(),
        },
      );
      expect(id.status, id.stderr).toBe(0);
      expect(JSON.parse(id.stdout).Arn).toBe(`arn:aws:sts::123456789012:assumed-role/Dev/hostile-${i}`);
    }
    // The JS SDK reads the same lines with its own INI parser and runs them through /bin/sh.
    const script = `
      import { fromProcess } from "@aws-sdk/credential-providers";
      import { STSClient, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
      const arns = [];
      for (const profile of JSON.parse(process.argv[1])) {
        const client = new STSClient({ region: "us-east-1", endpoint: process.env.EMULATOR_URL, credentials: fromProcess({ profile }) });
        arns.push((await client.send(new GetCallerIdentityCommand({}))).Arn);
      }
      process.stdout.write(JSON.stringify(arns));
    `;
    const profiles = HOSTILE.map((_, i) => `sdk-${i}`);
    const sdk = await consumer(process.execPath, ["--input-type=module", "-e", script, JSON.stringify(profiles)], {
      env: { ...env, EMULATOR_URL: sts.url },
      cwd: REPO,
    });
    expect(sdk.status, sdk.stderr).toBe(0);
    expect(JSON.parse(sdk.stdout)).toEqual(HOSTILE.map((_, i) => `arn:aws:sts::123456789012:assumed-role/Dev/hostile-${i}`));
  }, 120_000);

  it("refuses profile names the AWS CLI or SDKs cannot read back, writing nothing", async () => {
    const before = readFileSync(env.AWS_CONFIG_FILE!, "utf8");
    for (const bad of ["a]b", "a\nb", "a b", 'q"uote', "[x", "a\\b"]) {
      const r = await cli(["setup-profile", "dev", "--name", bad]);
      expect(r.status, bad).toBe(2);
      expect(r.stderr).toContain(`the AWS CLI and SDKs could not read a profile named ${JSON.stringify(bad)} in ~/.aws/config`);
      expect(r.stderr).toMatch(/\nhint: use only letters, digits and _ - @ \+ \. % : \/ in its name, e.g. --name dev-sdk\n$/);
    }
    // Without --name the default, NAME-sdk, cannot be read back either: say which name would do.
    const r = await cli(["setup-profile", "--", HOSTILE[0]!]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`could not read a profile named ${JSON.stringify(`${HOSTILE[0]}-sdk`)}`);
    expect(r.stderr).toMatch(/\nhint: .* e\.g\. --name x-touch-[\w.@+-]*pwned-[0-9a-f]{12}-y-sdk\n$/);
    expect(readFileSync(env.AWS_CONFIG_FILE!, "utf8")).toBe(before);
  });
});
