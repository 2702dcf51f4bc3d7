// The OS keychain layer against a real Secret Service (gnome-keyring on a
// private D-Bus session). libdbus fixes the session bus address the first time
// a process connects, so this file uses exactly one harness, in process.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/io/log.js";
import { SESSION_KEY_ACCOUNT } from "../../src/store/dataKey.js";
import { osKeychain } from "../../src/store/keychain.js";
import { KeychainError } from "../../src/store/keychainErrors.js";
import { openStores } from "../../src/store/openStores.js";
import { KEYCHAIN_HELPER as helper } from "../support/keychainHelper.js";
import { secretTool, startKeyring, type KeyringHarness } from "../support/keyring.js";
import { sampleSession, tempDir } from "./helpers.js";

let h: KeyringHarness;
const saved = { ...process.env };
beforeAll(async () => {
  h = await startKeyring({ mode: "unlocked" });
  Object.assign(process.env, h.env);
});
afterAll(async () => {
  await h?.stop();
  for (const k of Object.keys(h?.env ?? {})) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

/** What the Secret Service itself holds for (service, account), asked through another client. */
const lookup = (account: string, service = "stsctl") => secretTool(["lookup", "service", service, "username", account], h.env).catch(() => null);

const SEED = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

describe("osKeychain on a real Secret Service", () => {
  it("sets, gets and deletes items that really are in the Secret Service", async () => {
    const kc = osKeychain({ helper });
    await kc.set("totp:arn:aws:iam::123456789012:mfa/alice", SEED);
    expect(await lookup("totp:arn:aws:iam::123456789012:mfa/alice")).toBe(SEED);
    expect(await osKeychain({ helper }).get("totp:arn:aws:iam::123456789012:mfa/alice")).toBe(SEED);
    await kc.set("totp:arn:aws:iam::123456789012:mfa/alice", "NEWSEED");
    expect(await lookup("totp:arn:aws:iam::123456789012:mfa/alice")).toBe("NEWSEED");
    expect(await kc.delete("totp:arn:aws:iam::123456789012:mfa/alice")).toBe(true);
    expect(await lookup("totp:arn:aws:iam::123456789012:mfa/alice")).toBeNull();
    expect(await kc.get("totp:arn:aws:iam::123456789012:mfa/alice")).toBeNull();
    expect(await kc.delete("totp:arn:aws:iam::123456789012:mfa/alice")).toBe(false);
  });

  it("reads what another Secret Service client stored under the same attributes", async () => {
    await secretTool(["store", "--label=by secret-tool", "service", "stsctl", "username", "oidc:written-elsewhere"], h.env, "refresh-tok");
    expect(await osKeychain({ helper }).get("oidc:written-elsewhere")).toBe("refresh-tok");
  });

  it("keeps long and non-ASCII secrets intact, and services apart", async () => {
    const kc = osKeychain({ helper });
    const long = "x".repeat(4000) + "é✓🔑";
    await kc.set("oidc:long", long);
    expect(await osKeychain({ helper }).get("oidc:long")).toBe(long);
    await osKeychain({ service: "stsctl-other", helper }).set("oidc:long", "other");
    expect(await lookup("oidc:long", "stsctl-other")).toBe("other");
    expect(await kc.get("oidc:long")).toBe(long);
  });

  it("openStores keeps the data key in the keychain and sessions readable by the next process", async () => {
    const tmp = await tempDir("stsctl-kc-open-");
    try {
      const lines: string[] = [];
      const log = createLogger({ debug: false, write: (s) => void lines.push(s) });
      const first = await openStores({ env: process.env, cacheDir: tmp.dir, log, requireCache: true, keychainHelper: helper });
      expect([first.sessions.backend, first.secrets.backend]).toEqual(["keychain", "keychain"]);
      const stored = await lookup(SESSION_KEY_ACCOUNT);
      expect(Buffer.from(stored ?? "", "base64")).toHaveLength(32);
      const entry = { key: "k", profile: "prod", step: "AssumeRole", session: sampleSession("K"), storedAt: new Date() };
      await first.sessions.put(entry);
      await first.secrets.set("totp:dev", SEED);
      expect(await lookup("totp:dev")).toBe(SEED);

      const second = await openStores({ env: process.env, cacheDir: tmp.dir, log, keychainHelper: helper });
      expect((await second.sessions.get("k"))?.session).toEqual(entry.session);
      expect(await lookup(SESSION_KEY_ACCOUNT)).toBe(stored); // reused, not replaced
      expect(lines).toEqual([]);
    } finally {
      await tmp.remove();
    }
  });

  it("a keyring daemon that stops answering is reported as a timeout, by our own bound", async () => {
    // Warm up with room to spare (starting the helper takes a moment on a busy machine).
    await osKeychain({ timeoutMs: 20_000, helper }).set("keys:frozen", "v");
    const bounded = osKeychain({ timeoutMs: 300, helper });
    h.freeze();
    try {
      let err = await bounded.get("keys:frozen").catch((e: unknown) => e);
      expect(err).toBeInstanceOf(KeychainError);
      expect((err as KeychainError).reason).toBe("timeout");
      expect((err as KeychainError).message).toBe('could not read "keys:frozen" from the OS keychain: the keychain did not answer within 0.3 s');

      // A fresh connection blocks in the binding's constructor: the default bound (2 s) ends it.
      err = await osKeychain({ helper })
        .get("keys:frozen")
        .catch((e: unknown) => e);
      expect((err as KeychainError).reason).toBe("timeout");
      expect((err as KeychainError).hint).toMatch(/STSCTL_KEYRING=file.*STSCTL_KEYRING=none/);
    } finally {
      h.thaw();
    }
    expect(await osKeychain({ timeoutMs: 20_000, helper }).get("keys:frozen")).toBe("v"); // reconnects once the daemon is back
  }, 60_000);

  // Last: the harness has no way to unlock again (no prompter on its bus).
  it("a locked keychain is reported as locked, fast, for reads and writes", async () => {
    const kc = osKeychain({ helper });
    await kc.set("totp:locked", SEED);
    await h.lock();
    for (const [op, what] of [
      [() => kc.get("totp:locked"), 'could not read "totp:locked" from the OS keychain: the keychain is locked'],
      [() => kc.set("totp:new", SEED), 'could not store "totp:new" in the OS keychain: the keychain is locked'],
    ] as const) {
      const started = Date.now();
      const err = await op().catch((e: unknown) => e);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(err).toBeInstanceOf(KeychainError);
      expect((err as KeychainError).reason).toBe("locked");
      expect((err as KeychainError).message).toBe(what);
      expect((err as KeychainError).hint).toMatch(/^Unlock your OS keychain, or set STSCTL_KEYRING=file .* or STSCTL_KEYRING=none/);
      expect((err as KeychainError).exitCode).toBe(6);
      expect(String((err as Error).message)).not.toContain(SEED);
    }
  });
});
