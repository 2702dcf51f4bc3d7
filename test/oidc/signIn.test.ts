// The human cases, end to end: bin/stsctl signs in at a real OpenID provider
// (authorization code + PKCE through a loopback redirect, or a device code),
// the sign-in pages are driven as a person would, and the ID token it gets is
// exchanged at the STS emulator, which checks its signature against the
// provider's JWKS. A refresh token kept in the file vault serves the next run
// without any browser.
import { readFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEVICE_GRANT, startOidcProvider, type OidcTestProvider } from "../support/oidcProvider.js";
import { runCli } from "../support/runCli.js";
import { ACCOUNT, createOidcWorld, type OidcWorld } from "./fixtures/oidcWorld.js";
import { fakeBrowser, startCli, type FakeBrowser } from "./fixtures/liveCli.js";
import { signInBot, type BotResult } from "./fixtures/signInBot.js";

let op: OidcTestProvider;
let w: OidcWorld;
let browser: FakeBrowser;
let pages: Array<Promise<BotResult>>;
let signInAs = "alice";
let cancel = false;

beforeAll(async () => {
  // The first device poll gets slow_down: stsctl must back off, not fail.
  op = await startOidcProvider({ deviceInterval: 1, slowDownPolls: 1 });
});
afterAll(() => op.close());
beforeEach(async () => {
  w = await createOidcWorld(op);
  pages = [];
  signInAs = "alice";
  cancel = false;
  browser = await fakeBrowser(w.home, (url) => pages.push(signInBot(url, { login: signInAs, cancel })));
  op.tokenRequests.length = 0;
});
afterEach(async () => {
  await browser.close();
  await w.close();
});

const personArn = (session: string) => `arn:aws:sts::${ACCOUNT}:assumed-role/Person/${session}`;
const profile = (flow: string, scopes = "openid email offline_access") =>
  w.writeConfig(
    `[profile me]\nrole_arn = ${w.personRole}\noidc_issuer = ${op.issuer}\noidc_client_id = ${op.clientId}\noidc_scopes = ${scopes}\noidc_flow = ${flow}\n`,
  );
const env = () => ({ ...w.env, STSCTL_BROWSER: browser.path, STSCTL_SIGNIN_TIMEOUT: "15s" });
/** A browser sign-in profile for the Person role (alice), staying signed in. */
const person = (name: string) =>
  `[profile ${name}]\nrole_arn = ${w.personRole}\noidc_issuer = ${op.issuer}\noidc_client_id = ${op.clientId}\noidc_scopes = openid email offline_access\noidc_flow = browser\n`;
/** Two profiles on one issuer and client: they share one sign-in. */
const twoProfiles = () => w.writeConfig(`${person("me")}${person("me2")}`);

