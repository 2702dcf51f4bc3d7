// bin/stsctl in a temporary HOME against the STS emulator, given region names
// that no host name or SigV4 scope can carry, from each place a region comes
// from: refused before any STS call, naming the source, with the value escaped.
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runCli, type CliResult } from "../support/runCli.js";
import { useStsWorld } from "../support/stsWorld.js";

const t = useStsWorld();

const cli = (args: string[], extra: Record<string, string> = {}) => runCli(args, { env: { ...t.w.env, ...extra } });

function expectRefusal(r: CliResult, status: number, message: string, hint: string): void {
  expect(r.stderr).toBe(`error: ${message}\nhint: ${hint}\n`);
  expect(r.stdout).toBe("");
  expect(r.status).toBe(status);
  expect(t.sts.calls()).toBe(0);
}

describe("region names", () => {
  it("refuses AWS_REGION and AWS_DEFAULT_REGION values that are not region names, as a config error naming the variable", async () => {
    expectRefusal(
      await cli(["whoami", "dev"], { AWS_REGION: "us-east-1;id" }),
      3,
      'AWS_REGION="us-east-1;id" is not a valid region name',
      "set AWS_REGION to a region code such as us-east-1, or unset it",
    );
    // A control character is shown escaped, never sent to the terminal.
    expectRefusal(
      await cli(["credential-process", "dev"], { AWS_DEFAULT_REGION: "eu-west-1\u001b[2J" }),
      3,
      'AWS_DEFAULT_REGION="eu-west-1\\u001b[2J" is not a valid region name',
      "set AWS_DEFAULT_REGION to a region code such as us-east-1, or unset it",
    );
  });

  it("refuses a bad AWS_REGION for the web identity convention and for SAML from flags", async () => {
    const token = `${t.w.home}/token`;
    writeFileSync(token, "x.y.z");
    const oidc = await cli(["assume", "--json"], { AWS_WEB_IDENTITY_TOKEN_FILE: token, AWS_ROLE_ARN: t.w.roles.dev, AWS_REGION: "Us-East-1" });
    expectRefusal(oidc, 3, 'AWS_REGION="Us-East-1" is not a valid region name', "set AWS_REGION to a region code such as us-east-1, or unset it");
    const saml = await cli(["saml", "--assertion-file", token, "--region", "eu-west-1 ", "--json"]);
    expectRefusal(saml, 2, '--region: "eu-west-1 " is not a valid region name', "use a region code such as us-east-1");
  });

  it("refuses --region with a usage error", async () => {
    expectRefusal(
      await cli(["assume", "dev", "--region", "us-east-1;id"]),
      2,
      '--region: "us-east-1;id" is not a valid region name',
      "use a region code such as us-east-1",
    );
  });

  it("refuses the region key of the profile and of its source profile, naming file and line", async () => {
    const config = t.w.env.AWS_CONFIG_FILE!;
    const original = readFileSync(config, "utf8");
    appendFileSync(config, "\n[profile eu]\nregion = eu-west-1;x\n");
    const line = original.split("\n").length + 2;
    expectRefusal(
      await cli(["whoami", "eu"]),
      3,
      `~/.aws/config line ${line} (region): "eu-west-1;x" is not a valid region name`,
      "use a region code such as us-east-1",
    );
    // dev's source profile alice: `region = us-east-1` on line 6 of the demo config.
    writeFileSync(config, original.replace("[profile alice]\nregion = us-east-1", "[profile alice]\nregion = -us-east-1"));
    expectRefusal(
      await cli(["whoami", "dev"]),
      3,
      '~/.aws/config line 6 (region): "-us-east-1" is not a valid region name',
      "use a region code such as us-east-1",
    );
  });

  it("accepts any region name the AWS CLI accepts, such as an emulator's", async () => {
    const r = await cli(["exec", "dev", "--region", "local", "--", "sh", "-c", 'echo "$AWS_REGION"']);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("local\n");
    expect(r.status).toBe(0);
  });
});
