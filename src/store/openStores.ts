import { StoreError } from "../errors.js";
import type { Logger } from "../io/log.js";
import { storePaths } from "./cacheDir.js";
import { agentSocketPath, type AgentBackend } from "./agent/agentSocket.js";
import { keychainDataKey, keyOpensVault, passphraseDataKey } from "./dataKey.js";
import { keyMatchesCheck, recordKeyCheck } from "./keyCheck.js";
import { keyringMode } from "./keyringMode.js";
import { currentUid, socketProblem } from "../io/ownership.js";
import { distrustError, ensureStateRoot } from "../io/privateDir.js";
import { osKeychain } from "./keychain.js";
import { keychainSecretStore, noSecretStore, type SecretStore } from "./secretStore.js";
import { encryptedSessionStore, noCacheStore, type SessionStore } from "./sessionStore.js";
import { vaultSecretStore } from "./vaultSecretStore.js";

// On the credential_process hot path: this module and its imports use only
// node builtins; the keychain binding itself is loaded on first use.

export interface OpenStoresOptions {
  env: NodeJS.ProcessEnv;
  cacheDir: string;
  /** Where the file vault keeps what cannot be rebuilt (keys, seeds): not a cache a cleaner may wipe. Default: cacheDir. */
  dataDir?: string;
  log: Logger;
  /** Asked for the file vault's passphrase when STSCTL_FILE_PASSPHRASE is not set (e.g. a hidden prompt on /dev/tty). */
  promptPassphrase?: () => Promise<string>;
  /** Fail instead of running uncached when the keychain is unavailable. */
  requireCache?: boolean;
  /** Bound on each keychain call (default 2000 ms). */
  keychainTimeoutMs?: number;
  /** The key agent's script (dist/agent.js); without it no agent is used. */
  agentScript?: string;
  /** Node arguments that start the keychain helper (dist/keychainHelper.cjs): the keychain is called there. */
  keychainHelper?: string[];
}

/** How long the key agent keeps the data key: idle time (STSCTL_AGENT_TTL, seconds) and an upper bound. */
const AGENT_IDLE_MS = 15 * 60_000;
const AGENT_MAX_LIFE_MS = 12 * 3600_000;

/**
 * The session cache and secret store for STSCTL_KEYRING. With the keychain
 * backend the keychain is probed here (by loading the data key), so a missing
 * or locked keychain is known within about 2 s: it is an error when
 * `requireCache`, else one warning and the command runs without a cache.
 */
export async function openStores(opts: OpenStoresOptions): Promise<{ sessions: SessionStore; secrets: SecretStore }> {
  const mode = keyringMode(opts.env);
  const paths = storePaths(opts.cacheDir, opts.dataDir);

  if (mode === "none") return { sessions: noCacheStore(), secrets: noSecretStore() };
  // Before any key goes in or out: the state directories are this user's alone.
  await ensureStateRoot(opts.cacheDir);
  if (mode === "file" && opts.dataDir) await ensureStateRoot(opts.dataDir);

  if (mode === "file") {
    // Derived lazily: commands that never decrypt (list, clear) need no passphrase.
    // The agent spares each cache hit the scrypt derivation (and the passphrase).
    const socket = agentSocket(opts, "file");
    const derive = passphraseDataKey(() => filePassphrase(opts), paths.vaultSalt);
    // Like ssh-agent, a running agent means the vault is unlocked; but only the current
    // vault: after a reset (new salt) its key no longer fits and is ignored.
    const dataKey = socket ? withAgent(opts, socket, "file", derive, (key) => keyOpensVault(key, paths.vaultSalt)) : derive;
    return {
      sessions: encryptedSessionStore({ dir: paths.sessions("file"), dataKey, backend: "file" }),
      secrets: vaultSecretStore({ file: paths.vault, dataKey, lockDir: paths.locks }),
    };
  }

  const keychain = osKeychain({ timeoutMs: opts.keychainTimeoutMs ?? 2000, helper: opts.keychainHelper });
  // The key agent spares a cache hit the keychain round trip (binding load and a D-Bus session: ~25 ms).
  const socket = agentSocket(opts, "keychain");
  const keychainKey = keychainDataKey(keychain, { lockDir: paths.locks });
  // The keychain is the truth: what it holds is recorded, so an agent's key can be checked against it.
  const fromKeychain = async () => {
    const key = await keychainKey();
    await recordKeyCheck(paths.keyCheck, key);
    return key;
  };
  const dataKey = socket ? withAgent(opts, socket, "keychain", fromKeychain, async (key) => keyMatchesCheck(paths.keyCheck, key)) : fromKeychain;
  try {
    await dataKey();
  } catch (e) {
    if (!(e instanceof StoreError) || opts.requireCache) throw e;
    opts.log.warn(`${e.message}; running without the session cache. ${e.hint ?? ""}`.trim());
    return { sessions: noCacheStore(), secrets: noSecretStore(`the OS keychain is unavailable (${e.message})`, e) };
  }
  return {
    sessions: encryptedSessionStore({ dir: paths.sessions("keychain"), dataKey, backend: "keychain" }),
    secrets: keychainSecretStore(keychain),
  };
}

function agentSocket(opts: OpenStoresOptions, backend: AgentBackend): string | undefined {
  if (!opts.agentScript || opts.env.STSCTL_AGENT === "0") return undefined;
  return agentSocketPath(opts.cacheDir, process.platform, backend);
}

/**
 * The data key from a running agent, used only if `fits` proves it is the real one;
 * else from `load`, after which an agent is started to hold it.
 */
function withAgent(
  opts: OpenStoresOptions,
  socket: string,
  backend: AgentBackend,
  load: () => Promise<Buffer>,
  fits: (key: Buffer) => Promise<boolean>,
): () => Promise<Buffer> {
  let memo: Promise<Buffer> | undefined;
  const get = async () => {
    const uid = currentUid();
    const distrust = uid === undefined ? null : socketProblem(socket, opts.cacheDir, uid);
    if (distrust) throw distrustError(distrust);
    const client = await import("./agent/agentClient.js");
    const served = await client.keyFromAgent(socket);
    if (served && (await fits(served))) return served;
    if (served) await client.stopAgent(socket); // it holds a key that no longer fits
    const key = await load();
    const idle = Number(opts.env.STSCTL_AGENT_TTL) > 0 ? Number(opts.env.STSCTL_AGENT_TTL) * 1000 : AGENT_IDLE_MS;
    (await import("./agent/startAgent.js")).startAgent({
      script: opts.agentScript!,
      socket,
      backend,
      cacheDir: opts.cacheDir,
      key,
      idleMs: idle,
      maxLifeMs: AGENT_MAX_LIFE_MS,
    });
    return key;
  };
  return () => {
    memo ??= get().catch((e: unknown) => {
      memo = undefined;
      throw e;
    });
    return memo;
  };
}

async function filePassphrase(opts: OpenStoresOptions): Promise<string> {
  const fromEnv = opts.env.STSCTL_FILE_PASSPHRASE;
  if (fromEnv) return fromEnv;
  if (opts.promptPassphrase) return opts.promptPassphrase();
  throw new StoreError("STSCTL_KEYRING=file needs the vault passphrase, and there is no terminal to ask for it", {
    hint: "Set STSCTL_FILE_PASSPHRASE, or run the command once in a terminal.",
  });
}
