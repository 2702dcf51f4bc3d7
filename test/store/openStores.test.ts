import { promises as fs } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError, StoreError } from "../../src/errors.js";
import { createLogger } from "../../src/io/log.js";
import { cacheDir, storePaths } from "../../src/store/cacheDir.js";
import { openStores } from "../../src/store/openStores.js";
import { sampleSession, tempDir } from "./helpers.js";

let tmp: Awaited<ReturnType<typeof tempDir>>;
let lines: string[];
const log = () => createLogger({ debug: false, write: (s) => void lines.push(s) });
beforeEach(async () => {
  tmp = await tempDir("stsctl-open-");
  lines = [];
});
afterEach(() => tmp.remove());

const entry = { key: "k", profile: "p", step: "GetSessionToken", session: sampleSession("O"), storedAt: new Date() };

describe("openStores (keychain-free backends)", () => {
  it("none: caches nothing and stores no secret", async () => {
    const { sessions, secrets } = await openStores({ env: { STSCTL_KEYRING: "none" }, cacheDir: tmp.dir, log: log() });
    expect([sessions.backend, secrets.backend]).toEqual(["none", "none"]);
    await sessions.put(entry);
    expect(await sessions.get("k")).toBeNull();
    await expect(secrets.set("totp:x", "seed")).rejects.toBeInstanceOf(StoreError);
    expect(await fs.readdir(tmp.dir)).toEqual([]);
    expect(lines).toEqual([]);
  });

  it("file: passphrase from STSCTL_FILE_PASSPHRASE, sessions and secrets under the cache dir", async () => {
    const env = { STSCTL_KEYRING: "file", STSCTL_FILE_PASSPHRASE: "file pass" };
    const a = await openStores({ env, cacheDir: tmp.dir, log: log() });
    expect([a.sessions.backend, a.secrets.backend]).toEqual(["file", "file"]);
    await a.sessions.put(entry);
    await a.secrets.set("totp:x", "seed-value");
    const b = await openStores({ env, cacheDir: tmp.dir, log: log() });
    expect((await b.sessions.get("k"))?.session).toEqual(entry.session);
    expect(await b.secrets.get("totp:x")).toBe("seed-value");
    const paths = storePaths(tmp.dir);
    expect(await fs.readdir(paths.sessions("file"))).toHaveLength(1);
    await fs.access(paths.vaultSalt);
    await fs.access(paths.vault);
  });

  it("file: asks the prompt only when a key is needed, and a wrong passphrase fails clearly", async () => {
    await (await openStores({ env: { STSCTL_KEYRING: "file", STSCTL_FILE_PASSPHRASE: "right" }, cacheDir: tmp.dir, log: log() })).sessions.put(entry);
    let asked = 0;
    const { sessions } = await openStores({
      env: { STSCTL_KEYRING: "file" },
      cacheDir: tmp.dir,
      log: log(),
      promptPassphrase: async () => (asked++, "wrong"),
    });
    expect((await sessions.list()).map((m) => m.key)).toEqual(["k"]);
    expect(asked).toBe(0);
    await expect(sessions.get("k")).rejects.toThrow("wrong passphrase for the stsctl file vault");
    expect(asked).toBe(1);
  });

  it("file: no passphrase and no prompt is a StoreError with the way out", async () => {
    const { sessions } = await openStores({ env: { STSCTL_KEYRING: "file" }, cacheDir: tmp.dir, log: log() });
    const err = await sessions.get("k").catch((e: unknown) => e);
    // Nothing cached yet reads as a miss without asking; a put needs the key.
    expect(err).toBeNull();
    const putErr = await sessions.put(entry).catch((e: unknown) => e);
    expect(putErr).toBeInstanceOf(StoreError);
    expect((putErr as StoreError).hint).toContain("STSCTL_FILE_PASSPHRASE");
  });

  it("rejects an unknown STSCTL_KEYRING before touching anything", async () => {
    const err = await openStores({ env: { STSCTL_KEYRING: "vault" }, cacheDir: tmp.dir, log: log() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).message).toContain('"vault"');
    expect((err as ConfigError).hint).toContain("none");
  });
});

describe("cacheDir", () => {
  const home = "/home/alice";
  it("follows STSCTL_CACHE_DIR, then XDG_CACHE_HOME, then the platform default", () => {
    expect(cacheDir({ STSCTL_CACHE_DIR: "/x/y", XDG_CACHE_HOME: "/xdg" }, "linux", home)).toBe("/x/y");
    expect(cacheDir({ XDG_CACHE_HOME: "/xdg" }, "linux", home)).toBe("/xdg/stsctl");
    expect(cacheDir({ XDG_CACHE_HOME: "relative/ignored" }, "linux", home)).toBe("/home/alice/.cache/stsctl");
    expect(cacheDir({}, "linux", home)).toBe("/home/alice/.cache/stsctl");
    expect(cacheDir({}, "darwin", "/Users/alice")).toBe("/Users/alice/Library/Caches/stsctl");
    expect(cacheDir({ LOCALAPPDATA: "C:\\Users\\alice\\AppData\\Local" }, "win32", "C:\\Users\\alice")).toBe("C:\\Users\\alice\\AppData\\Local\\stsctl");
    expect(cacheDir({}, "win32", "C:\\Users\\alice")).toBe("C:\\Users\\alice\\AppData\\Local\\stsctl");
  });

  it("lays out sessions per backend, locks and the vault under it", () => {
    const p = storePaths("/c");
    expect([p.sessions("keychain"), p.sessions("file"), p.locks, p.vaultSalt, p.vault]).toEqual(
      ["/c/sessions/keychain", "/c/sessions/file", "/c/locks", "/c/vault.salt", "/c/vault.secrets"].map((s) => path.normalize(s)),
    );
  });
});