describe("browser sign-in", () => {
  it("signs in through the provider's login and consent pages and exchanges the validated ID token", async () => {
    profile("browser");
    const r = await runCli(["oidc", "me", "--json"], { env: env(), timeoutMs: 25_000 });
    expect(r.stderr).not.toMatch(/error:/);
    expect(r.status).toBe(0);
    // stsctl printed where to sign in, opened the "browser" on exactly that URL, and the person saw the done page.
    const url = new URL(browser.opened[0]!);
    expect(r.stderr).toContain(url.href);
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("state")).toMatch(/^[\w-]{20,}$/);
    expect(url.searchParams.get("nonce")).toMatch(/^[\w-]{20,}$/);
    expect(url.searchParams.get("redirect_uri")).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    const page = await pages[0]!;
    expect(page.finalUrl).toContain(url.searchParams.get("redirect_uri")!);
    expect(page.body).toContain("Signed in");
    expect(r.stderr).toContain(personArn("alice@example.test"));
    expect(op.grants("authorization_code")).toBe(1);
    expect(w.sts.calls("AssumeRoleWithWebIdentity")).toBe(1);
    const creds = JSON.parse(r.stdout) as { AccessKeyId: string };
    expect(creds.AccessKeyId).toMatch(/^ASIA/);
  });

  it("next time, uses the stored refresh token: no browser, a refresh_token grant, no authorization_code grant", async () => {
    profile("browser");
    expect((await runCli(["oidc", "me"], { env: env(), timeoutMs: 25_000 })).status).toBe(0);
    expect(browser.opened).toHaveLength(1);
    const again = await runCli(["oidc", "me", "--no-cache", "--json"], { env: env(), timeoutMs: 25_000 });
    expect(again.status).toBe(0);
    expect(browser.opened).toHaveLength(1);
    expect(op.grants("refresh_token")).toBe(1);
    expect(op.grants("authorization_code")).toBe(1);
    expect(again.stderr).not.toContain("Sign in to");
    expect(again.stderr).toContain(personArn("alice@example.test"));
    expect(w.sts.calls("AssumeRoleWithWebIdentity")).toBe(2);
  });

  it("`stsctl clear` forgets sessions only: another profile on the issuer, and the cleared one, still sign in silently", async () => {
    twoProfiles();
    expect((await runCli(["oidc", "me"], { env: env(), timeoutMs: 25_000 })).status).toBe(0);
    const cleared = await runCli(["clear", "me"], { env: env() });
    expect(cleared.status, cleared.stderr).toBe(0);
    expect(cleared.stderr).toContain(`kept any sign-in at ${op.issuer} (other profiles on it share it); \`stsctl oidc logout me\` signs out`);
    expect(cleared.stderr).not.toContain("signed out of");
    for (const name of ["me2", "me"]) {
      const r = await runCli(["oidc", name], { env: env(), timeoutMs: 25_000 });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).not.toContain("Sign in to");
    }
    expect(browser.opened).toHaveLength(1);
    expect(op.grants("authorization_code")).toBe(1);
    expect(op.grants("refresh_token")).toBe(2);
    expect(w.sts.calls("AssumeRoleWithWebIdentity")).toBe(3);
  });

  it("`stsctl oidc logout` signs out of the issuer: the provider revokes the refresh token, stsctl forgets it, the next run opens the browser", async () => {
    twoProfiles();
    const revocations = op.revocations.length;
    expect((await runCli(["oidc", "me"], { env: env(), timeoutMs: 25_000 })).status).toBe(0);
    // The provider outlives each test (beforeAll): count what this one changes.
    const live = op.liveRefreshTokens();
    // Through the other profile: the sign-in belongs to the issuer and client, not to a profile.
    const out = await runCli(["oidc", "logout", "me2"], { env: env(), timeoutMs: 25_000 });
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout).toBe("");
    expect(out.stderr).toContain(`signed out of ${op.issuer} (client ${op.clientId}); the provider revoked the refresh token\n`);
    expect(op.revocations.slice(revocations)).toEqual([200]);
    expect(op.liveRefreshTokens()).toBe(live - 1);
    const again = await runCli(["oidc", "logout", "--issuer", op.issuer], { env: env() });
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toBe(`not signed in to ${op.issuer} (client ${op.clientId})\n`);

    expect((await runCli(["oidc", "me2"], { env: env(), timeoutMs: 25_000 })).status).toBe(0);
    expect(browser.opened).toHaveLength(2);
    expect(op.grants("refresh_token")).toBe(0);
    expect(op.grants("authorization_code")).toBe(2);
  });

  it("`stsctl oidc PROFILE` still signs in beside the logout subcommand, and --profile reaches a profile named logout", async () => {
    w.writeConfig(`${person("logout")}${person("me")}`);
    const r = await runCli(["oidc", "--profile", "logout", "--json"], { env: env(), timeoutMs: 25_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ Version: 1 });
    const named = await runCli(["oidc", "me", "--json"], { env: env(), timeoutMs: 25_000 });
    expect(named.status, named.stderr).toBe(0);
    expect(browser.opened).toHaveLength(1);
    const out = await runCli(["oidc", "logout", "logout"], { env: env(), timeoutMs: 25_000 });
    expect(out.stderr).toContain(`signed out of ${op.issuer}`);
  });

  it("`stsctl oidc logout` refuses a profile that signs in nowhere, and --client-id without --issuer", async () => {
    w.writeConfig(`[profile ci]\nrole_arn = ${w.deployRole}\nweb_identity_token_file = /nonexistent\n`);
    const r = await runCli(["oidc", "logout", "ci"], { env: env() });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'error: profile "ci" does not sign in at an OpenID provider, so there is nothing to sign out of\n' +
        "hint: name a profile with oidc_issuer, or use stsctl oidc logout --issuer URL --client-id ID\n",
    );
    const id = await runCli(["oidc", "logout", "--client-id", "x"], { env: env() });
    expect(id.status).toBe(2);
    expect(id.stderr).toContain("error: --client-id needs --issuer");
    const none = await runCli(["oidc", "logout", "--issuer", op.issuer], { env: env() });
    expect(none.status).toBe(2);
    expect(none.stderr).toContain(`error: no profile names a client id for ${op.issuer}`);
  });

  it("signs in again when the stored refresh token no longer works", async () => {
    profile("browser");
    expect((await runCli(["oidc", "me"], { env: env(), timeoutMs: 25_000 })).status).toBe(0);
    op.forgetEverything();
    const again = await runCli(["oidc", "me", "--no-cache"], { env: env(), timeoutMs: 25_000 });
    expect(again.status).toBe(0);
    expect(again.stderr).toContain("no longer works; signing in again");
    expect(browser.opened).toHaveLength(2);
    expect(op.tokenRequests.map((t) => `${t.grantType}:${t.status}`)).toEqual(["authorization_code:200", "refresh_token:400", "authorization_code:200"]);
  });

  it("refuses a signed-in user the role's trust policy does not name, with a hint", async () => {
    profile("browser");
    signInAs = "mallory";
    const r = await runCli(["oidc", "me"], { env: env(), timeoutMs: 25_000 });
    expect(r.status).toBe(4);
    expect(r.stderr).toContain("AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity");
    expect(r.stderr).toContain("hint: check the role's trust policy");
  });

  it("refuses an ID token whose signature the provider's published keys do not verify, before any STS call", async () => {
    profile("browser");
    await op.publishWrongKeys(true);
    try {
      const r = await runCli(["oidc", "me"], { env: env(), timeoutMs: 25_000 });
      expect(r.status).toBe(8);
      expect(r.stderr).toMatch(new RegExp(`error: sign-in at ${op.issuer}: .*signature`, "i"));
      expect(r.stderr).toContain("hint: stsctl refused the ID token");
      expect(op.grants("authorization_code")).toBe(1);
      expect(w.sts.calls()).toBe(0);
    } finally {
      await op.publishWrongKeys(false);
    }
  });

  it("reports a sign-in the person cancels at the provider, and shows them the failure page", async () => {
    profile("browser");
    cancel = true;
    const r = await runCli(["oidc", "me"], { env: env(), timeoutMs: 25_000 });
    expect(r.status).toBe(8);
    expect(r.stderr).toContain(`error: sign-in at ${op.issuer}: the identity provider answered access_denied (End-User aborted interaction)`);
    expect(r.stderr).toContain("hint: the sign-in was refused or cancelled");
    expect((await pages[0]!).body).toContain("Sign-in failed");
    expect(w.sts.calls()).toBe(0);
  });

  it("gives up with a clear message when nobody signs in", async () => {
    profile("browser", "openid");
    const r = await runCli(["oidc", "me"], { env: { ...w.env, STSCTL_BROWSER: "none", STSCTL_SIGNIN_TIMEOUT: "2s" }, timeoutMs: 25_000 });
    expect(r.status).toBe(8);
    expect(r.stderr).toMatch(/Sign in to http:\/\/127\.0\.0\.1:\d+ in your browser\. If it does not open, visit:\n {2}http:\/\/127\.0\.0\.1:\d+\/auth\?/);
    expect(r.stderr).toContain("could not open a browser");
    expect(r.stderr).toContain(`error: no sign-in at ${op.issuer} within 2s`);
    expect(w.sts.calls()).toBe(0);
  });
  it("starts the browser without stsctl's file vault passphrase in its environment", async () => {
    profile("browser", "openid");
    const report = `${w.home}/browser-env`;
    const opener = w.writeFile("report-browser", `#!/bin/sh\necho "\${STSCTL_FILE_PASSPHRASE-unset}|$HOME" > '${report}'\n`, 0o755);
    const r = await runCli(["oidc", "me"], { env: { ...w.env, STSCTL_BROWSER: opener, STSCTL_SIGNIN_TIMEOUT: "2s" }, timeoutMs: 25_000 });
    expect(r.stderr).toContain(`error: no sign-in at ${op.issuer} within 2s`);
    expect(readFileSync(report, "utf8")).toBe(`unset|${w.home}\n`);
  });
});

