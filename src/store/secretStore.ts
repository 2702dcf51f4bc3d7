import { StoreError } from "../errors.js";
import { registerSecret } from "../io/redact.js";
import type { Keychain } from "./keychain.js";
import { SESSION_KEY_ACCOUNT } from "./dataKey.js";
import type { StoreBackend } from "./sessionStore.js";

/**
 * Small named secrets: TOTP seeds (`totp:<serial>`), long-term keys
 * (`keys:<profile>`), OIDC refresh tokens (`oidc:<key>`).
 */
export interface SecretStore {
  get(name: string): Promise<string | null>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<boolean>;
  readonly backend: StoreBackend;
  /** Why this store holds nothing: the keychain could not be opened (noSecretStore); absent when none was asked for. */
  readonly unavailable?: StoreError;
}

/** Names are `<kind>:<id>`; this also keeps them clear of the keychain account holding the data key. */
export function checkSecretName(name: string): void {
  if (!/^[a-z][a-z0-9-]*:.+$/.test(name) || name === SESSION_KEY_ACCOUNT) {
    throw new RangeError(`invalid secret name ${JSON.stringify(name)}: expected "<kind>:<id>", e.g. "totp:<serial>"`);
  }
}

/** Each secret is its own OS keychain item (service "stsctl", account = name), visible in the user's keychain app. */
export function keychainSecretStore(keychain: Keychain): SecretStore {
  return {
    backend: "keychain",
    get: async (name) => {
      checkSecretName(name);
      const value = await keychain.get(name);
      registerSecret(value ?? undefined);
      return value;
    },
    set: async (name, value) => {
      checkSecretName(name);
      registerSecret(value);
      await keychain.set(name, value);
    },
    delete: (name) => (checkSecretName(name), keychain.delete(name)),
  };
}

/**
 * No place for secrets. Reads find nothing (so callers fall back to prompting);
 * writes fail, saying why: `reason` is what made the store unavailable, and
 * `unavailable` the keychain's own failure, so that a secret kept there is not reported missing.
 */
export function noSecretStore(reason = "STSCTL_KEYRING=none keeps no secrets", unavailable?: StoreError): SecretStore {
  return {
    backend: "none",
    ...(unavailable ? { unavailable } : {}),
    get: async () => null,
    delete: async () => false,
    set: async (name) => {
      checkSecretName(name);
      throw new StoreError(`cannot store "${name}": ${reason}`, {
        hint: "Secrets need the OS keychain (unset STSCTL_KEYRING) or a passphrase-encrypted file (STSCTL_KEYRING=file).",
      });
    },
  };
}
