import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startPty } from "../support/pty.js";
import { BIN, runCli } from "../support/runCli.js";
import { signedResponse, signedResponseXml, type ResponseOptions } from "../support/samlIdp.js";
import { createSamlHome, type SamlHome } from "./fixtures/samlHome.js";
import { removeTempDir } from "../support/removeTempDir.js";
import { ACCOUNT, createSamlKeys, startSamlWorld, type SamlKeys, type SamlWorld } from "./fixtures/samlWorld.js";

// bin/stsctl saml in a temporary HOME against the emulator, with responses
// signed by the test IdP's key and saved to a file or piped to stdin.

let keys: SamlKeys;
let w: SamlWorld;
let h: SamlHome;
beforeAll(() => {
  keys = createSamlKeys();
});
beforeEach(async () => {
  w = await startSamlWorld(keys);
  // No browser here: saml_url is never opened when a response is given.
  h = createSamlHome(w, "http://127.0.0.1:9/app/aws");
});
afterEach(async () => {
  await w.sts.close();
  removeTempDir(h.home);
});

const cli = (args: string[], input?: string) => runCli(args, { env: h.env, ...(input !== undefined ? { input } : {}) });
const dev = () => ({ roleArn: w.roles.dev, principalArn: w.providers.main });
const admin = () => ({ roleArn: w.roles.admin, principalArn: w.providers.main });
const deploy = () => ({ roleArn: w.roles.deploy, principalArn: w.providers.other });
const response = (o: Partial<ResponseOptions> = {}) =>
  signedResponse({ key: keys.key, issuer: "http://idp.test/metadata", roles: [dev()], sessionName: "alice@example.com", ...o });
const saved = (o: Partial<ResponseOptions> = {}) => h.file("saml.txt", response(o));
const STACK = /\n\s+at /;

