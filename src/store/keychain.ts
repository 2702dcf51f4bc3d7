import type { HelperClient } from "./keychainHelperClient.js";
import { HelperGone, type HelperReply, type HelperRequest } from "./keychainHelperProtocol.js";
import { KeychainError, toKeychainError } from "./keychainErrors.js";

/** The OS keychain as stsctl uses it: one string secret per account name under one service. */
export interface Keychain {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
}

const REINSTALL = "Reinstall stsctl for this platform, or set STSCTL_KEYRING=file (passphrase-encrypted file) or STSCTL_KEYRING=none (no cache).";

/**
 * The OS keychain through @napi-rs/keyring, called in a helper process (`helper`:
 * the node arguments that start src/entry/keychainHelper.ts, e.g. dist/keychainHelper.cjs).
 * Every call is bounded by `timeoutMs`: at the deadline the helper is killed, since
 * the binding can block its thread for minutes (a stopped dbus-daemon). `set` reads
 * the secret back because a broken Secret Service can acknowledge a write and keep nothing.
 */
export function osKeychain(opts: { service?: string; timeoutMs?: number; helper?: string[] } = {}): Keychain {
  const service = opts.service ?? "stsctl";
  const timeoutMs = opts.timeoutMs ?? 2000;
  let client: Promise<HelperClient> | undefined;

  // Loaded on first use: a cache hit answered without the keychain never loads child_process.
  const helper = () => (client ??= import("./keychainHelperClient.js").then((m) => m.keychainHelperClient(opts.helper!)));

  // One deadline per public call, shared by its steps (set = write + read back).
  async function bounded<T>(
    what: string,
    steps: (call: (op: HelperRequest["op"], secret?: string) => Promise<unknown>) => Promise<T>,
    account: string,
  ): Promise<T> {
    if (!opts.helper?.length) {
      throw new KeychainError("absent", `${what}: this stsctl was started without its keychain helper (dist/keychainHelper.cjs)`, { hint: REINSTALL });
    }
    const h = await helper();
    const call = async (op: HelperRequest["op"], secret?: string) =>
      unwrap(await h.call({ op, service, account, ...(secret === undefined ? {} : { secret }) }), what);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new KeychainError("timeout", `${what}: the keychain did not answer within ${timeoutMs / 1000} s`));
        h.stop(); // whatever it is stuck in, it must not outlive the deadline or keep this process alive
      }, timeoutMs);
    });
    try {
      const work = steps(call);
      work.catch(() => undefined); // its failure once the deadline has won must not go unhandled
      return await Promise.race([work, deadline]);
    } catch (e) {
      if (e instanceof HelperGone) {
        throw e.stopped
          ? new KeychainError("timeout", `${what}: the keychain did not answer`)
          : new KeychainError("other", `${what}: ${e.message}`, { hint: REINSTALL });
      }
      throw toKeychainError(e, what);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    get: (account) => bounded(`could not read "${account}" from the OS keychain`, async (call) => (await call("get")) as string | null, account),

    set: (account, secret) =>
      bounded(
        `could not store "${account}" in the OS keychain`,
        async (call) => {
          await call("set", secret);
          const back = await call("get");
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

    delete: (account) => bounded(`could not delete "${account}" from the OS keychain`, async (call) => (await call("delete")) === true, account),
  };
}

/** A reply's value, or the failure it reports as a KeychainError. */
function unwrap(reply: HelperReply, what: string): unknown {
  if (reply.ok) return reply.value;
  if (reply.unloadable) {
    throw new KeychainError("absent", "the OS keychain binding (@napi-rs/keyring) could not be loaded on this platform", {
      hint: REINSTALL,
      cause: new Error(reply.message),
    });
  }
  throw toKeychainError(new Error(reply.message), what);
}
