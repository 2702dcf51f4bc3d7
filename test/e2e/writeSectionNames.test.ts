import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDemoWorld, type DemoWorld } from "../support/demoWorld.js";
import { runAwsCli } from "../support/awsCli.js";
import { runCli } from "../support/runCli.js";
import { startSts, type StsEmulator } from "../support/sts/index.js";

// `--write` without a name, for profiles whose names are not plain words: each
// profile gets its own section, the AWS CLI v2 reads each back under that name,
// and a section stsctl wrote for one profile is never replaced by another's.

let sts: StsEmulator;
let w: DemoWorld;
let env: Record<string, string>;
let file: string;

// Each profile assumes Dev under its own session name, so an ARN says whose keys a section holds.
const PROFILES = { "team/prod": "team-prod", ünï: "uni", "a b": "a-b" } as const;

beforeEach(async () => {
  sts = await startSts();
  w = createDemoWorld(sts);
  env = w.env;
  file = env.AWS_SHARED_CREDENTIALS_FILE!;
  appendFileSync(
    env.AWS_CONFIG_FILE!,
    Object.entries(PROFILES)
      .map(([name, session]) => `\n[profile ${name}]\nrole_arn = ${w.roles.dev}\nsource_profile = alice\nrole_session_name = ${session}\n`)
      .join(""),
  );
});
afterEach(async () => sts.close());

const cli = (args: string[]) => runCli(args, { env });
const read = () => readFileSync(file, "utf8");
const wroteSection = (stderr: string) => /wrote \[([^\]]+)\]/.exec(stderr)?.[1];

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

describe("assume --write: default section names", () => {
  it("gives team/prod, ünï and a b three sections, each read back by the AWS CLI with its own keys and role session; dev keeps [stsctl-dev]", async () => {
    const sections: Record<string, string> = {};
    for (const profile of Object.keys(PROFILES)) {
      const r = await cli(["assume", profile, "--write"]);
      expect(r.status, r.stderr).toBe(0);
      const section = wroteSection(r.stderr);
      expect(section).toMatch(/^stsctl-[\w.@+-]+-[0-9a-f]{8}$/);
      sections[profile] = section!;
    }
    expect(new Set(Object.values(sections)).size).toBe(3);
    // Readable where it can be; the same name for the same profile on every write.
    expect(sections["team/prod"]).toMatch(/^stsctl-team-prod-/);
    expect(sections.ünï).toMatch(/^stsctl-uni-/);
    expect(sections["a b"]).toMatch(/^stsctl-a-b-/);
    expect(wroteSection((await cli(["assume", "team/prod", "--write"])).stderr)).toBe(sections["team/prod"]);

    const keyIds = new Set<string>();
    for (const [profile, session] of Object.entries(PROFILES)) {
      const key = await aws(["configure", "get", "aws_access_key_id", "--profile", sections[profile]!]);
      expect(key.status, key.stderr).toBe(0);
      expect(key.stdout).toMatch(/^ASIA\w{16}\n$/);
      keyIds.add(key.stdout);
      const id = await aws(["sts", "get-caller-identity", "--profile", sections[profile]!, "--query", "Arn"]);
      expect(id.status, id.stderr).toBe(0);
      expect(id.stdout.trim()).toBe(`arn:aws:sts::123456789012:assumed-role/Dev/${session}`);
    }
    expect(keyIds.size).toBe(3);
    // Each marker records its profile, JSON-quoted.
    expect(read()).toContain(`[${sections.ünï}]\n# managed by stsctl: temporary credentials, replaced on each write; for profile "ünï"\n`);

    // A name that needs no sanitising keeps today's section, which users' configs name.
    const plain = await cli(["assume", "dev", "--write"]);
    expect(plain.status, plain.stderr).toBe(0);
    expect(wroteSection(plain.stderr)).toBe("stsctl-dev");
  }, 90_000);
});

describe("assume --write: one profile never replaces another's section", () => {
  it("refuses, before any STS call, a section stsctl wrote for another profile; --force replaces it", async () => {
    expect((await cli(["assume", "dev", "--write", "shared"])).status).toBe(0);
    const before = read();
    sts.resetCalls();
    const r = await cli(["assume", "team/prod", "--write", "shared"]);
    expect(r.status).toBe(3);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(
      `section [shared] in ${file} holds the session stsctl wrote for profile "dev"; refusing to replace it with one for profile "team/prod"`,
    );
    expect(r.stderr).toMatch(/\nhint: .*--write NAME.*--force/);
    expect(sts.calls()).toBe(0);
    expect(read()).toBe(before);

    // The same profile replaces its own section.
    expect((await cli(["assume", "dev", "--write", "shared", "--no-cache"])).status).toBe(0);
    const forced = await cli(["assume", "team/prod", "--write", "shared", "--force"]);
    expect(forced.status, forced.stderr).toBe(0);
    expect(read()).toContain('[shared]\n# managed by stsctl: temporary credentials, replaced on each write; for profile "team/prod"\n');
  });

  it("refuses a plain profile whose default name is another profile's hashed one", async () => {
    const first = await cli(["assume", "a b", "--write"]);
    expect(first.status, first.stderr).toBe(0);
    const section = wroteSection(first.stderr)!; // stsctl-a-b-<hash>
    const lookalike = section.slice("stsctl-".length);
    appendFileSync(env.AWS_CONFIG_FILE!, `\n[profile ${lookalike}]\nrole_arn = ${w.roles.dev}\nsource_profile = alice\n`);
    sts.resetCalls();
    const r = await cli(["assume", lookalike, "--write"]);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain(`section [${section}] in ${file} holds the session stsctl wrote for profile "a b"`);
    expect(sts.calls()).toBe(0);
  });

  it("replaces a section written by a release that recorded no profile, as before", async () => {
    writeFileSync(
      file,
      `${read()}\n[shared]\n# managed by stsctl: temporary credentials, replaced on each write\naws_access_key_id = ASIAOLDOLDOLDOLDOLD1\naws_secret_access_key = old\n`,
    );
    const r = await cli(["assume", "team/prod", "--write", "shared"]);
    expect(r.status, r.stderr).toBe(0);
    expect(read()).toContain('[shared]\n# managed by stsctl: temporary credentials, replaced on each write; for profile "team/prod"\naws_access_key_id = ASIA');
    expect(read()).not.toContain("ASIAOLDOLDOLDOLDOLD1");
  });
});