describe("stsctl saml with a saved response", () => {
  it("exchanges a response from a file for the only role it grants", async () => {
    const r = await cli(["saml", "--assertion-file", saved(), "--json"]);
    expect(r.stderr).toMatch(new RegExp(`✓ arn:aws:sts::${ACCOUNT}:assumed-role/SamlDev/alice@example.com: expires \\d\\d:\\d\\d, in (59m|1h)`));
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout) as { Version: number; AccessKeyId: string; SessionToken: string };
    expect(json.Version).toBe(1);
    expect(json.AccessKeyId).toMatch(/^ASIA/);
    expect(w.sts.calls("AssumeRoleWithSAML")).toBe(1);
    expect(w.sts.log[0]?.params).toMatchObject({ RoleArn: w.roles.dev, PrincipalArn: w.providers.main, DurationSeconds: "3600" });
  });

  it("reads the response from stdin with --assertion-file - and prints exports", async () => {
    const xml = signedResponseXml({ key: keys.key, issuer: "http://idp.test/metadata", roles: [dev()], sessionName: "alice@example.com" });
    const r = await cli(["saml", "--assertion-file", "-", "--export", "--shell", "bash"], xml);
    expect(r.stderr).toContain("assumed-role/SamlDev/alice@example.com");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^export AWS_ACCESS_KEY_ID='ASIA/m);
    expect(r.stdout).toMatch(/^export AWS_SESSION_TOKEN='/m);
  });

  it("with several roles and no terminal, refuses listing them, before any STS call", async () => {
    const r = await cli(["saml", "--assertion-file", saved({ roles: [dev(), admin(), deploy()] })]);
    expect(r.status).toBe(8);
    expect(r.stderr).toContain(
      `error: the SAML response grants 3 roles and there is no terminal to choose one: ${ACCOUNT} SamlDev, ${ACCOUNT} SamlAdmin, 210987654321 Deploy`,
    );
    expect(r.stderr).toContain(`hint: pass --role-arn (or set saml_role_arn in the profile) to one of: ${w.roles.dev}, ${w.roles.admin}, ${w.roles.deploy}`);
    expect(r.stderr).not.toMatch(STACK);
    expect(w.sts.calls()).toBe(0);
  });

  it("takes the role named by --role-arn, or by the profile's saml_role_arn", async () => {
    const file = saved({ roles: [dev(), admin(), deploy()] });
    const byFlag = await cli(["saml", "--assertion-file", file, "--role-arn", w.roles.deploy]);
    expect(byFlag.stderr).toContain("arn:aws:sts::210987654321:assumed-role/Deploy/alice@example.com");
    expect(byFlag.status).toBe(0);
    const byProfile = await cli(["saml", "corp-admin", "--assertion-file", file]);
    expect(byProfile.stderr).toContain("assumed-role/SamlAdmin/alice@example.com");
    expect(byProfile.status).toBe(0);
    const missing = await cli(["saml", "--assertion-file", saved({ roles: [dev()] }), "--role-arn", w.roles.admin]);
    expect(missing.status).toBe(8);
    expect(missing.stderr).toContain(`error: ${w.roles.admin} (from --role-arn or saml_role_arn) is not among the roles the SAML response grants`);
  });

  it("honours SessionDuration unless --duration asks for less", async () => {
    const file = saved({ roles: [admin()], sessionDuration: 7200 });
    const fromIdp = await cli(["saml", "--assertion-file", file, "--json"]);
    expect(fromIdp.status).toBe(0);
    expect(fromIdp.stderr).toMatch(/in (1h 59m|2h)/);
    const shorter = await cli(["saml", "--assertion-file", file, "--duration", "30m"]);
    expect(shorter.stderr).toMatch(/in (29|30)m/);
    const capped = await cli(["saml", "--assertion-file", file, "--duration", "4h"]);
    expect(capped.stderr).toMatch(/in (1h 59m|2h)/);
    expect(w.sts.log.map((c) => c.params.DurationSeconds)).toEqual(["7200", "1800", "7200"]);
  });

  it("falls back to 1h, with a note, when the IdP's SessionDuration is longer than the role allows", async () => {
    const file = saved({ roles: [dev()], sessionDuration: 28800 }); // SamlDev allows the default 1h
    const r = await cli(["saml", "--assertion-file", file]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain("note: the IdP's SessionDuration (8h) is longer than the role allows; asking for 1h");
    expect(r.stderr).toMatch(/in (59|60)m/);
    expect(w.sts.log.map((c) => c.params.DurationSeconds)).toEqual(["28800", "3600"]);
    // Asked for explicitly, the same duration is the user's call: STS's refusal stands.
    const asked = await cli(["saml", "--assertion-file", file, "--duration", "8h"]);
    expect(asked.status).toBe(4);
    expect(asked.stderr).toContain("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
  });

  it("refuses an expired response without calling STS, telling the user to sign in again", async () => {
    const r = await cli(["saml", "--assertion-file", saved({ now: new Date(Date.now() - 2 * 3600_000) })]);
    expect(r.status).toBe(8);
    expect(r.stderr).toMatch(/^error: the SAML assertion expired 1h 5\dm ago \(NotOnOrAfter \S+\)$/m);
    expect(r.stderr).toContain("hint: sign in to your identity provider again");
    expect(w.sts.calls("AssumeRoleWithSAML")).toBe(0);
  });

  it("reports a forged signature as STS's verdict, with a SAML hint", async () => {
    const r = await cli(["saml", "--assertion-file", saved({ key: keys.otherKey })]);
    expect(r.status).toBe(4);
    expect(r.stderr).toContain("error: AssumeRoleWithSAML: InvalidIdentityToken: Response signature invalid");
    expect(r.stderr).toMatch(/hint: STS could not verify the SAML response: the IAM SAML provider's metadata must hold the IdP's current signing certificate/);
    expect(r.stderr).not.toMatch(STACK);
    expect(w.sts.calls("AssumeRoleWithSAML")).toBe(1);
  });

  it.each([
    ["junk", "definitely not a SAML response!", "the SAML response is neither base64 nor XML"],
    [
      "entity-laden XML",
      '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><samlp:Response>&x;</samlp:Response>',
      "the SAML response contains a DOCTYPE or ENTITY declaration, which stsctl refuses",
    ],
    ["an oversized file", "A".repeat(1024 * 1024 + 4), "the SAML response in "],
  ])("refuses %s cleanly: exit 8, one error line and a hint, no STS call", async (_name, content, message) => {
    const r = await cli(["saml", "--assertion-file", h.file("bad.txt", content)]);
    expect(r.status).toBe(8);
    expect(r.stderr).toContain(`error: ${message}`);
    expect(r.stderr).toMatch(/^hint: /m);
    expect(r.stderr).not.toMatch(STACK);
    expect(w.sts.calls()).toBe(0);
  });

  it("keeps the assertion out of stderr, even with --debug", async () => {
    const b64 = response();
    const r = await cli(["saml", "--assertion-file", "-", "--debug"], b64);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("debug: STS AssumeRoleWithSAML");
    for (let i = 0; i + 24 <= b64.length; i += 200) expect(r.stderr).not.toContain(b64.slice(i, i + 24));
  });
});

describe("SAML profiles in the other commands", () => {
  it("serves credential-process from the session saml cached, and chains a role from it with the 1h cap", async () => {
    const first = await cli(["saml", "corp-admin", "--assertion-file", saved({ roles: [admin()], sessionDuration: 28800 })]);
    expect(first.status).toBe(0);
    expect(first.stderr).toContain("assumed-role/SamlAdmin/alice@example.com");

    const cp = await cli(["credential-process", "corp-admin"]);
    expect(cp.stderr).toBe("");
    expect(cp.status).toBe(0);
    const creds = JSON.parse(cp.stdout) as { Version: number; AccessKeyId: string; Expiration: string };
    expect(creds.Version).toBe(1);
    expect(w.sts.calls("AssumeRoleWithSAML")).toBe(1);
    expect(new Date(creds.Expiration).getTime() - Date.now()).toBeGreaterThan(7.9 * 3600_000);

    // corp-audit chains from corp-admin's SAML session: one AssumeRole, no new sign-in.
    const chained = await cli(["credential-process", "corp-audit"]);
    expect(chained.status).toBe(0);
    const audit = JSON.parse(chained.stdout) as { AccessKeyId: string; Expiration: string };
    expect(audit.AccessKeyId).not.toBe(creds.AccessKeyId);
    expect(new Date(audit.Expiration).getTime() - Date.now()).toBeLessThanOrEqual(3600_000);
    expect(w.sts.calls("AssumeRoleWithSAML")).toBe(1);
    expect(w.sts.calls("AssumeRole")).toBe(1);
    expect(w.sts.log.at(-1)?.caller).toMatch(/assumed-role\/SamlAdmin\/alice@example.com$/);

    const assume = await cli(["assume", "corp-audit", "--duration", "2h"]);
    expect(assume.stderr).toMatch(/note: .*chained role: 1h maximum/);
    expect(assume.status).toBe(0);
  });

  it("without a cached session or a display, fails fast rather than waiting for a browser", async () => {
    const r = await cli(["credential-process", "corp"]);
    expect(r.status).toBe(8);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("error: cannot open a browser window to sign in: there is no display (DISPLAY is not set)");
    expect(r.stderr).toContain("--assertion-file");
  });

  it("lets the user pick a role on the terminal, typing to filter, with stdout kept for data", async () => {
    const file = saved({ roles: [dev(), admin(), deploy()] });
    const pty = await startPty(process.execPath, [BIN, "saml", "--assertion-file", file, "--export", "--shell", "bash"], { env: h.env, captureStdout: true });
    try {
      // The title is drawn before the choices: wait for a choice, not just the title.
      const screen = await pty.waitFor(new RegExp(`${ACCOUNT}  SamlDev[\\s\\S]*210987654321  Deploy`), 15_000);
      expect(screen).toContain("Choose an AWS role");
      expect(screen).toContain(`${ACCOUNT}  SamlDev`);
      expect(screen).toContain("210987654321  Deploy");
      await pty.send("deploy");
      await pty.waitFor(/deploy[\s\S]*210987654321 {2}Deploy/);
      await pty.key("Enter");
      expect(await pty.waitForExit(15_000)).toBe(0);
      expect(await pty.screen()).toContain("assumed-role/Deploy/alice@example.com");
      expect(pty.stdout()).toMatch(/^export AWS_ACCESS_KEY_ID='ASIA/m);
      expect(pty.stdout()).not.toContain("Choose an AWS role");
    } finally {
      await pty.kill();
    }
    expect(w.sts.log.map((c) => c.params.RoleArn)).toEqual([w.roles.deploy]);
  });

  it("Ctrl-C in the picker ends with exit 130 and no STS call", async () => {
    const pty = await startPty(process.execPath, [BIN, "saml", "--assertion-file", saved({ roles: [dev(), admin()] })], { env: h.env });
    try {
      await pty.waitFor("Choose an AWS role", 15_000);
      await pty.key("C-c");
      expect(await pty.waitForExit(15_000)).toBe(130);
      expect(await pty.screen()).toContain("error: Interrupted");
    } finally {
      await pty.kill();
    }
    expect(w.sts.calls()).toBe(0);
  });
});
