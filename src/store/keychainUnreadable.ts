// What to say when a secret kept in the OS keychain (keys from `stsctl add`) cannot be
// read because the keychain itself cannot be. The secret is not missing, and
// STSCTL_KEYRING=file or none would not have it either: the fix is to open the keychain
// (docs/aws-limits.md, Keychains: a Secret Service may be missing or locked).
import { StoreError } from "../errors.js";
import { KeychainError } from "./keychainErrors.js";

/** The OS keychain by the name its users know, on `platform`. */
export function keychainName(platform: NodeJS.Platform): string {
  if (platform === "darwin") return "the macOS login keychain";
  if (platform === "win32") return "Windows Credential Manager";
  return "the Secret Service keyring (gnome-keyring, KWallet)";
}

/** `what` ("cannot read the keys of ...") could not be read because of `e`, a failure of the keychain itself. */
export function keychainUnreadable(what: string, e: StoreError, platform: NodeJS.Platform = process.platform): StoreError {
  const name = keychainName(platform);
  const again = "then run the command again";
  const reason = e instanceof KeychainError ? e.reason : "other";
  switch (reason) {
    case "locked":
      return new StoreError(`${what}: ${name} is locked`, {
        hint:
          platform === "darwin"
            ? `unlock it (security unlock-keychain), ${again}`
            : `unlock it (log in to your desktop session, or unlock the "Login" keyring in Passwords and Keys), ${again}`,
        cause: e,
      });
    case "absent":
      return new StoreError(`${what}: ${name} is not running in this session`, {
        hint: `run the command in your desktop session, or start the keyring daemon (gnome-keyring-daemon --start --components=secrets), ${again}`,
        cause: e,
      });
    case "timeout":
      return new StoreError(`${what}: ${name} did not answer`, {
        hint: `check that the keyring daemon is running and responsive, ${again}`,
        cause: e,
      });
    default:
      return new StoreError(`${what}: ${e.message}`, { ...(e.hint ? { hint: e.hint } : {}), cause: e });
  }
}
