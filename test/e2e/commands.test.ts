import { appendFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, runCli } from "../support/runCli.js";
import { useKeychainWorld } from "../support/keychainWorld.js";
import { totp } from "../support/sts/index.js";

const t = useKeychainWorld();

const cli = (args: string[], extra: Record<string, string> = {}, input?: string) =>
  runCli(args, { env: { ...t.env, ...extra }, ...(input !== undefined ? { input } : {}) });

describe("whoami", () => {
  it("reports the identity of a user and of a role", async () => {
    const user = await cli(["whoami", "alice"]);
    expect(user.stdout).toBe(`${t.w.alice.arn}\n`);
    const role = await cli(["whoami", "dev", "--json"]);
    expect(JSON.parse(role.stdout)).toMatchObject({ Account: "123456789012", Arn: expect.stringMatching(/^arn:aws:sts::123456789012:assumed-role\/Dev\//) });
  });

  it("uses AWS_PROFILE, then default", async () => {
    expect((await cli(["whoami"], { AWS_PROFILE: "alice" })).stdout).toBe(`${t.w.alice.arn}\n`);
    const r = await cli(["whoami"]);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('profile "default" has no credentials');
  });

  it("keeps AWS's code and message and adds a hint when STS refuses", async () => {
    writeFileSync(
      t.env.AWS_SHARED_CREDENTIALS_FILE!,
      `[alice]\naws_access_key_id = ${t.w.alice.accessKeyId}\naws_secret_access_key = wrong-secret-wrong-secret-wrong-secret12\n`,
    );
    const r = await cli(["whoami", "dev"]);
    expect(r.status).toBe(4);
    expect(r.stderr).toContain("AssumeRole: SignatureDoesNotMatch: The request signature we calculated does not match");
    expect(r.stderr).toContain("hint: the secret key does not match the access key id");
    expect(r.stderr).not.toContain("wrong-secret");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("fails fast and clearly when STS is unreachable", async () => {
    const r = await cli(["whoami", "dev"], { AWS_ENDPOINT_URL_STS: "http://127.0.0.1:9" });
    expect(r.status).toBe(7);
    expect(r.stderr).toContain("cannot reach http://127.0.0.1:9 (ECONNREFUSED) for AssumeRole");
    expect(r.ms).toBeLessThan(10_000);
  });
});

describe("exec", () => {
  it("runs the command with the session's variables, without AWS_PROFILE, and returns its status", async () => {
    const r = await cli(
      ["exec", "dev", "--", "sh", "-c", 'echo "$AWS_ACCESS_KEY_ID|${AWS_PROFILE-unset}|$AWS_REGION|$STSCTL_EXEC|$1"; exit 7', "sh", "it's $HOME"],
      { AWS_PROFILE: "alice" },
    );
    expect(r.status).toBe(7);
    // No region: dev sets none and neither does the environment, so none is made up (us-east-1).
    expect(r.stdout).toMatch(/^ASIA\w+\|unset\|\|dev\|it's \$HOME\n$/);
  });

  it("passes the credentials that really work, as the AWS CLI shows", async () => {
    const r = await cli(["exec", "dev", "--", "/usr/bin/aws", "sts", "get-caller-identity", "--endpoint-url", t.sts.url, "--output", "text", "--query", "Arn"]);
    expect(r.stdout.trim()).toMatch(/^arn:aws:sts::123456789012:assumed-role\/Dev\//);
    expect(r.status).toBe(0);
  });

  it("refuses to nest without --force, and names a missing command", async () => {
    const nested = await cli(["exec", "dev", "--", "true"], { STSCTL_EXEC: "prod" });
    expect(nested.status).toBe(2);
    expect(nested.stderr).toContain('already inside "stsctl exec prod"');
    expect((await cli(["exec", "dev", "--force", "--", "true"], { STSCTL_EXEC: "prod" })).status).toBe(0);
    const missing = await cli(["exec", "dev", "--", "no-such-command-xyz"]);
    expect(missing.status).toBe(9);
    expect(missing.stderr).toContain("cannot run no-such-command-xyz: command not found");
  });

  it("forwards signals to the child", async () => {
    const r = await cli([
      "exec",
      "dev",
      "--",
      "sh",
      "-c",
      'trap "echo got-term; exit 42" TERM; kill -TERM $PPID; i=0; while [ $i -lt 100 ]; do sleep 0.05; i=$((i+1)); done',
    ]);
    expect(r.stdout).toContain("got-term");
    expect(r.status).toBe(42);
  });
});

describe("list and clear", () => {
  it("shows each profile's kind and cached session, and clear forgets it", async () => {
    await cli(["assume", "dev"]);
    const listed = JSON.parse((await cli(["list", "--json"])).stdout) as Array<{ profile: string; kind: string; session?: unknown; mfaSerial?: string }>;
    const by = Object.fromEntries(listed.map((r) => [r.profile, r]));
    expect(by.alice!.kind).toBe("user");
    expect(by.dev!.kind).toBe("role");
    expect(by.dev!.session).toBeTruthy();
    expect(by.audit!.kind).toBe("chained role");
    expect(by["prod-admin"]!.mfaSerial).toBe(t.w.mfa.serial);
    expect(by["prod-admin"]!.session).toBeUndefined();
    const table = (await cli(["list"])).stdout;
    expect(table).toMatch(/^dev\s+role\s+arn:aws:iam::123456789012:role\/Dev\s+expires/m);

    const cleared = await cli(["clear", "dev"]);
    expect(cleared.stderr).toContain("removed 1 cached session");
    t.sts.resetCalls();
    await cli(["assume", "dev"]);
    expect(t.sts.calls("AssumeRole")).toBe(1);
    expect((await cli(["clear", "--all"])).stderr).toMatch(/removed \d+ cached session/);
  });

  it("keeps cache files private and free of secrets", async () => {
    const r = await cli(["assume", "dev", "--json"]);
    const { SecretAccessKey, SessionToken } = JSON.parse(r.stdout);
    const dir = join(t.env.STSCTL_CACHE_DIR!, "sessions", "keychain");
    const files = readdirSync(dir);
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const p = join(dir, f);
      expect(statSync(p).mode & 0o777).toBe(0o600);
      const { readFileSync } = await import("node:fs");
      const text = readFileSync(p, "utf8");
      expect(text).not.toContain(SecretAccessKey);
      expect(text).not.toContain(SessionToken.slice(0, 40));
    }
  });
});

describe("bad input", () => {
  it.each<[string, string[], string, number, string]>([
    ["malformed line", ["whoami", "alice"], "[profile alice]\nthis is not ini\n", 3, "line 27: expected `key = value`"],
    [
      "loop",
      ["whoami", "a"],
      "[profile a]\nrole_arn = arn:aws:iam::123456789012:role/A\nsource_profile = b\n[profile b]\nrole_arn = arn:aws:iam::123456789012:role/B\nsource_profile = a\n",
      3,
      "Infinite loop in credential configuration detected: a -> b -> a",
    ],
    [
      "missing source",
      ["whoami", "a"],
      "[profile a]\nrole_arn = arn:aws:iam::123456789012:role/A\nsource_profile = ghost\n",
      3,
      'The source_profile "ghost" referenced in the profile "a" does not exist.',
    ],
    [
      "both sources",
      ["whoami", "a"],
      "[profile a]\nrole_arn = arn:aws:iam::123456789012:role/A\nsource_profile = alice\ncredential_source = Environment\n",
      3,
      'The profile "a" contains both source_profile and credential_source.',
    ],
    ["invalid ARN", ["whoami", "a"], "[profile a]\nrole_arn = arn:aws:iam::12:role/A\nsource_profile = alice\n", 3, "is not a role ARN"],
    [
      "non-numeric duration",
      ["assume", "a"],
      "[profile a]\nrole_arn = arn:aws:iam::123456789012:role/A\nsource_profile = alice\nduration_seconds = 1h\n",
      3,
      '"1h" is not a whole number of seconds',
    ],
    ["unknown profile", ["whoami", "prod-admn"], "", 3, 'did you mean "prod-admin"'],
  ])("%s: one line, a hint, an exit code, nothing touched", async (_name, args, extra, status, message) => {
    if (extra) appendFileSync(t.env.AWS_CONFIG_FILE!, `\n${extra}`);
    const before = readdirSync(t.w.home, { recursive: true }).sort();
    const r = await cli(args);
    expect(r.status).toBe(status);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(message);
    expect(r.stderr).toMatch(/\nhint: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(t.w.home, { recursive: true }).sort()).toEqual(before);
    expect(t.sts.calls()).toBe(0);
  });

  it.each([
    [["assume", "dev", "--duration", "10m"], "below the AssumeRole minimum of 15m"],
    [["assume", "dev", "--duration", "13h"], "above the AssumeRole maximum of 12h"],
    [["assume", "dev", "--duration", "soon"], '"soon" is not a duration'],
    [["assume", "dev", "--role-arn", "nope"], '"nope" is not a role ARN'],
    [["assume", "dev", "--token-code", "12345"], "--token-code must be exactly 6 digits"],
    [["session-token", "alice", "--duration", "37h"], "above the GetSessionToken maximum of 36h"],
  ])("rejects %j before any STS call", async (args, message) => {
    const r = await cli(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
    expect(t.sts.calls()).toBe(0);
  });

  it("checks output options before any STS call, so no MFA code or session is spent", async () => {
    writeFileSync(
      t.env.AWS_SHARED_CREDENTIALS_FILE!,
      `[alice]\naws_access_key_id = ${t.w.alice.accessKeyId}\naws_secret_access_key = ${t.w.alice.secretAccessKey}\n`,
    );
    const both = await cli(["assume", "dev", "--export", "--json"]);
    expect(both.status).toBe(2);
    expect(both.stderr).toContain("--export and --json cannot be combined");
    const foreign = await cli(["assume", "dev", "--write", "alice"]);
    expect(foreign.status).toBe(3);
    expect(foreign.stderr).toContain("was not written by stsctl; refusing to replace it");
    expect(foreign.stderr).not.toContain("✓");
    expect(t.sts.calls()).toBe(0);
  });

  it("reports a role's MaxSessionDuration with AWS's words and a hint", async () => {
    const r = await cli(["assume", "dev", "--duration", "3h"]);
    expect(r.status).toBe(4);
    expect(r.stderr).toContain("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
    expect(r.stderr).toContain("hint: ask for a shorter --duration");
  });

  it("reports a wrong MFA code with the next step", async () => {
    const right = totp(t.w.mfa.seed, new Date());
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, "0");
    const r = await cli(["assume", "prod-admin", "--token-code", wrong]);
    expect(r.status).toBe(4);
    expect(r.stderr).toContain("MultiFactorAuthentication failed with invalid MFA one time pass code.");
    expect(r.stderr).toContain("wait for the next code");
  });
});

describe("small things users run into", () => {
  it("clear --write NAME alone removes that section and touches no session", async () => {
    expect((await cli(["assume", "dev", "--write"])).status).toBe(0);
    const r = await cli(["clear", "--write", "stsctl-dev"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain("removed [stsctl-dev]");
    expect(r.stderr).not.toContain("cached session");
  });

  it("says where a current session's vanished profile name came from", async () => {
    const r = await cli(["env"], { STSCTL_PROFILE: "gone" });
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('the current session\'s profile "gone" (from STSCTL_PROFILE) no longer exists');
    expect(r.stderr).toContain("stsctl unset");
  });

  it("names a bad STSCTL_ setting, and a config duration out of range is a config error", async () => {
    const ttl = await cli(["assume", "dev"], { STSCTL_MIN_TTL: "abc" });
    expect(ttl.status).toBe(2);
    expect(ttl.stderr).toContain('STSCTL_MIN_TTL="abc" is not a duration');
    const timeout = await cli(["assume", "dev", "--no-cache"], { STSCTL_STS_TIMEOUT_MS: "soon" });
    expect(timeout.status).toBe(2);
    appendFileSync(
      t.env.AWS_CONFIG_FILE!,
      "\n[profile long]\nrole_arn = arn:aws:iam::123456789012:role/Dev\nsource_profile = alice\nduration_seconds = 100000\n",
    );
    const long = await cli(["assume", "long"]);
    expect(long.status).toBe(3);
    expect(long.stderr).toContain("(duration_seconds): 27h46m40s is above the AssumeRole maximum of 12h");
  });

  it("tells exec users to put the command after --", async () => {
    const r = await cli(["exec", "dev", "ls", "-la"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("hint: put the command after --");
  });

  it("setup-profile keeps the config file's mode", async () => {
    const { chmodSync } = await import("node:fs");
    chmodSync(t.env.AWS_CONFIG_FILE!, 0o644);
    expect((await cli(["setup-profile", "dev"])).status).toBe(0);
    expect(statSync(t.env.AWS_CONFIG_FILE!).mode & 0o777).toBe(0o644);
  });
});

describe("credential_process loops", () => {
  it("refuses a credential_process that leads back to stsctl instead of spawning copies without end", async () => {
    appendFileSync(t.env.AWS_CONFIG_FILE!, `\n[profile loop]\ncredential_process = ${process.execPath} ${BIN} credential-process loop\n`);
    const r = await cli(["credential-process", "loop"], {}, undefined);
    expect(r.status).toBe(3);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain('credential_process runs inside another credential_process started by stsctl (from profile "loop")');
  });
});

describe("session policies and --debug", () => {
  it("warns when session policies and tags near the packed size limit", async () => {
    const resource = `arn:aws:s3:::bucket/${"k".repeat(1800)}`;
    const policy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: resource }] });
    const r = await cli(["assume", "dev", "--policy", policy, "--no-cache"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning: session policies and tags use 9\d% of the packed size limit/);
    const small = await cli([
      "assume",
      "dev",
      "--policy",
      JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] }),
      "--no-cache",
    ]);
    expect(small.stderr).not.toContain("packed size limit");
  });

  it("--debug says what happens on stderr and never shows a secret", async () => {
    const r = await cli(["assume", "prod-admin", "--debug", "--json", "--token-code", totp(t.w.mfa.seed, new Date())]);
    expect(r.status, r.stderr).toBe(0);
    const creds = JSON.parse(r.stdout) as { SecretAccessKey: string; SessionToken: string };
    expect(r.stderr).toMatch(/debug: STS GetSessionToken/);
    expect(r.stderr).toMatch(/debug: STS AssumeRole/);
    for (const secret of [creds.SecretAccessKey, creds.SessionToken.slice(0, 24), t.w.alice.secretAccessKey, t.w.mfa.seed]) {
      expect(r.stderr).not.toContain(secret);
    }
  });
});

describe("session-token", () => {
  it("gets an MFA session for the user that its roles then reuse", async () => {
    appendFileSync(t.env.AWS_CONFIG_FILE!, `\n[profile alice]\nmfa_serial = ${t.w.mfa.serial}\n`);
    const r = await cli(["session-token", "alice", "--duration", "36h", "--token-code", totp(t.w.mfa.seed, new Date())]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/in (35h 59m|36h)/);
    // prod-admin's plan is alice → GetSessionToken(MFA) → AssumeRole: the cached MFA session serves it.
    const role = await cli(["assume", "prod-admin"]);
    expect(role.status).toBe(0);
    expect(t.sts.calls("GetSessionToken")).toBe(1);
  });
});
