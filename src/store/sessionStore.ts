import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import type { Session } from "../credentials.js";
import { StoreError } from "../errors.js";
import { registerSecret } from "../io/redact.js";
import { writeFileAtomic } from "../io/atomicWrite.js";
import { readRegularFileSync } from "../io/readRegularFile.js";
import { ensurePrivateDir } from "../io/privateDir.js";
import { decodeEntry, decodeMeta, encodeEntry } from "./sessionCodec.js";

export type StoreBackend = "keychain" | "file" | "none";

export interface CacheEntry {
  key: string;
  profile: string;
  /** Human label, e.g. "AssumeRole arn:aws:iam::123456789012:role/Admin". */
  step: string;
  session: Session;
  storedAt: Date;
}

export interface CacheMeta {
  key: string;
  profile: string;
  step: string;
  expiration: Date;
  storedAt: Date;
}

export interface SessionStore {
  readonly backend: StoreBackend;
  /** The entry, or null if absent or unusable (corrupt, tampered, other key): the caller refreshes and put()s. */
  get(key: string): Promise<CacheEntry | null>;
  put(entry: CacheEntry): Promise<void>;
  delete(key: string): Promise<boolean>;
  /** Metadata of every readable entry, without decrypting anything. */
  list(): Promise<CacheMeta[]>;
  /** Removes the entries the filter accepts (all, and any unreadable files, without a filter); returns how many. */
  clear(filter?: (m: CacheMeta) => boolean): Promise<number>;
}

const SUFFIX = ".session";
/** An entry is a few KiB (a session token is at most a few thousand characters). */
const MAX_ENTRY_BYTES = 64 * 1024;

/** File name for a cache key: a hash, so keys can hold any characters and reveal nothing in a listing. */
export function entryFileName(key: string): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 40) + SUFFIX;
}

/**
 * Sessions as one encrypted file each under `dir` (0700 directory, 0600 files,
 * atomic replacement). `dataKey` is only called by get and put.
 */
export function encryptedSessionStore(opts: { dir: string; dataKey: () => Promise<Buffer>; backend: Exclude<StoreBackend, "none"> }): SessionStore {
  const { dir, dataKey } = opts;
  const fileOf = (key: string) => path.join(dir, entryFileName(key));

  // Synchronous on purpose: this is the cache-hit read, and a small file read this way
  // spares the hit loading fs/promises (with readline and the fs watchers behind it).
  // Anything but a small regular file is no entry: it is renewed and replaced.
  async function readText(file: string): Promise<string | null> {
    try {
      return readRegularFileSync(file, { maxBytes: MAX_ENTRY_BYTES, refuse: (why) => new StoreError(`${file} ${why.text}`) }).toString("utf8");
    } catch (e) {
      if (e instanceof StoreError) return null;
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "EISDIR") return null;
      throw new StoreError(`cannot read the session cache file ${file}: ${(e as Error).message}`, {
        hint: `Check the permissions of ${dir}, or run \`stsctl clear --all\`.`,
        cause: e,
      });
    }
  }

  async function entries(): Promise<Array<{ file: string; meta: CacheMeta | null }>> {
    let names: string[];
    try {
      names = await fs.readdir(dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw e;
    }
    const out: Array<{ file: string; meta: CacheMeta | null }> = [];
    for (const name of names.filter((n) => n.endsWith(SUFFIX) && !n.startsWith("."))) {
      const file = path.join(dir, name);
      const text = await readText(file).catch(() => null);
      if (text !== null) out.push({ file, meta: decodeMeta(text) });
    }
    return out;
  }

  return {
    backend: opts.backend,

    async get(key) {
      const text = await readText(fileOf(key));
      if (text === null) return null;
      const decoded = decodeEntry(await dataKey(), text);
      if (!decoded || decoded.meta.key !== key) return null;
      const { meta, session } = decoded;
      registerSecret(session.credentials.secretAccessKey);
      registerSecret(session.credentials.sessionToken);
      return { key: meta.key, profile: meta.profile, step: meta.step, session, storedAt: meta.storedAt };
    },

    async put(entry) {
      const text = encodeEntry(
        await dataKey(),
        {
          key: entry.key,
          profile: entry.profile,
          step: entry.step,
          expiration: entry.session.credentials.expiration,
          storedAt: entry.storedAt,
        },
        entry.session,
      );
      try {
        await ensurePrivateDir(dir);
        await writeFileAtomic(fileOf(entry.key), text);
      } catch (e) {
        throw new StoreError(`cannot write the session cache in ${dir}: ${(e as Error).message}`, {
          hint: "Check the directory's permissions and free space, or set STSCTL_KEYRING=none to run without a cache.",
          cause: e,
        });
      }
    },

    async delete(key) {
      try {
        await fs.unlink(fileOf(key));
        return true;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") return false;
        throw e;
      }
    },

    async list() {
      const all = await entries();
      return all.flatMap((e) => (e.meta ? [e.meta] : [])).sort((a, b) => a.profile.localeCompare(b.profile) || a.key.localeCompare(b.key));
    },

    async clear(filter) {
      let removed = 0;
      for (const { file, meta } of await entries()) {
        if (filter && (!meta || !filter(meta))) continue;
        await fs.rm(file, { force: true });
        removed++;
      }
      if (!filter) await removeLeftoverTemps(dir);
      return removed;
    },
  };
}

// Temp files of writers that were killed mid-write.
async function removeLeftoverTemps(dir: string): Promise<void> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  for (const n of names) if (n.startsWith(".") && n.endsWith(".tmp")) await fs.rm(path.join(dir, n), { force: true });
}

/** STSCTL_KEYRING=none (or a keychain that is unavailable): nothing is cached. */
export function noCacheStore(): SessionStore {
  return {
    backend: "none",
    get: async () => null,
    put: async () => undefined,
    delete: async () => false,
    list: async () => [],
    clear: async () => 0,
  };
}
