import { describe, expect, it } from "vitest";
import { BIN, runCli } from "../support/runCli.js";
import { hasShell, runShell } from "../support/shells.js";
import { useStsWorld } from "../support/stsWorld.js";

// whoami with no profile named answers for the session the user is in: the current
// stsctl session, else the keys in the environment, else AWS_PROFILE or default; stderr
// says which, stdout stays the ARN alone.

const t = useStsWorld();
const DEV_ARN = /^arn:aws:sts::123456789012:assumed-role\/Dev\/stsctl-[^\n]+\n$/;

describe("whoami with no profile named", () => {
  it.skipIf(!hasShell("bash"))("after bash evaluates `stsctl env dev`: the Dev role, from the credentials in the environment", async () => {
    const r = await runShell("bash", 'eval "$("$STSCTL_BIN" env dev)" || exit 9\n"$STSCTL_BIN" whoami\n', { env: { ...t.env, STSCTL_BIN: BIN } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(DEV_ARN);
    expect(r.stderr).toBe("using the credentials in the environment\n");
  });

  it.skipIf(!hasShell("bash"))("after the shell function's `stsctl assume dev`: the current session", async () => {
    const script = 'eval "$("$STSCTL_BIN" shell-init bash)"\nstsctl assume dev 2>/dev/null || exit 9\nstsctl whoami\n';
    const r = await runShell("bash", script, { env: { ...t.env, STSCTL_BIN: BIN } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(DEV_ARN);
    expect(r.stderr).toBe("using the current session (profile dev, from STSCTL_PROFILE)\n");
  });

  it("with only keys in the environment: the identity they belong to", async () => {
    const keys = { AWS_ACCESS_KEY_ID: t.w.alice.accessKeyId, AWS_SECRET_ACCESS_KEY: t.w.alice.secretAccessKey };
    const r = await runCli(["whoami"], { env: { ...t.env, ...keys } });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${t.w.alice.arn}\n`);
    expect(r.stderr).toBe("using the credentials in the environment\n");
    // The keys come before AWS_PROFILE, as in the AWS SDKs; a named profile comes before both.
    const profile = await runCli(["whoami"], { env: { ...t.env, ...keys, AWS_PROFILE: "dev" } });
    expect(profile.stdout).toBe(`${t.w.alice.arn}\n`);
    const named = await runCli(["whoami", "dev"], { env: { ...t.env, ...keys } });
    expect(named.status, named.stderr).toBe(0);
    expect(named.stdout).toMatch(DEV_ARN);
    expect(named.stderr).toBe("");
  });

  it("with nothing in the environment: AWS_PROFILE, and says so", async () => {
    const r = await runCli(["whoami", "--json"], { env: { ...t.env, AWS_PROFILE: "alice" } });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).Arn).toBe(t.w.alice.arn);
    expect(r.stderr).toBe("using profile alice (from AWS_PROFILE)\n");
  });
});
