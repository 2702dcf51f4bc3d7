// Paths, profiles and regions read as the AWS CLI reads them: bin/stsctl and
// /usr/bin/aws in the same temporary HOME, against the STS emulator, must agree.
import { appendFileSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runAwsCli } from "../support/awsCli.js";
import { runCli } from "../support/runCli.js";
import { useStsWorld } from "../support/stsWorld.js";

const t = useStsWorld();

const cli = (args: string[], extra: Record<string, string> = {}) => runCli(args, { env: { ...t.env, ...extra } });

/** The AWS CLI with the world's files (unless `extra` changes them), pointed at the emulator: never at real AWS. */
const aws = (args: string[], extra: Record<string, string> = {}) =>
  runAwsCli([...args, "--endpoint-url", t.sts.url, "--output", "text"], {
    PATH: t.env.PATH!,
    HOME: t.w.home,
    AWS_CONFIG_FILE: t.env.AWS_CONFIG_FILE!,
    AWS_SHARED_CREDENTIALS_FILE: t.env.AWS_SHARED_CREDENTIALS_FILE!,
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_DEFAULT_REGION: "us-east-1",
    AWS_MAX_ATTEMPTS: "1",
    ...extra,
  });

describe("AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE", () => {
  it("expands a leading ~ to the home directory, as the AWS CLI does", async () => {
    mkdirSync(join(t.w.home, "elsewhere"));
    renameSync(t.env.AWS_CONFIG_FILE!, join(t.w.home, "elsewhere", "config"));
    const r = await cli(["env", "dev"], { AWS_CONFIG_FILE: "~/elsewhere/config" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^export AWS_ACCESS_KEY_ID='ASIA/m);
    const plan = await cli(["plan", "alice", "--json"], { AWS_CONFIG_FILE: "~/elsewhere/config" });
    expect(JSON.parse(plan.stdout).reasons).toContain('region us-east-1: from profile "alice"');
    const region = await aws(["configure", "get", "region", "--profile", "alice"], { AWS_CONFIG_FILE: "~/elsewhere/config" });
    expect(region.stdout.trim()).toBe("us-east-1");
  });

  it("reads a missing AWS_SHARED_CREDENTIALS_FILE or AWS_CONFIG_FILE as an empty file, as the AWS CLI does", async () => {
    // alice's keys in the config file too, so she needs neither file alone.
    const keys = `aws_access_key_id = ${t.w.alice.accessKeyId}\naws_secret_access_key = ${t.w.alice.secretAccessKey}\n`;
    appendFileSync(t.env.AWS_CONFIG_FILE!, `\n[profile alice-too]\nregion = eu-west-1\n${keys}`);
    const noCredentials = { AWS_SHARED_CREDENTIALS_FILE: join(t.w.home, "no-such-credentials") };
    const r = await cli(["whoami", "alice-too"], noCredentials);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(t.w.alice.arn);
    const awsRegion = await aws(["configure", "get", "region", "--profile", "alice-too"], noCredentials);
    expect(awsRegion.stdout.trim()).toBe("eu-west-1");

    const noConfig = { AWS_CONFIG_FILE: join(t.w.home, "no-such-config") };
    const id = await cli(["whoami", "alice"], noConfig);
    expect(id.stderr).toBe("");
    expect(id.status).toBe(0);
    expect(id.stdout).toContain(t.w.alice.arn);
    const awsId = await aws(["sts", "get-caller-identity", "--profile", "alice", "--query", "Arn"], noConfig);
    expect(awsId.stderr).toBe("");
    expect(awsId.stdout.trim()).toBe(t.w.alice.arn);
  });
});

/**
 * The AWS CLI's own AssumeRole (its credential provider) ignores --endpoint-url and,
 * in this release, AWS_ENDPOINT_URL_STS. An STS endpoint rule set in AWS_DATA_PATH
 * that always answers with the emulator keeps every STS call of the CLI local.
 */
function awsDataPathAtEmulator(): Record<string, string> {
  const dir = join(t.w.home, "aws-data");
  mkdirSync(join(dir, "sts", "2011-06-15"), { recursive: true });
  const param = (builtIn: string, type: string, extra: object = {}) => ({ builtIn, required: false, type, documentation: builtIn, ...extra });
  const ruleSet = {
    version: "1.0",
    parameters: {
      Region: param("AWS::Region", "String"),
      UseDualStack: param("AWS::UseDualStack", "Boolean", { required: true, default: false }),
      UseFIPS: param("AWS::UseFIPS", "Boolean", { required: true, default: false }),
      Endpoint: param("SDK::Endpoint", "String"),
      UseGlobalEndpoint: param("AWS::STS::UseGlobalEndpoint", "Boolean", { required: true, default: false }),
    },
    rules: [{ conditions: [], endpoint: { url: t.sts.url, properties: {}, headers: {} }, type: "endpoint" }],
  };
  writeFileSync(join(dir, "sts", "2011-06-15", "endpoint-rule-set-1.json"), JSON.stringify(ruleSet));
  return { AWS_DATA_PATH: dir };
}

describe("source_profile naming its own profile", () => {
  it("assumes the role with the profile's own static keys, as the AWS CLI does", async () => {
    const keys = `aws_access_key_id = ${t.w.alice.accessKeyId}\naws_secret_access_key = ${t.w.alice.secretAccessKey}\n`;
    appendFileSync(t.env.AWS_CONFIG_FILE!, `\n[profile self]\nrole_arn = ${t.w.roles.dev}\nsource_profile = self\n${keys}`);
    const r = await cli(["whoami", "self"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/arn:aws:sts::123456789012:assumed-role\/Dev\//);
    t.sts.resetCalls();
    const id = await aws(["sts", "get-caller-identity", "--profile", "self", "--query", "Arn"], awsDataPathAtEmulator());
    expect(id.stderr).toBe("");
    expect(id.stdout.trim()).toMatch(/^arn:aws:sts::123456789012:assumed-role\/Dev\//);
    expect(t.sts.calls("AssumeRole")).toBe(1);
  });

  it("is still a loop for a profile without keys", async () => {
    appendFileSync(t.env.AWS_CONFIG_FILE!, `\n[profile keyless]\nrole_arn = ${t.w.roles.dev}\nsource_profile = keyless\n`);
    const r = await cli(["whoami", "keyless"]);
    expect(r.stderr).toBe(
      "error: Infinite loop in credential configuration detected: keyless -> keyless\nhint: one of these profiles must get credentials another way (keys, credential_source, web identity)\n",
    );
    expect(r.status).toBe(3);
    const awsR = await aws(["sts", "get-caller-identity", "--profile", "keyless"], awsDataPathAtEmulator());
    expect(awsR.status).not.toBe(0);
    expect(awsR.stderr).toContain("Infinite loop");
  });
});

describe("AWS_DEFAULT_PROFILE", () => {
  it("names the profile when AWS_PROFILE does not, and AWS_PROFILE wins over it, as in the AWS CLI", async () => {
    const data = awsDataPathAtEmulator();
    const dev = /^arn:aws:sts::123456789012:assumed-role\/Dev\//;

    const viaDefault = await cli(["whoami"], { AWS_DEFAULT_PROFILE: "dev" });
    expect(viaDefault.status, viaDefault.stderr).toBe(0);
    expect(viaDefault.stdout).toMatch(dev);
    expect(viaDefault.stderr).toContain("profile dev (from AWS_DEFAULT_PROFILE)");
    const awsDefault = await aws(["sts", "get-caller-identity", "--query", "Arn"], { ...data, AWS_DEFAULT_PROFILE: "dev" });
    expect(awsDefault.stdout.trim()).toMatch(dev);

    const both = { AWS_PROFILE: "alice", AWS_DEFAULT_PROFILE: "dev" };
    const viaProfile = await cli(["whoami"], both);
    expect(viaProfile.status, viaProfile.stderr).toBe(0);
    expect(viaProfile.stdout).toContain(t.w.alice.arn);
    const awsBoth = await aws(["sts", "get-caller-identity", "--query", "Arn"], { ...data, ...both });
    expect(awsBoth.stdout.trim()).toBe(t.w.alice.arn);

    // The shell function records the profile assume acts on.
    const recorded = await cli(["__complete", "assume-profile"], { AWS_DEFAULT_PROFILE: "dev" });
    expect(recorded.stdout).toBe("dev\n");
  });
});

describe("the region a session exports", () => {
  it("is none when nothing sets one: stsctl's us-east-1 fallback is not exported by env, exec or assume --export", async () => {
    const env = await cli(["env", "dev", "--shell", "bash"]);
    expect(env.status, env.stderr).toBe(0);
    expect(env.stdout).toMatch(/^export AWS_ACCESS_KEY_ID=/m);
    expect(env.stdout).not.toMatch(/AWS_REGION|AWS_DEFAULT_REGION/);
    const exec = await cli(["exec", "dev", "--", "sh", "-c", 'echo "${AWS_REGION-unset}|${AWS_DEFAULT_REGION-unset}"']);
    expect(exec.stdout).toBe("unset|unset\n");
    const exported = await cli(["assume", "dev", "--export", "--shell", "bash"]);
    expect(exported.status, exported.stderr).toBe(0);
    expect(exported.stdout).not.toMatch(/AWS_REGION|AWS_DEFAULT_REGION/);
    const plan = await cli(["plan", "dev"]);
    expect(plan.stdout).toContain("· region us-east-1: the default (no --region, profile region, AWS_REGION or AWS_DEFAULT_REGION), so not exported\n");
  });

  it("is the one the profile, a flag or the environment chose", async () => {
    appendFileSync(t.env.AWS_CONFIG_FILE!, "\n[profile dev-eu]\nregion = eu-west-1\nsource_profile = alice\n" + `role_arn = ${t.w.roles.dev}\n`);
    const fromProfile = await cli(["env", "dev-eu", "--shell", "bash"]);
    expect(fromProfile.stdout).toContain("export AWS_REGION='eu-west-1'\nexport AWS_DEFAULT_REGION='eu-west-1'\n");
    const fromFlag = await cli(["exec", "dev", "--region", "eu-north-1", "--", "sh", "-c", 'echo "$AWS_REGION|$AWS_DEFAULT_REGION"']);
    expect(fromFlag.stdout).toBe("eu-north-1|eu-north-1\n");
    // us-east-1 set by the user is a choice, and is exported.
    const fromEnv = await cli(["env", "dev", "--shell", "bash"], { AWS_DEFAULT_REGION: "us-east-1" });
    expect(fromEnv.stdout).toContain("export AWS_REGION='us-east-1'\n");
  });
});
