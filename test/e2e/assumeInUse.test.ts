import { describe, expect, it } from "vitest";
import { BIN, runCli } from "../support/runCli.js";
import { hasShell, runShell } from "../support/shells.js";
import { useStsWorld } from "../support/stsWorld.js";

// assume, session-token and plan with no profile named act on the session the user is
// in, as whoami does: the current stsctl session, else the keys in the environment,
// else AWS_PROFILE or default; stderr says which, stdout stays data. The shell
// function records the profile assume acted on (`__complete assume-profile`).

const t = useStsWorld();
const cli = (args: string[], extra: Record<string, string> = {}) => runCli(args, { env: { ...t.env, ...extra } });
const aliceKeys = () => ({ AWS_ACCESS_KEY_ID: t.w.alice.accessKeyId, AWS_SECRET_ACCESS_KEY: t.w.alice.secretAccessKey });

describe("assume with no profile named", () => {
  it.skipIf(!hasShell("bash"))("in the shell function after `stsctl assume dev`: renews the current session dev, not default", async () => {
    const script = [
      'eval "$("$STSCTL_BIN" shell-init bash)"',
      "stsctl assume dev --duration 15m 2>/dev/null || exit 9",
      "stsctl assume || exit 8",
      'echo "profile=$STSCTL_PROFILE key=${AWS_ACCESS_KEY_ID:0:4}"',
      'cat "$STSCTL_CACHE_DIR/current-session.json"',
      "",
    ].join("\n");
    const r = await runShell("bash", script, { env: { ...t.env, STSCTL_BIN: BIN } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^using the current session \(profile dev, from STSCTL_PROFILE\)\n✓ arn:aws:sts::123456789012:assumed-role\/Dev\//);
    // Recorded again with the duration it was first asked for (no keychain here, so no cache: a second call).
    expect(r.stdout).toBe('profile=dev key=ASIA\n{"profile":"dev","duration":"15m"}\n');
    expect(t.sts.log.filter((c) => c.action === "AssumeRole").map((c) => c.params.DurationSeconds)).toEqual(["900", "900"]);
  });

  it.skipIf(!hasShell("bash"))('after `eval "$(stsctl env dev)"`: the dev session in the environment, as it is', async () => {
    const script = [
      'eval "$("$STSCTL_BIN" env dev)" || exit 9',
      '"$STSCTL_BIN" assume --json > out.json || exit 8',
      // The environment's keys are not a session a later command could plan again: none is recorded.
      'echo "key=$AWS_ACCESS_KEY_ID recorded=[$("$STSCTL_BIN" __complete assume-profile)]"',
      "cat out.json",
      "",
    ].join("\n");
    const r = await runShell("bash", script, { env: { ...t.env, STSCTL_BIN: BIN }, cwd: t.w.home });
    expect(r.code, r.stderr).toBe(0);
    const [line, ...json] = r.stdout.split("\n");
    const key = /^key=(ASIA\w+) recorded=\[\]$/.exec(line!)?.[1];
    expect(key, line).toBeTruthy();
    expect(JSON.parse(json.join("\n")).AccessKeyId).toBe(key);
    expect(r.stderr).toMatch(/^using the credentials in the environment\n✓ \(environment keys\): expiry unknown \(session keys\)\n$/);
    expect(t.sts.calls("AssumeRole")).toBe(1); // env's own; assume made no call
  });

  it("with nothing at all: the default profile, as before; AWS_PROFILE's, and says so", async () => {
    const r = await cli(["assume"]);
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/^error: profile "default" has no credentials\n/);
    const env = await cli(["assume"], { AWS_PROFILE: "dev" });
    expect(env.status, env.stderr).toBe(0);
    expect(env.stderr).toMatch(/^using profile dev \(from AWS_PROFILE\)\n✓ arn:aws:sts::123456789012:assumed-role\/Dev\//);
  });

  it("__complete assume-profile answers what assume acts on: the current session before AWS_PROFILE", async () => {
    expect((await cli(["assume", "dev"])).status).toBe(0);
    const r = await cli(["__complete", "assume-profile"], { AWS_PROFILE: "alice" });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe("dev\n");
    const used = await cli(["assume"], { AWS_PROFILE: "alice" });
    expect(used.stderr).toMatch(/^using the current session \(profile dev, from the last stsctl assume\)\n/);
    expect((await cli(["__complete", "assume-profile", "alice"])).stdout).toBe("alice\n");
  });
});

describe("session-token with no profile named", () => {
  it("with only long-term keys in the environment: GetSessionToken with them", async () => {
    const r = await cli(["session-token", "--json"], aliceKeys());
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^using the credentials in the environment\n✓ /);
    expect(JSON.parse(r.stdout).SessionToken).toBeTruthy();
    expect(t.sts.log.filter((c) => c.action === "GetSessionToken").map((c) => c.caller)).toEqual([t.w.alice.arn]);
  });

  it("with session keys in the environment: says GetSessionToken needs long-term keys", async () => {
    const r = await cli(["session-token"], { ...aliceKeys(), AWS_SESSION_TOKEN: "token" });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("the credentials in the environment are session keys (AWS_SESSION_TOKEN is set)");
    expect(r.stderr).toContain("hint: name an IAM user's profile");
    expect(t.sts.calls()).toBe(0);
  });
});

describe("plan with no profile named", () => {
  it("plans the current session", async () => {
    expect((await cli(["assume", "dev", "--duration", "15m"])).status).toBe(0);
    const r = await cli(["plan", "--json"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe("using the current session (profile dev, from the last stsctl assume)\n");
    const p = JSON.parse(r.stdout);
    expect(p.profile).toBe("dev");
    expect(p.steps.at(-1)).toMatchObject({ kind: "AssumeRole", roleArn: t.w.roles.dev, durationSeconds: 900 });
  });

  it("plans the keys in the environment as assume would use them", async () => {
    const r = await cli(["plan"], aliceKeys());
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe("using the credentials in the environment\n");
    expect(r.stdout).toMatch(
      /^\(environment keys\) {2}\(region us-east-1.*\n├─ keys from the environment\n.*long-term keys in AWS_ACCESS_KEY_ID.*\n└─ GetSessionToken /,
    );
  });
});
