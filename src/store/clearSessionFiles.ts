import path from "node:path";
import { storePaths } from "./cacheDir.js";
import { encryptedSessionStore, type CacheMeta } from "./sessionStore.js";

/**
 * Removes cached sessions from the cache directory, of both backends (a user may have
 * switched STSCTL_KEYRING since), without any key: which files to remove is read from
 * their unencrypted metadata (sessionCodec.ts), and deleting needs nothing more. So a
 * locked or silent keychain, or a file vault without its passphrase, never keeps a
 * session in place, and nothing is read from the keychain or started to hold its key.
 * With no filter, unreadable entries go too.
 */
export async function clearSessionFiles(cacheDir: string, filter?: (m: CacheMeta) => boolean): Promise<{ removed: number; dir: string }> {
  const paths = storePaths(cacheDir);
  const noKey = () => Promise.reject(new Error("clearing sessions needs no key"));
  let removed = 0;
  for (const backend of ["keychain", "file"] as const) {
    removed += await encryptedSessionStore({ dir: paths.sessions(backend), dataKey: noKey, backend }).clear(filter);
  }
  return { removed, dir: path.dirname(paths.sessions("keychain")) };
}
