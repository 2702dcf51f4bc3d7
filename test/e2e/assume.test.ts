import { appendFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { secretTool } from "../support/keyring.js";
import { startPty } from "../support/pty.js";
import { BIN, runCli } from "../support/runCli.js";
import { useKeychainWorld } from "../support/keychainWorld.js";
import { totp } from "../support/sts/index.js";

// The everyday workflow end to end: bin/stsctl in a temporary HOME, the STS
// emulator over HTTP, sessions cached under a real Secret Service.

const t = useKeychainWorld({
  // Every world's device has the same serial: never let one test's seed serve the next.
  afterEach: (x) =>
    secretTool(["clear", "service", "stsctl", "username", `totp:${x.w.mfa.serial}`], { ...process.env, ...x.keyring.env }).then(
      () => undefined,
      () => undefined,
    ),
});

const cli = (args: string[], extra: Record<string, string> = {}, input?: string) =>
  runCli(args, { env: { ...t.env, ...extra }, ...(input !== undefined ? { input } : {}) });
const code = () => totp(t.w.mfa.seed, new Date());

describe("assume", () => {
  it("takes an MFA code from --token-code and caches every step", async () => {
    const r = await cli(["assume", "prod-admin", "--token-code", code()]);
    expect(r.stderr).toMatch(/✓ arn:aws:sts::123456789012:assumed-role\/ProdAdmin\/\S+: expires \d\d:\d\d, in (59|60)m/);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("");
    expect(t.sts.calls("GetSessionToken")).toBe(1);
    expect(t.sts.calls("AssumeRole")).toBe(1);

    // Within the refresh window: no STS call, no MFA needed, for assume and t.env alike.
    t.sts.resetCalls();
    const again = await cli(["assume", "prod-admin"]);
    expect(again.status).toBe(0);
    expect(again.stderr).toContain("(cached)");
    const exported = await cli(["env", "prod-admin", "--shell", "bash"]);
    expect(exported.status).toBe(0);
    expect(exported.stdout).toMatch(/^export AWS_SESSION_TOKEN='/m);
    expect(t.sts.calls()).toBe(0);
  });

  it("shares one MFA session between two roles from the same user and device", async () => {
    expect((await cli(["assume", "prod-admin", "--token-code", code()])).status).toBe(0);
    // No code, no terminal: this can only succeed by reusing the cached MFA session.
    const r = await cli(["assume", "prod-readonly"]);
    expect(r.stderr).toContain("assumed-role/ProdReadOnly");
    expect(r.status).toBe(0);
    expect(t.sts.calls("GetSessionToken")).toBe(1);
    expect(t.sts.calls("AssumeRole")).toBe(2);
  });

  it("prompts for the code on the terminal, not on stdout", async () => {
    const pty = await startPty(process.execPath, [BIN, "assume", "prod-admin", "--export"], { env: t.env, captureStdout: true });
    try {
      await pty.waitFor(`Enter MFA code for ${t.w.mfa.serial}: `, 10_000);
      await pty.sendLine(code());
      expect(await pty.waitForExit(15_000)).toBe(0);
      expect(await pty.screen()).toMatch(/✓ .*ProdAdmin/);
      expect(pty.stdout()).toMatch(/^export AWS_ACCESS_KEY_ID='ASIA/m);
      expect(pty.stdout()).not.toContain("Enter MFA code");
    } finally {
      await pty.kill();
    }
  });

  it("runs the profile's mfa_process for the code", async () => {
    const codeFile = join(t.w.home, "code.txt");
    writeFileSync(codeFile, `${code()}\n`);
    appendFileSync(
      t.env.AWS_CONFIG_FILE!,
      `\n[profile prod-proc]\nrole_arn = ${t.w.roles.prodAdmin}\nsource_profile = alice\nmfa_serial = ${t.w.mfa.serial}\nmfa_process = cat ${codeFile}\n`,
    );
    const r = await cli(["assume", "prod-proc"]);
    expect(r.stderr).toContain("assumed-role/ProdAdmin");
    expect(r.status).toBe(0);
  });

  it("uses a TOTP seed stored in the OS keychain with `mfa add`", async () => {
    const add = await cli(["mfa", "add", t.w.mfa.serial], {}, `${t.w.mfa.seed}\n`);
    expect(add.stderr).toContain("stored the seed");
    expect(add.status).toBe(0);
    // Really in the Secret Service, under stsctl's service name.
    expect((await secretTool(["lookup", "service", "stsctl", "username", `totp:${t.w.mfa.serial}`], { ...process.env, ...t.keyring.env })).trim()).toBe(
      t.w.mfa.seed,
    );
    const r = await cli(["assume", "prod-admin"]);
    expect(r.status).toBe(0);
    const shown = await cli(["mfa", "code", t.w.mfa.serial]);
    expect(shown.stdout.trim()).toMatch(/^\d{6}$/);
    expect((await cli(["mfa", "remove", t.w.mfa.serial])).status).toBe(0);
  });

  it("fails at once, with directions, when MFA is needed and there is no terminal", async () => {
    const r = await cli(["assume", "prod-admin"]);
    expect(r.status).toBe(5);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`MFA code needed for ${t.w.mfa.serial} (profile prod-admin), but there is no terminal to ask on`);
    expect(r.stderr).toContain('run "stsctl assume prod-admin" in a terminal first');
    expect(r.ms).toBeLessThan(5000);
    expect(t.sts.calls()).toBe(0);
  });

  it("cuts a chained role to 1h and says so", async () => {
    const r = await cli(["assume", "audit", "--duration", "2h", "--token-code", code()]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("assumed-role/Audit");
    expect(r.stderr).toMatch(/note: .*chained role: 1h maximum/);
    expect(r.stderr).toMatch(/in (59|60)m/);
  });

  it("gives a single MFA role asked for 2h its 2h, with the code on AssumeRole", async () => {
    const r = await cli(["assume", "prod-admin", "--duration", "2h", "--token-code", code()]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/in (1h 59m|2h)/);
    expect(t.sts.calls("GetSessionToken")).toBe(0);
    const ar = t.sts.log.find((l) => l.action === "AssumeRole");
    expect(ar?.params.SerialNumber).toBe(t.w.mfa.serial);
    expect(ar?.params.DurationSeconds).toBe("7200");
  });

  it("eight parallel assumes of an expiring profile make one STS call per step", async () => {
    // Sessions "about to expire" without waiting an hour: STS's clock runs 50 minutes behind,
    // so the 1h role session ends in 10 minutes, inside the 15-minute window (the 12h MFA
    // session has hours left). The code is the one STS's clock expects.
    t.sts.clock.set(new Date(Date.now() - 50 * 60_000));
    const mfaCode = totp(t.w.mfa.seed, t.sts.clock.now());
    const all = await Promise.all(Array.from({ length: 8 }, () => cli(["assume", "prod-admin", "--json", "--token-code", mfaCode])));
    for (const r of all) expect(r.status, r.stderr).toBe(0);
    expect(new Set(all.map((r) => JSON.parse(r.stdout).SessionToken)).size).toBe(1);
    expect(t.sts.calls("GetSessionToken")).toBe(1);
    expect(t.sts.calls("AssumeRole")).toBe(1);

    // The cached role session (10m left) must be renewed; the renewed one (60m) is fresh,
    // even for a process that starts only after the renewal.
    t.sts.clock.set(new Date());
    t.sts.resetCalls();
    const renewed = await Promise.all(Array.from({ length: 8 }, () => cli(["assume", "prod-admin", "--json"])));
    for (const r of renewed) expect(r.status, r.stderr).toBe(0);
    expect(t.sts.calls("GetSessionToken")).toBe(0);
    expect(t.sts.calls("AssumeRole")).toBe(1);
    expect(new Set(renewed.map((r) => JSON.parse(r.stdout).SessionToken)).size).toBe(1);
  });
});
