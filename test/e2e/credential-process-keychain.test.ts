import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDemoWorld, type DemoWorld } from "../support/demoWorld.js";
import { startKeyring, type KeyringHarness } from "../support/keyring.js";
import { runCli, type CliResult } from "../support/runCli.js";
import { startSts, type StsEmulator } from "../support/sts/index.js";
import { expectCleanFailure, NODE_DIR, processJson, sessionFiles } from "./credential-process-support.js";
import { removeTempDir } from "../support/removeTempDir.js";

// credential_process when the OS keychain cannot serve the cache's data key:
// locked, absent, locked after sessions were cached, or hung. The choice the
// code makes (and these tests pin): still answer, uncached, with exactly one
// warning line on stderr, because an SDK call that could have worked must not
// fail; a profile that needs MFA then fails with the MFA error (no seed is readable).
// STSCTL_AGENT=0: these tests are about the keychain itself, so no key agent
// may hold the data key in memory on its behalf.

let sts: StsEmulator;
let w: DemoWorld;

beforeEach(async () => {
  sts = await startSts();
  w = createDemoWorld(sts);
});
afterEach(async () => {
  await sts.close();
  removeTempDir(w.home);
});

type HarnessMode = NonNullable<NonNullable<Parameters<typeof startKeyring>[0]>["mode"]>;

function withKeyring(mode: HarnessMode) {
  const h: { keyring?: KeyringHarness } = {};
  beforeAll(async () => {
    h.keyring = await startKeyring({ mode });
  });
  afterAll(async () => h.keyring?.stop());
  const env = () => ({ ...w.env, ...h.keyring!.env, STSCTL_KEYRING: "keychain", STSCTL_AGENT: "0", PATH: `${NODE_DIR}:/usr/bin:/bin` });
  return { h, cli: (args: string[], extra: Record<string, string> = {}) => runCli(args, { env: { ...env(), ...extra } }) };
}

/** Success without the cache: the JSON on stdout, one warning line naming the problem on stderr. */
function uncached(r: CliResult, why: RegExp) {
  const c = processJson(r);
  const lines = r.stderr.split("\n").filter(Boolean);
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^warning: .*running without the session cache/);
  expect(lines[0]).toMatch(why);
  expect(lines[0]).toMatch(/STSCTL_KEYRING=file/);
  return c;
}

describe("a locked keychain", () => {
  const { cli } = withKeyring("locked");

  it("answers uncached with one warning line, every call going to STS", async () => {
    const a = uncached(await cli(["credential-process", "dev"]), /keychain is locked/);
    const b = uncached(await cli(["credential-process", "dev"]), /keychain is locked/);
    expect(b.AccessKeyId).not.toBe(a.AccessKeyId);
    expect(sts.calls("AssumeRole")).toBe(2);
    expect(sessionFiles(w.env.STSCTL_CACHE_DIR!)).toEqual([]);
  });

  it("fails an MFA profile cleanly (no terminal, and no seed can be read), the warning saying why", async () => {
    const r = await cli(["credential-process", "prod-admin"]);
    expectCleanFailure(r, { status: 5, message: "there is no terminal to ask on", secrets: [w.alice.secretAccessKey] });
    expect(r.stderr).toMatch(/^warning: .*keychain is locked/m);
    expect(sts.calls()).toBe(0);
  });

  it("eight parallel calls all succeed (each one its own STS call: there is no cache to share)", { timeout: 60_000 }, async () => {
    const all = await Promise.all(Array.from({ length: 8 }, () => cli(["credential-process", "dev"])));
    for (const r of all) uncached(r, /keychain is locked/);
    expect(sts.calls("AssumeRole")).toBe(8);
  });
});

describe("no Secret Service on the session bus", () => {
  const { cli } = withKeyring("absent");

  it("answers uncached with one warning line", async () => {
    uncached(await cli(["credential-process", "dev"]), /no Secret Service/);
    expect(sts.calls("AssumeRole")).toBe(1);
    expect(sessionFiles(w.env.STSCTL_CACHE_DIR!)).toEqual([]);
  });

  it("and no D-Bus session at all", async () => {
    uncached(await cli(["credential-process", "dev"], { DBUS_SESSION_BUS_ADDRESS: `unix:path=${w.home}/no-such-bus` }), /OS keychain/);
  });
});

describe("a keychain locked after sessions were cached, or hung", () => {
  const { h, cli } = withKeyring("unlocked");

  it("locked: the cached entry cannot be opened, so it answers uncached with one warning", async () => {
    const cached = processJson(await cli(["credential-process", "dev"]));
    expect(sessionFiles(w.env.STSCTL_CACHE_DIR!)).toHaveLength(1);
    await h.keyring!.lock();
    const r = uncached(await cli(["credential-process", "dev"]), /keychain is locked/);
    expect(r.AccessKeyId).not.toBe(cached.AccessKeyId);
    expect(sts.calls("AssumeRole")).toBe(2);
  });

  it("hung (daemon stopped): gives up on it within its bound and answers uncached", { timeout: 30_000 }, async () => {
    processJson(await cli(["credential-process", "dev"]));
    h.keyring!.freeze();
    try {
      const r = await cli(["credential-process", "dev"]);
      uncached(r, /the keychain did not answer/);
      expect(r.ms).toBeLessThan(10_000);
    } finally {
      h.keyring!.thaw();
    }
  });
});
