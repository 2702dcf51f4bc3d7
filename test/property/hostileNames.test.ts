import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseEnv } from "node:util";
import { parseKnownFiles } from "@smithy/core/config";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { formatExports, type ShellFormat } from "../../src/output/shellExports.js";
import { startAwsCliDriver, type AwsCliDriver } from "../support/awsCliDriver.js";
import { createDemoWorld, type DemoWorld } from "../support/demoWorld.js";
import { BIN, runCli } from "../support/runCli.js";
import { runShell } from "../support/shells.js";
import { startSts, type StsEmulator } from "../support/sts/index.js";

// Hostile profile names and values through everything stsctl writes for other
// programs, each read back by the program that consumes it: `setup-profile`'s
// credential_process line (the AWS CLI's config reader and shlex.split, /bin/sh,
// the JS SDK's INI reader), `--write` sections (the AWS CLI, the JS SDK, STS
// itself through the AWS CLI) and every export format of `stsctl env` (bash,
// zsh, fish, Node's dotenv parser, JSON). The binary runs setup-profile and
// --write; the export formatters run in-process, where the CLI adds nothing.

const canary = mkdtempSync(join(tmpdir(), "stsctl-canary-"));
const SELF = realpathSync(BIN);
const NODE = realpathSync(process.execPath);
const REGION = "us-east-1";

let sts: StsEmulator;
let w: DemoWorld;
let aws: AwsCliDriver;
let baseConfig: string;
let baseCredentials: string;

beforeAll(async () => {
  sts = await startSts();
  w = createDemoWorld(sts);
  aws = startAwsCliDriver();
  baseConfig = readFileSync(w.env.AWS_CONFIG_FILE!, "utf8");
  baseCredentials = readFileSync(w.env.AWS_SHARED_CREDENTIALS_FILE!, "utf8");
});
afterAll(async () => {
  await aws?.close();
  await sts?.close();
  rmSync(canary, { recursive: true, force: true });
  rmSync(w.home, { recursive: true, force: true });
});

// Every injection that works creates a file in the canary directory.
const injections = [
  `$(touch ${canary}/cmdsubst)`,
  "`touch " + canary + "/backtick`",
  `'; touch ${canary}/squote; '`,
  `'\\''; touch ${canary}/posixescape #`,
  `" ; touch ${canary}/dquote #`,
  `(touch ${canary}/fishsubst)`,
];
const nasty = [
  "'",
  '"',
  "$",
  "`",
  "\\",
  ";",
  "#",
  " #",
  " ;",
  "&",
  "|",
  "(",
  ")",
  "{",
  "}",
  "<",
  ">",
  "*",
  "?",
  "~",
  "=",
  "%",
  "!",
  "/",
  ":",
  ",",
  "@",
  "+",
  ".",
  "-",
  "[",
  "$HOME",
  "${x}",
  "!!",
  "é",
  "ß",
  "ünï",
  "漢",
  "😀",
  "\u2019",
  "\u202e",
  "\u0001",
  "\u001b[31m",
  "\u007f",
  "\u0085",
  "\u00a0",
  "\t",
  "\n",
  "\r",
];
const unit = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...nasty) },
  { weight: 3, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.constantFrom(...injections) },
);

// What a profile name can be in ~/.aws/config as stsctl's reader gives it back:
// one line, no "]", no NUL, whitespace as single spaces inside.
const taken = new Set(["default", "alice", "dev", "prod-admin", "prod-readonly", "audit", "__proto__"]);
const profileName = fc
  .string({ unit, minLength: 1, maxLength: 6 })
  .map((s) =>
    s
      .replace(/\s+/g, " ")
      .replace(/[\]\0]/g, "_")
      .trim(),
  )
  .filter((s) => s !== "" && !taken.has(s) && !/\p{Cs}/u.test(s));

const awsEnv = () => ({
  HOME: w.home,
  AWS_CONFIG_FILE: w.env.AWS_CONFIG_FILE!,
  AWS_SHARED_CREDENTIALS_FILE: w.env.AWS_SHARED_CREDENTIALS_FILE!,
  AWS_MAX_ATTEMPTS: "1",
});
const cli = (args: string[]) => runCli(args, { env: { ...w.env, STSCTL_AGENT: "0" } });

/** The demo world's config plus role profile `name`, and no cached session. */
function configWith(name: string, session: string): void {
  writeFileSync(
    w.env.AWS_CONFIG_FILE!,
    `${baseConfig}\n[profile ${name}]\nrole_arn = ${w.roles.dev}\nsource_profile = alice\nrole_session_name = ${session}\n`,
  );
  rmSync(w.env.STSCTL_CACHE_DIR!, { recursive: true, force: true });
}

/** The JS SDK's own reader of both files (what fromIni and fromProcess use). */
const sdkProfiles = () => parseKnownFiles({ configFilepath: w.env.AWS_CONFIG_FILE!, filepath: w.env.AWS_SHARED_CREDENTIALS_FILE!, ignoreCache: true });

/** /bin/sh's words for the line (the JS SDK runs it with sh -c): printf prints each NUL-terminated. */
function shWords(line: string): string[] {
  const r = spawnSync("/bin/sh", ["-c", `printf '%s\\0' ${line}`], { encoding: "utf8", env: { PATH: "/usr/bin:/bin", LC_ALL: "C.UTF-8" } });
  expect(r.stderr).toBe("");
  return r.stdout.split("\0").slice(0, -1);
}

