// stsctl list shows, for each profile, the longest-lived session cached for its own
// credentials: an 8h role session over the 1h one of the same role, and a user's MFA
// session (GetSessionToken) even when a role's plan made it.
import { describe, expect, it } from "vitest";
import { useKeychainWorld } from "../support/keychainWorld.js";
import { runCli } from "../support/runCli.js";
import { totp } from "../support/sts/index.js";

const t = useKeychainWorld();
const cli = (args: string[]) => runCli(args, { env: t.env });

interface Row {
  profile: string;
  session?: { expiration: string; expiresIn: string; step: string };
}

describe("list", () => {
  it("shows the 8h session of a role over its 1h one, and the user's MFA session", async () => {
    // Two codes STS accepts now: this 30-second step's and the next (one step of drift).
    const now = Date.now();
    const long = await cli(["assume", "prod-admin", "--duration", "8h", "--token-code", totp(t.w.mfa.seed, new Date(now))]);
    expect(long.status, long.stderr).toBe(0);
    const short = await cli(["assume", "prod-admin", "--token-code", totp(t.w.mfa.seed, new Date(now + 30_000))]);
    expect(short.status, short.stderr).toBe(0);
    // Two role sessions (the 8h one with MFA on AssumeRole, the 1h one chained on an MFA session) and that MFA session.
    expect(t.sts.calls("AssumeRole")).toBe(2);
    expect(t.sts.calls("GetSessionToken")).toBe(1);

    const listed = await cli(["list", "--json"]);
    expect(listed.status, listed.stderr).toBe(0);
    const by = Object.fromEntries((JSON.parse(listed.stdout) as Row[]).map((r) => [r.profile, r]));
    const hoursLeft = (r: Row | undefined) => (Date.parse(r!.session!.expiration) - Date.now()) / 3_600_000;
    expect(hoursLeft(by["prod-admin"])).toBeGreaterThan(7.9);
    expect(by["prod-admin"]!.session!.step).toBe(`AssumeRole ${t.w.roles.prodAdmin}`);
    expect(by.alice!.session!.step).toBe(`GetSessionToken (MFA ${t.w.mfa.serial})`);
    expect(hoursLeft(by.alice)).toBeGreaterThan(11.9);
    expect(by.dev!.session).toBeUndefined();

    const table = (await cli(["list"])).stdout;
    expect(table).toMatch(/^prod-admin\s+role\s+arn:aws:iam::123456789012:role\/ProdAdmin {2}mfa \S+\s+expires \d\d:\d\d, in 7h 5\dm$/m);
    expect(table).toMatch(/^alice\s+user\s+expires \d\d:\d\d, in 11h 5\dm \(MFA session\)$/m);
  });
});
