import { describe, expect, it } from "vitest";
import { getProfile } from "../../src/config/getProfile.js";
import { loadConfig } from "../../src/config/load.js";
import { parseIni } from "../../src/ini/parseIni.js";
import { ConfigError } from "../../src/errors.js";
import { configFrom } from "../support/configFixture.js";

const catchErr = (fn: () => unknown): ConfigError => {
  try {
    fn();
  } catch (e) {
    return e as ConfigError;
  }
  throw new Error("expected an error");
};

describe("parseIni", () => {
  it("reads sections, odd spacing, comments and CRLF line endings", () => {
    const text = "# top\r\n[profile  a ]\r\nregion=eu-west-1\r\n  \r\n; c\r\n[default]\r\n\tregion   =   us-west-2   # inline\r\nurl = https://x/#frag\r\n";
    const s = parseIni(text, "cfg");
    expect(s.map((x) => x.header)).toEqual(["profile a", "default"]);
    expect(s[0]!.values.get("region")).toEqual({ value: "eu-west-1", line: 3 });
    expect(s[1]!.values.get("region")?.value).toBe("us-west-2");
    expect(s[1]!.values.get("url")?.value).toBe("https://x/#frag");
  });

  it("reads nested blocks as dotted keys", () => {
    const s = parseIni("[profile a]\ns3 =\n  max_concurrent_requests = 20\nregion = us-east-1\n", "cfg");
    expect(s[0]!.values.get("s3.max_concurrent_requests")?.value).toBe("20");
    expect(s[0]!.values.get("region")?.value).toBe("us-east-1");
  });

  it.each([
    ["[profile a]\nthis line is junk\n", "cfg line 2: expected `key = value`"],
    ["region = x\n[a]\n", "cfg line 1: a setting appears before any `[section]` header"],
    ["[profile a\n", "cfg line 1: a section header must look like `[name]`"],
    ["[]\n", "cfg line 1: empty section name"],
  ])("names the file and line of a malformed line: %j", (text, message) => {
    const e = catchErr(() => parseIni(text, "cfg"));
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.message).toContain(message);
    expect(e.hint).toContain("fix or remove line");
  });

  it("never echoes a malformed line (the credentials file holds secrets)", () => {
    const e = catchErr(() => parseIni("[a]\nwJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n", "creds"));
    expect(e.message).not.toContain("wJalr");
  });
});

describe("loadConfig + getProfile", () => {
  it("merges both files, the credentials file winning, and types every key", () => {
    const cfg = configFrom(
      [
        "[profile prod]",
        "role_arn = arn:aws:iam::123456789012:role/Prod",
        "source_profile = alice",
        "mfa_serial = arn:aws:iam::123456789012:mfa/alice",
        "duration_seconds = 7200",
        "session_tags = Team=core, Env=prod",
        "transitive_session_tags = Team",
        "region = eu-west-1",
        "unknown_key = ignored",
        "[profile alice]",
        "region = us-east-1",
        "aws_access_key_id = FROMCONFIG",
        "[alice]",
      ].join("\n"),
      "[alice]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = secret\n",
    );
    const prod = getProfile(cfg, "prod");
    expect(prod).toMatchObject({
      roleArn: "arn:aws:iam::123456789012:role/Prod",
      sourceProfile: "alice",
      durationSeconds: 7200,
      sessionTags: { Team: "core", Env: "prod" },
      transitiveSessionTags: ["Team"],
      region: "eu-west-1",
    });
    expect(prod.where.duration_seconds).toBe("/h/.aws/config line 5 (duration_seconds)");
    const alice = getProfile(cfg, "alice");
    expect(alice.awsAccessKeyId).toBe("AKIAEXAMPLE");
    expect(alice.region).toBe("us-east-1");
    // `[alice]` without "profile " in the config file is not a profile section.
    expect(cfg.sections.has("alice")).toBe(true);
  });

  it.each([
    ["duration_seconds = soon", 'line 2 (duration_seconds): "soon" is not a whole number'],
    ["role_arn = arn:aws:iam::12345:role/X", 'line 2 (role_arn): "arn:aws:iam::12345:role/X" is not a role ARN'],
    ["mfa_serial = x", 'line 2 (mfa_serial): "x" is not an MFA device ARN'],
    ["credential_source = Laptop", 'line 2 (credential_source): "Laptop" is not one of Environment'],
    ["region = Mars", 'line 2 (region): "Mars" is not a valid region name'],
    ["endpoint_url = ftp://x", 'line 2 (endpoint_url): "ftp://x" is not an http(s) URL'],
  ])("rejects %s with file, line and key", (line, message) => {
    const e = catchErr(() => getProfile(configFrom(`[profile p]\n${line}\n`), "p"));
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.message).toContain(`/h/.aws/config ${message}`);
    expect(e.hint).toBeTruthy();
  });

  // botocore's rule (a DNS label), in lower case: emulators' names such as "local" included.
  it("accepts the region names AWS uses and others the AWS CLI accepts, such as an emulator's local", () => {
    for (const region of ["us-east-1", "us-gov-west-1", "cn-northwest-1", "us-isob-east-1", "eu-isoe-west-1", "local"]) {
      expect(getProfile(configFrom(`[profile p]\nregion = ${region}\n`), "p").region).toBe(region);
    }
  });

  it.each(["US-EAST-1", "us-east-1-", "-us-east-1", "12345", "a".repeat(64), "us east 1", "us-east-1;id", "us_east_1"])("refuses region = %s", (region) => {
    expect(catchErr(() => getProfile(configFrom(`[profile p]\nregion = ${region}\n`), "p")).message).toBe(
      `/h/.aws/config line 2 (region): ${JSON.stringify(region)} is not a valid region name`,
    );
  });

  it("rejects source_profile together with credential_source, with the AWS CLI's words", () => {
    const e = catchErr(() =>
      getProfile(configFrom("[profile p]\nrole_arn = arn:aws:iam::123456789012:role/R\nsource_profile = a\ncredential_source = Environment\n"), "p"),
    );
    expect(e.message).toBe('The profile "p" contains both source_profile and credential_source.');
  });

  it("suggests close names for an unknown profile", () => {
    const cfg = configFrom("[profile prod-admin]\nregion = us-east-1\n[profile dev]\nregion = us-east-1\n");
    const e = catchErr(() => getProfile(cfg, "prod-admn"));
    expect(e.message).toBe('profile "prod-admn" not found');
    expect(e.hint).toContain('did you mean "prod-admin"');
  });

  it("says so when no profile exists at all", () => {
    const e = catchErr(() => getProfile(configFrom(""), "default"));
    expect(e.hint).toContain("no profiles are configured");
  });

  it("resolves include_profile and detects include loops", () => {
    const cfg = configFrom("[profile base]\nregion = eu-west-2\nexternal_id = ext-1\n[profile p]\ninclude_profile = base\nregion = us-east-2\n");
    expect(getProfile(cfg, "p")).toMatchObject({ region: "us-east-2", externalId: "ext-1" });
    const loop = configFrom("[profile a]\ninclude_profile = b\n[profile b]\ninclude_profile = a\n");
    expect(catchErr(() => getProfile(loop, "a")).message).toContain("Infinite loop in credential configuration detected");
  });

  it("reads a missing AWS_CONFIG_FILE or AWS_SHARED_CREDENTIALS_FILE as an empty file, as the AWS CLI does", () => {
    const cfg = loadConfig({ configFile: "/nope", credentialsFile: "/nope2", configFromEnv: true, credentialsFromEnv: true }, () => undefined);
    expect(cfg.profiles.size).toBe(0);
  });
});