describe("hostile profile names (property)", () => {
  it("setup-profile: the AWS CLI, shlex.split, /bin/sh and the JS SDK all get back the exact name, and nothing runs", async () => {
    await fc.assert(
      fc.asyncProperty(profileName, fc.oneof({ weight: 3, arbitrary: fc.constant("sdk") }, { weight: 1, arbitrary: profileName }), async (source, target) => {
        configWith(source, "setup");
        const before = readFileSync(w.env.AWS_CONFIG_FILE!, "utf8");
        const r = await cli(["setup-profile", "--name", target, "--", source]);
        if (target === source) return void expect(r.status).toBe(3);
        if (r.status !== 0) {
          // Refused: a name one of the AWS readers could not find under [profile NAME]; nothing written.
          expect(r.status, r.stderr).toBe(2);
          expect(r.stderr).toMatch(/^error: the AWS CLI and SDKs could not read a profile named .*\nhint: use only letters/);
          expect(readFileSync(w.env.AWS_CONFIG_FILE!, "utf8")).toBe(before);
          return;
        }
        const argv = [NODE, SELF, "credential-process", ...(source.startsWith("-") ? ["--"] : []), source];
        const got = await aws.run(["configure", "get", "credential_process", "--profile", target], awsEnv());
        expect(got.stderr).toBe("");
        const line = got.stdout.replace(/\n$/, "");
        expect((await aws.shlexSplit([line]))[0]).toEqual(argv);
        expect(shWords(line)).toEqual(argv);
        expect((await sdkProfiles())[target]?.credential_process).toBe(line);
        expect(readdirSync(canary)).toEqual([]);
      }),
      { numRuns: 25 },
    );
  }, 120_000);

  it("--write: one section per profile, read back by the AWS CLI and the JS SDK, signing as that profile's role session", async () => {
    // The credentials file keeps every run's section: a name that reused another's would be refused or replace it.
    writeFileSync(w.env.AWS_SHARED_CREDENTIALS_FILE!, baseCredentials, { mode: 0o600 });
    const sectionOf = new Map<string, string>();
    await fc.assert(
      fc.asyncProperty(profileName, async (name) => {
        const session = `run-${sectionOf.size}`;
        configWith(name, session);
        const r = await cli(["assume", "--write", "--", name]);
        expect(r.status, r.stderr).toBe(0);
        const section = /wrote \[([^\]]+)\]/.exec(r.stderr)?.[1];
        expect(section).toMatch(/^stsctl-[\w.@+-]+$/);
        for (const [other, s] of sectionOf) if (other !== name) expect(s).not.toBe(section);
        if (sectionOf.has(name)) expect(sectionOf.get(name)).toBe(section); // stable
        sectionOf.set(name, section!);

        const text = readFileSync(w.env.AWS_SHARED_CREDENTIALS_FILE!, "utf8");
        expect(text).toContain(`[${section}]\n# managed by stsctl: temporary credentials, replaced on each write; for profile ${JSON.stringify(name)}\n`);
        const key = await aws.run(["configure", "get", "aws_access_key_id", "--profile", section!], awsEnv());
        expect(key.stdout).toMatch(/^ASIA\w{16}\n$/);
        expect((await sdkProfiles())[section!]?.aws_access_key_id).toBe(key.stdout.trim());
        const id = await aws.run(
          ["sts", "get-caller-identity", "--profile", section!, "--endpoint-url", sts.url, "--region", REGION, "--query", "Arn", "--output", "text"],
          awsEnv(),
        );
        expect(id.stdout.trim(), id.stderr).toBe(`arn:aws:sts::123456789012:assumed-role/Dev/${session}`);
      }),
      { numRuns: 30 },
    );
  }, 120_000);
});

describe("stsctl env export formats with hostile values (property)", () => {
  const value = fc.string({ unit, maxLength: 12 }).filter((v) => !v.includes("\0") && !/\p{Cs}/u.test(v));
  const vars = (vals: string[]) => Object.fromEntries(vals.map((v, i) => [`STSCTL_FUZZ_${i}`, v]));

  it("bash, zsh and fish evaluate the exports to exactly the values, running nothing", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(value, { minLength: 30, maxLength: 30 }), async (vals) => {
        const prints = vals.map((_, i) => `printf '%s\\0' "$STSCTL_FUZZ_${i}"\n`).join("");
        for (const shell of ["bash", "zsh", "fish"] as const) {
          const r = await runShell(shell, formatExports(vars(vals), shell) + prints);
          expect(r.stderr).toBe("");
          expect(r.stdout.split("\0").slice(0, -1)).toEqual(vals);
        }
        expect(readdirSync(canary)).toEqual([]);
      }),
      { numRuns: 25 },
    );
  }, 120_000);

  it("dotenv (Node's parser), JSON, PowerShell and cmd carry each value exactly or refuse it", () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 30, maxLength: 30 }), (vals) => {
        expect(JSON.parse(formatExports(vars(vals), "json"))).toEqual(vars(vals));
        for (const [name, v] of Object.entries(vars(vals))) {
          for (const format of ["dotenv", "powershell", "cmd"] as const satisfies readonly ShellFormat[]) {
            let out: string;
            try {
              out = formatExports({ [name]: v }, format);
            } catch (e) {
              // Only dotenv and cmd refuse, and only what they have no exact quoting for.
              expect(e).toBeInstanceOf(UsageError);
              expect(format === "dotenv" ? /['\r\n]/ : /["!\r\n]/).toSatisfy((re: RegExp) => re.test(v));
              continue;
            }
            if (format === "dotenv") expect(parseEnv(out)).toEqual({ [name]: v });
            // No PowerShell or cmd.exe here: one printable-ASCII (PowerShell) or CRLF-ended (cmd) line per value.
            if (format === "powershell") expect(out).toMatch(new RegExp(`^\\$Env:${name} = [\\x20-\\x7e]*\\n$`));
            if (format === "cmd") expect(out).toMatch(new RegExp(`^set "${name}=[^\\r\\n"]*"\\r\\n$`));
          }
        }
      }),
      { numRuns: 40 },
    );
  });
});
