import { ConfigError } from "../errors.js";

// Also on the cache-hit path (src/entry/front.ts): no imports beyond the error types.

export type KeyringMode = "keychain" | "file" | "none";

export function keyringMode(env: NodeJS.ProcessEnv): KeyringMode {
  const raw = (env.STSCTL_KEYRING ?? "").trim().toLowerCase();
  if (raw === "") return "keychain";
  if (raw === "keychain" || raw === "file" || raw === "none") return raw;
  throw new ConfigError(`STSCTL_KEYRING=${JSON.stringify(env.STSCTL_KEYRING)} is not one of keychain, file, none`, {
    hint: "Unset it to use the OS keychain, or set it to file (passphrase-encrypted file) or none (no cache).",
  });
}
