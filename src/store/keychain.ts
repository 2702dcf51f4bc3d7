import type { AsyncEntry } from "@napi-rs/keyring";
import { KeychainError, toKeychainError } from "./keychainErrors.js";

/** The OS keychain as stsctl uses it: one string secret per account name under one service. */
export interface Keychain {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
}

type Binding = typeof import("@napi-rs/keyring");
let binding: Promise<Binding> | undefined;

// Loaded on first use: the native module is not needed by commands that never touch the keychain.
function loadBinding(): Promise<Binding> {
  binding ??= import("@napi-rs/keyring").catch((e: unknown) => {
    binding = undefined;
    throw new KeychainError("absent", "the OS keychain binding (@napi-rs/keyring) could not be loaded on this platform", {
      hint: "Reinstall stsctl for this platform, or set STSCTL_KEYRING=file (passphrase-encrypted file) or STSCTL_KEYRING=none (no cache).",
      cause: e,
    });
  });
  return binding;
}

/**
 * The OS keychain through @napi-rs/keyring. Every call is bounded by `timeoutMs`
 * (a stopped keyring daemon otherwise hangs callers), and `set` reads the secret
 * back because a broken Secret Service can acknowledge a write and keep nothing.
 */
export function osKeychain(opts: { service?: string; timeoutMs?: number } = {}): Keychain {
  const service = opts.service ?? "stsctl";
  const timeoutMs = opts.timeoutMs ?? 2000;
  const entries = new Map<string, AsyncEntry>();

  async function entry(account: string): Promise<AsyncEntry> {
    const known = entries.get(account);
    if (known) return known;
    const { AsyncEntry } = await loadBinding();
    // On Linux, require the Secret Service: the default silently falls back to the
    // kernel keyring, which forgets everything at reboot. The constructor connects
    // synchronously, so a dead service throws here (bounded by the binding's 2 s D-Bus timeout).
    const made = new AsyncEntry(service, account, { linux: { store: "secret-service" } });
    entries.set(account, made);
    return made;
  }

  // One deadline per public call, shared by its steps (set = write + read back).
  async function bounded<T>(what: string, steps: (e: AsyncEntry, signal: AbortSignal) => Promise<T>, account: string): Promise<T> {
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abort.abort();
        reject(new KeychainError("timeout", `${what}: the keychain did not answer within ${timeoutMs / 1000} s`));
      }, timeoutMs);
    });
    try {
      const work = (async () => steps(await entry(account), abort.signal))();
      work.catch(() => undefined); // a late failure after the deadline must not go unhandled
      return await Promise.race([work, deadline]);
    } catch (e) {
      entries.delete(account); // its D-Bus session may be dead; reconnect next time
      if (abort.signal.aborted && !(e instanceof KeychainError)) {
        throw new KeychainError("timeout", `${what}: the keychain did not answer within ${timeoutMs / 1000} s`, { cause: e });
      }
      throw toKeychainError(e, what);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    get: (account) =>
      bounded(`could not read "${account}" from the OS keychain`, (e, signal) => e.getPassword(signal), account),

    set: (account, secret) =>
      bounded(
        `could not store "${account}" in the OS keychain`,
        async (e, signal) => {
          await e.setPassword(secret, signal);
          const back = await e.getPassword(signal);
          if (back !== secret) {
            throw new KeychainError(
              "unverified",
              `could not store "${account}" in the OS keychain: it accepted the write but ${back === null ? "kept nothing" : "returned a different value"}`,
              {
                hint: "Restart your keyring daemon, or set STSCTL_KEYRING=file (passphrase-encrypted file) or STSCTL_KEYRING=none (no cache).",
              },
            );
          }
        },
        account,
      ),

    delete: (account) =>
      bounded(`could not delete "${account}" from the OS keychain`, (e, signal) => e.deleteCredential(signal), account),
  };
}
