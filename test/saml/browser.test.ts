import { spawn } from "node:child_process";
import { chmodSync, existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { BIN, runCli } from "../support/runCli.js";
import { startSamlIdp, type SamlIdp } from "../support/samlIdp.js";
import { createSamlHome, type SamlHome } from "./fixtures/samlHome.js";
import { removeTempDir } from "../support/removeTempDir.js";
import { ACCOUNT, createSamlKeys, startSamlWorld, type SamlKeys, type SamlWorld } from "./fixtures/samlWorld.js";

// The browser sign-in for real: Debian's Chromium, headless, driven by stsctl
// through playwright-core, signs in at the local test IdP, which auto-posts a
// signed SAMLResponse to https://signin.aws.amazon.com/saml. That host is out
// of reach (and every non-loopback request goes to a dead proxy), so the only
// way these tests pass is stsctl intercepting the POST inside the browser.

const CHROMIUM = "/usr/bin/chromium";
const PASSWORD = "correct horse";
// Headless for tests; the dead proxy keeps anything not intercepted from leaving the machine.
const BROWSER_ENV = {
  STSCTL_BROWSER_HEADLESS: "1",
  STSCTL_BROWSER_ARGS: "--proxy-server=http://127.0.0.1:9 --no-sandbox",
};

let keys: SamlKeys;
let w: SamlWorld;
let idp: SamlIdp;
let h: SamlHome;

beforeAll(() => {
  // Loud, never a silent skip: CI must install Debian's chromium package.
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install --no-install-recommends chromium)`);
  keys = createSamlKeys();
});
beforeEach(async () => {
  w = await startSamlWorld(keys);
  idp = await startSamlIdp({
    key: keys.key,
    roles: [
      { roleArn: w.roles.admin, principalArn: w.providers.main },
      { roleArn: w.roles.audit.replace("Audit", "NotGranted"), principalArn: w.providers.main, providerFirst: true },
    ],
    sessionDuration: 7200,
    autofill: { username: "alice", password: PASSWORD },
  });
  h = createSamlHome(w, idp.url, BROWSER_ENV);
});
afterEach(async () => {
  await idp.close();
  await w.sts.close();
  expect(browsersUsing(h.home)).toEqual([]);
  removeTempDir(h.home);
});

const cli = (args: string[], env: Record<string, string> = {}) => runCli(args, { env: { ...h.env, ...env }, timeoutMs: 60_000 });

/** Pids of browser processes started for this HOME (their profile lives under it). */
function browsersUsing(home: string): number[] {
  const pids: number[] = [];
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      // Browser processes only: stsctl's key agent also names a path under this HOME.
      const cmdline = readFileSync(`/proc/${d}/cmdline`, "utf8");
      if (cmdline.includes(home) && /chrom/i.test(cmdline)) pids.push(Number(d));
    } catch {
      // gone already
    }
  }
  return pids;
}

describe("browser sign-in (headless Chromium)", () => {
  it("signs in at the IdP, intercepts the POST to AWS, and exchanges the response", async () => {
    const r = await cli(["saml", "corp-admin", "--json"]);
    expect(r.stderr).toContain(`Opening ${new URL(idp.url).origin} in chromium to sign in (waiting up to 5m)...`);
    expect(r.stderr).toMatch(new RegExp(`✓ arn:aws:sts::${ACCOUNT}:assumed-role/SamlAdmin/alice@example.com: expires \\d\\d:\\d\\d, in (1h 59m|2h)`));
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ Version: 1, AccessKeyId: expect.stringMatching(/^ASIA/) });
    expect(idp.counts).toEqual({ formShown: 1, signIns: 1, responses: 1 });
    expect(w.sts.calls("AssumeRoleWithSAML")).toBe(1);
    expect(w.sts.log[0]?.params).toMatchObject({ RoleArn: w.roles.admin, PrincipalArn: w.providers.main, DurationSeconds: "7200" });
  }, 90_000);

  it("signs in from flags alone: --url and --role-arn, no profile", async () => {
    idp.update({
      roles: [
        { roleArn: w.roles.dev, principalArn: w.providers.main },
        { roleArn: w.roles.admin, principalArn: w.providers.main },
      ],
      sessionDuration: undefined,
    });
    const r = await cli(["saml", "--browser", "--url", idp.url, "--role-arn", w.roles.dev, "--export", "--shell", "bash"]);
    expect(r.stderr).toContain("assumed-role/SamlDev/alice@example.com");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^export AWS_ACCESS_KEY_ID='ASIA/m);
    expect(w.sts.log.map((c) => c.params.DurationSeconds)).toEqual(["3600"]);
  }, 90_000);

  it("keeps the IdP session in a private browser profile, so the next sign-in needs no form", async () => {
    const first = await cli(["saml", "corp-admin", "--no-cache"]);
    expect(first.status, first.stderr).toBe(0);
    const profiles = join(h.env.STSCTL_CACHE_DIR!, "saml-browser");
    const [dir] = readdirSync(profiles);
    expect(statSync(join(profiles, dir!)).mode & 0o777).toBe(0o700);

    // The IdP would show its form again; it must not need to.
    idp.update({ autofill: undefined });
    const again = await cli(["saml", "corp-admin", "--no-cache"]);
    expect(again.status).toBe(0);
    expect(idp.counts).toEqual({ formShown: 1, signIns: 1, responses: 2 });

    // A throwaway profile has no cookie: the form comes back (and, unanswered, times out).
    const fresh = await cli(["saml", "corp-admin", "--no-cache", "--no-browser-profile", "--timeout", "4s"]);
    expect(fresh.status).toBe(8);
    expect(fresh.stderr).toContain("error: no SAML response reached AWS's sign-in page within 4s");
    expect(fresh.stderr).toMatch(/hint: finish signing in sooner or pass --timeout/);
    expect(idp.counts.formShown).toBe(2);
    expect(w.sts.calls("AssumeRoleWithSAML")).toBe(2);
  }, 120_000);

  it("serves credential-process for a SAML profile and a role chained from it", async () => {
    const r = await cli(["credential-process", "corp-audit"]);
    expect(r.status).toBe(0);
    const creds = JSON.parse(r.stdout) as { Version: number; Expiration: string };
    expect(creds.Version).toBe(1);
    expect(new Date(creds.Expiration).getTime() - Date.now()).toBeLessThanOrEqual(3600_000);
    expect(w.sts.calls("AssumeRoleWithSAML")).toBe(1);
    expect(w.sts.calls("AssumeRole")).toBe(1);
    // The SAML session is cached too: its own profile needs neither browser nor STS.
    const base = await cli(["credential-process", "corp-admin"]);
    expect(base.status).toBe(0);
    expect(base.stderr).toBe("");
    expect(idp.counts.responses).toBe(1);
    expect(w.sts.calls("AssumeRoleWithSAML")).toBe(1);
  }, 90_000);

  it("reports a response the IdP signed with the wrong key as rejected by STS, with a hint", async () => {
    idp.update({ key: keys.otherKey });
    const r = await cli(["saml", "corp-admin"]);
    expect(r.status).toBe(4);
    expect(r.stderr).toContain("error: AssumeRoleWithSAML: InvalidIdentityToken: Response signature invalid");
    expect(r.stderr).toContain("hint: STS could not verify the SAML response");
  }, 90_000);

  it("closes the browser and exits 130 on Ctrl-C", async () => {
    idp.update({ autofill: undefined });
    const child = spawn(process.execPath, [BIN, "saml", "corp-admin"], { env: h.env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    const deadline = Date.now() + 30_000;
    while (idp.counts.formShown === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(idp.counts.formShown).toBe(1);
    // The browser runs with the closed-network switches and its own profile under stsctl's cache.
    const main = browsersUsing(h.home)
      .map((pid) => readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0"))
      // The browser itself: not a renderer or helper (--type=…), nor a crash reporter (its pid may come first after pid wrap-around).
      .find((argv) => !argv.some((a) => a.startsWith("--type=")) && !(argv[0] ?? "").includes("crashpad"));
    for (const flag of [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ]) {
      expect(
        main?.some((a) => a === flag || a.startsWith(`${flag}=`)),
        flag,
      ).toBe(true);
    }
    expect(main).toContain(`--user-data-dir=${join(h.env.STSCTL_CACHE_DIR!, "saml-browser", readdirSync(join(h.env.STSCTL_CACHE_DIR!, "saml-browser"))[0]!)}`);
    child.kill("SIGINT");
    expect(await exited).toBe(130);
    expect(stderr).toContain("error: Interrupted");
    expect(browsersUsing(h.home)).toEqual([]);
    expect(w.sts.calls()).toBe(0);
  }, 90_000);

  it("starts the browser without stsctl's file vault passphrase in its environment", async () => {
    const report = join(h.home, "browser-env");
    // A wrapper that notes what it was given, then becomes Chromium (playwright's pipes survive the exec).
    const wrapper = h.file("browser-wrapper", `#!/bin/sh\necho "\${STSCTL_FILE_PASSPHRASE-unset}|$HOME" > '${report}'\nexec ${CHROMIUM} "$@"\n`);
    chmodSync(wrapper, 0o755);
    const r = await cli(["saml", "corp-admin", "--json", "--browser-path", wrapper]);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(report, "utf8")).toBe(`unset|${h.home}\n`);
  }, 90_000);

  it("names a configured browser that does not exist", async () => {
    const r = await cli(["saml", "corp-admin", "--browser-path", "/nonexistent/chrome"]);
    expect(r.status).toBe(8);
    expect(r.stderr).toContain("error: the browser /nonexistent/chrome (from --browser-path) does not exist");
  });
});
