import { promises as fs } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StoreError } from "../../src/errors.js";
import { redact } from "../../src/io/redact.js";
import { passphraseDataKey } from "../../src/store/dataKey.js";
import { memoryKeychain } from "../../src/store/memoryKeychain.js";
import { keychainSecretStore, noSecretStore } from "../../src/store/secretStore.js";
import { vaultSecretStore } from "../../src/store/vaultSecretStore.js";
import { modeOf, tempDir } from "./helpers.js";

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => (tmp = await tempDir("stsctl-secrets-")));
afterEach(() => tmp.remove());

const SEED = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

function vault(passphrase = "vault pass") {
  const file = path.join(tmp.dir, "vault.secrets");
  const dataKey = passphraseDataKey(async () => passphrase, path.join(tmp.dir, "vault.salt"));
  return { file, store: vaultSecretStore({ file, dataKey, lockDir: path.join(tmp.dir, "locks") }) };
}

describe("file vault secret store", () => {
  it("sets, gets and deletes, across instances, with nothing readable on disk", async () => {
    const { file, store } = vault();
    expect(store.backend).toBe("file");
    expect(await store.get("totp:arn:aws:iam::123456789012:mfa/alice")).toBeNull();
    await store.set("totp:arn:aws:iam::123456789012:mfa/alice", SEED);
    await store.set("keys:default", "AKIAEXAMPLE:long-term-secret-key-value");
    const again = vault().store;
    expect(await again.get("totp:arn:aws:iam::123456789012:mfa/alice")).toBe(SEED);
    expect(await again.get("keys:default")).toBe("AKIAEXAMPLE:long-term-secret-key-value");
    const text = await fs.readFile(file, "utf8");
    for (const s of [SEED, "long-term-secret-key-value", "totp:", "alice"]) expect(text).not.toContain(s);
    expect(await modeOf(file)).toBe(0o600);
    expect(await again.delete("keys:default")).toBe(true);
    expect(await again.delete("keys:default")).toBe(false);
    expect(await store.get("keys:default")).toBeNull();
    expect(await store.get("totp:arn:aws:iam::123456789012:mfa/alice")).toBe(SEED);
  });

  it("a wrong passphrase is an error, not an empty vault", async () => {
    await vault().store.set("totp:x", SEED);
    await expect(vault("not it").store.get("totp:x")).rejects.toThrow("wrong passphrase for the stsctl file vault");
  });

  it("a damaged vault is an error that names the file, and is not silently overwritten", async () => {
    const { file, store } = vault();
    await store.set("totp:x", SEED);
    const damaged = (await fs.readFile(file, "utf8")).replace(/"ct":"(.)/, (_, c: string) => `"ct":"${c === "A" ? "B" : "A"}`);
    await fs.writeFile(file, damaged);
    const err = await store.set("totp:y", SEED).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).message).toContain(file);
    expect(await fs.readFile(file, "utf8")).toBe(damaged);
  });

  it("parallel writers lose no secret", async () => {
    const { store } = vault();
    await Promise.all(Array.from({ length: 12 }, (_, i) => store.set(`oidc:${i}`, `refresh-${i}`)));
    const fresh = vault().store;
    for (let i = 0; i < 12; i++) expect(await fresh.get(`oidc:${i}`)).toBe(`refresh-${i}`);
  });
});

describe("keychain secret store", () => {
  it("keeps each secret as its own keychain item under its name", async () => {
    const kc = memoryKeychain();
    const store = keychainSecretStore(kc);
    await store.set("totp:serial-1", SEED);
    expect(kc.items.get("totp:serial-1")).toBe(SEED);
    expect(await store.get("totp:serial-1")).toBe(SEED);
    expect(await store.delete("totp:serial-1")).toBe(true);
    expect(kc.items.size).toBe(0);
  });

  it("registers what it reads for redaction, so a seed can never reach stderr", async () => {
    const seed = "KRUGKIDROVUWG2ZAMJZG653OEBTG66BA";
    const store = keychainSecretStore(memoryKeychain({ "totp:r": seed }));
    expect(await store.get("totp:r")).toBe(seed);
    expect(redact(`debug: got ${seed}`)).toBe("debug: got ****");
  });

  it("refuses names outside <kind>:<id>, including the data key's account", async () => {
    const store = keychainSecretStore(memoryKeychain());
    for (const bad of ["session-key", "seed", ":x", "totp:", "TOTP:x"]) {
      await expect(store.set(bad, "v")).rejects.toThrow(RangeError);
    }
  });
});

describe("no secret store", () => {
  it("finds nothing and refuses to store, saying what to do", async () => {
    const store = noSecretStore();
    expect(store.backend).toBe("none");
    expect(await store.get("totp:x")).toBeNull();
    expect(await store.delete("totp:x")).toBe(false);
    const err = await store.set("totp:x", SEED).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).message).toBe('cannot store "totp:x": STSCTL_KEYRING=none keeps no secrets');
    expect((err as StoreError).hint).toMatch(/keychain.*STSCTL_KEYRING=file/);
    expect((err as StoreError).message).not.toContain(SEED);
  });
});
