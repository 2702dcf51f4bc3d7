import { StoreError } from "../errors.js";

// How keychain failures actually present through @napi-rs/keyring (found by
// experiment against gnome-keyring on a private D-Bus session):
//   locked collection, item present or on write:
//     "Couldn't access platform storage: Secret Service: unlock prompt was dismissed"
//     (a locked collection with no matching item reads as "not found": null)
//   bus up, no Secret Service:
//     "Platform failure: DBus error: The name org.freedesktop.secrets was not provided by any .service files"
//   no session bus: "... Failed to connect to socket ..." or "... autolaunch ... set your DBUS_SESSION_BUS_ADDRESS"
//   daemon stopped (SIGSTOP): "... Did not receive a reply ..." after the binding's own 2 s D-Bus timeout
//   dbus-daemon stopped: no answer at all (the connect blocks), hence src/entry/keychainHelper.ts
// macOS reports a keychain that cannot prompt as "User interaction is not allowed".

export type KeychainFailure = "absent" | "locked" | "timeout" | "denied" | "unverified" | "other";

export const keychainHint = "Unlock your OS keychain, or set STSCTL_KEYRING=file (passphrase-encrypted file) or STSCTL_KEYRING=none (no cache).";

export class KeychainError extends StoreError {
  readonly reason: KeychainFailure;
  constructor(reason: KeychainFailure, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, { hint: options.hint ?? hintFor(reason), cause: options.cause });
    this.reason = reason;
  }
}

function hintFor(reason: KeychainFailure): string {
  switch (reason) {
    case "absent":
      return "Start a Secret Service (e.g. gnome-keyring) on this session, or set STSCTL_KEYRING=file (passphrase-encrypted file) or STSCTL_KEYRING=none (no cache).";
    case "timeout":
      return "Check that your keyring daemon is running and responsive, or set STSCTL_KEYRING=file (passphrase-encrypted file) or STSCTL_KEYRING=none (no cache).";
    default:
      return keychainHint;
  }
}

const rules: Array<[KeychainFailure, RegExp, string]> = [
  ["locked", /unlock prompt was dismissed|is locked|interaction is not allowed|prompt.*(dismissed|cancel)/i, "the keychain is locked"],
  ["absent", /was not provided by any \.service files|ServiceUnknown|NameHasNoOwner/i, "no Secret Service on this session bus"],
  [
    "absent",
    /Failed to connect to socket|autolaunch|DBUS_SESSION_BUS_ADDRESS|No such file or directory|Connection refused/i,
    "no D-Bus session bus to reach a Secret Service",
  ],
  ["timeout", /Did not receive a reply|timed? ?out|NoReply/i, "the keychain did not answer in time"],
  ["denied", /denied|not authori[sz]ed|not permitted|authorization/i, "access to the keychain was denied"],
];

/** Turns whatever the binding threw into a KeychainError that says which failure it was. */
export function toKeychainError(err: unknown, what: string): KeychainError {
  if (err instanceof KeychainError) return err;
  const raw = err instanceof Error ? err.message : String(err);
  for (const [reason, pattern, text] of rules) {
    if (pattern.test(raw)) return new KeychainError(reason, `${what}: ${text}`, { cause: err });
  }
  return new KeychainError("other", `${what}: ${firstLine(raw)}`, { cause: err });
}

function firstLine(s: string): string {
  return (s.split("\n")[0] ?? "").slice(0, 200);
}
