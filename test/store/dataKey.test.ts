import { promises as fs } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StoreError } from "../../src/errors.js";
import { SESSION_KEY_ACCOUNT, keychainDataKey, passphraseDataKey } from "../../src/store/dataKey.js";
import type { Keychain } from "../../src/store/keychain.js";
import { memoryKeychain } from "../../src/store/memoryKeychain.js";
import { modeOf, tempDir } from "./helpers.js";

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => (tmp = await tempDir("stsctl-datakey-")));
afterEach(() => tmp.remove());

function counting(inner: Keychain) {
  const calls: string[] = [];
  const kc: Keychain = {
    get: (a) => (calls.push(`get ${a}`), inner.get(a)),
    set: (a, s) => (calls.push(`set ${a}`), inner.set(a, s)),
    delete: (a) => (calls.push(`delete ${a}`), inner.delete(a)),
  };
  return { kc, calls };
}

describe("keychainDataKey", () => {
  it("creates 32 random bytes on first use, stores them base64, and memoizes", async () => {
    const mem = memoryKeychain();
    const { kc, calls } = counting(mem);
    const dataKey = keychainDataKey(kc);
    const k1 = await dataKey();
    const k2 = await dataKey();
    expect(k1).toHaveLength(32);
    expect(k2).toBe(k1);
    expect(Buffer.from(mem.items.get(SESSION_KEY_ACCOUNT)!, "base64")).toEqual(k1);
    expect(calls).toEqual([`get ${SESSION_KEY_ACCOUNT}`, `get ${SESSION_KEY_ACCOUNT}`, `set ${SESSION_KEY_ACCOUNT}`]);
  });

  it("reuses the stored key", async () => {
    const mem = memoryKeychain();
    const first = await keychainDataKey(mem)();
    const { kc, calls } = counting(mem);
    expect(await keychainDataKey(kc)()).toEqual(first);
    expect(calls).toEqual([`get ${SESSION_KEY_ACCOUNT}`]);
  });

  it("replaces a stored value that is not a 32-byte key", async () => {
    const mem = memoryKeychain({ [SESSION_KEY_ACCOUNT]: "c2hvcnQ=" });
    const k = await keychainDataKey(mem)();
    expect(k).toHaveLength(32);
    expect(mem.items.get(SESSION_KEY_ACCOUNT)).toBe(k.toString("base64"));
  });

  it("parallel first uses agree on one key when given a lock directory", async () => {
    const mem = memoryKeychain();
    // Make the race window real: every keychain call yields for a while.
    const slow: Keychain = {
      get: async (a) => (await new Promise((r) => setTimeout(r, 20)), mem.get(a)),
      set: async (a, s) => (await new Promise((r) => setTimeout(r, 20)), mem.set(a, s)),
      delete: (a) => mem.delete(a),
    };
    const lockDir = path.join(tmp.dir, "locks");
    const keys = await Promise.all(Array.from({ length: 5 }, () => keychainDataKey(slow, { lockDir })()));
    for (const k of keys) expect(k).toEqual(keys[0]);
    expect(Buffer.from(mem.items.get(SESSION_KEY_ACCOUNT)!, "base64")).toEqual(keys[0]);
  });

  it("does not memoize a failure", async () => {
    let fail = true;
    const mem = memoryKeychain();
    const flaky: Keychain = {
      ...mem,
      get: async (a) => {
        if (fail) throw new StoreError("locked");
        return mem.get(a);
      },
    };
    const dataKey = keychainDataKey(flaky);
    await expect(dataKey()).rejects.toThrow("locked");
    fail = false;
    expect(await dataKey()).toHaveLength(32);
  });
});

describe("passphraseDataKey", () => {
  const pass = (p: string) => async () => p;

  it("derives the same key from the same passphrase and salt, another from another salt", async () => {
    const salt = path.join(tmp.dir, "vault.salt");
    const k1 = await passphraseDataKey(pass("correct horse"), salt)();
    const k2 = await passphraseDataKey(pass("correct horse"), salt)();
    const k3 = await passphraseDataKey(pass("correct horse"), path.join(tmp.dir, "other.salt"))();
    expect(k1).toHaveLength(32);
    expect(k2).toEqual(k1);
    expect(k3).not.toEqual(k1);
  });

  it("says plainly when the passphrase is wrong", async () => {
    const salt = path.join(tmp.dir, "vault.salt");
    await passphraseDataKey(pass("correct horse"), salt)();
    const err = await passphraseDataKey(pass("wrong horse"), salt)().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).message).toBe("wrong passphrase for the stsctl file vault");
    expect((err as StoreError).hint).toContain("STSCTL_FILE_PASSPHRASE");
  });

  it("keeps only salt and verifier in a 0600 file: no passphrase, no key", async () => {
    const salt = path.join(tmp.dir, "sub", "vault.salt");
    const key = await passphraseDataKey(pass("correct horse"), salt)();
    const text = await fs.readFile(salt, "utf8");
    expect(text).not.toContain("correct horse");
    expect(text).not.toContain(key.toString("base64"));
    expect(Object.keys(JSON.parse(text)).sort()).toEqual(["N", "check", "kdf", "p", "r", "salt", "v"]);
    expect(await modeOf(salt)).toBe(0o600);
    expect(await modeOf(path.dirname(salt))).toBe(0o700);
  });

  it("parallel first uses end up with one salt", async () => {
    const salt = path.join(tmp.dir, "vault.salt");
    const keys = await Promise.all([1, 2, 3].map(() => passphraseDataKey(pass("pw"), salt)()));
    for (const k of keys) expect(k).toEqual(keys[0]);
    expect((await fs.readdir(tmp.dir)).sort()).toEqual(["vault.salt"]);
  });

  it("refuses an empty passphrase and a corrupt salt file with StoreErrors", async () => {
    const salt = path.join(tmp.dir, "vault.salt");
    await expect(passphraseDataKey(pass(""), salt)()).rejects.toThrow(/passphrase .* is empty/);
    await fs.writeFile(salt, "{not json");
    const err = await passphraseDataKey(pass("pw"), salt)().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).message).toContain("is corrupt");
  });

  it("asks for the passphrase once per process", async () => {
    let asked = 0;
    const dataKey = passphraseDataKey(async () => (asked++, "pw"), path.join(tmp.dir, "vault.salt"));
    await dataKey();
    await dataKey();
    expect(asked).toBe(1);
  });
});