describe("device sign-in", () => {
  it("shows the verification URL and code, polls at the server's interval, backs off on slow_down, and exchanges the approved token", async () => {
    const live = startCli(
      ["oidc", "--issuer", op.issuer, "--client-id", op.clientId, "--scope", "email", "--flow", "device", "--role-arn", w.personRole, "--json"],
      { ...w.env, STSCTL_BROWSER: "none" },
    );
    const [, verificationUri, userCode] = await live.waitForStderr(/visit (\S+) and enter the code (\S+)/);
    // Approve only after the first poll, which the server answers with slow_down.
    const polls = () => op.tokenRequests.filter((t) => t.grantType === DEVICE_GRANT);
    await expect.poll(() => polls().length, { timeout: 10_000 }).toBe(1);
    const page = await signInBot(verificationUri!, { login: "alice", userCode: userCode! });
    expect(page.body).toContain("Sign-in Success");
    const r = await live.done;
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(personArn("alice@example.test"));
    expect(polls().map((p) => p.error ?? p.status)).toEqual(["slow_down", 200]);
    // The provider asked for 1 s between polls; slow_down adds 5 s (RFC 8628 section 3.5).
    // Both times are the provider's own: when this test saw the code on stderr depends on
    // how soon the pipe was read, which on a loaded machine can eat most of the second.
    expect(polls()[0]!.at - op.deviceAuthorizations.at(-1)!).toBeGreaterThanOrEqual(900);
    expect(polls()[1]!.at - polls()[0]!.at).toBeGreaterThanOrEqual(5900);
    expect(JSON.parse(r.stdout)).toMatchObject({ Version: 1, AccessKeyId: expect.stringMatching(/^ASIA/) });
    // Without offline_access no refresh token was issued, so nothing is kept.
    expect(op.grants("refresh_token")).toBe(0);
  });
});
