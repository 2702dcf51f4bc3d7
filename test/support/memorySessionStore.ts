import type { CacheEntry, CacheMeta, SessionStore, StoreBackend } from "../../src/store/sessionStore.js";

export interface MemorySessionStore extends SessionStore {
  readonly entries: ReadonlyMap<string, CacheEntry>;
  /** How often each method was called, so a test can say "the store was never touched". */
  readonly calls: { get: number; put: number; delete: number; list: number; clear: number };
  /** Stores an entry without counting it as a call (a test's setup, or "another process"). */
  seed(entry: CacheEntry): void;
}

/**
 * A SessionStore in a Map, for in-process engine tests: the same contract as the
 * encrypted store (get → entry or null, put replaces), without files or keys.
 * `failPut` makes put throw what it returns, as a full disk would.
 */
export function memorySessionStore(opts: { backend?: StoreBackend; failPut?: (entry: CacheEntry) => Error } = {}): MemorySessionStore {
  const entries = new Map<string, CacheEntry>();
  const calls = { get: 0, put: 0, delete: 0, list: 0, clear: 0 };
  // Copies in and out: a caller mutating what it got must not change what is stored.
  const copy = (e: CacheEntry): CacheEntry => structuredClone(e);
  const meta = (e: CacheEntry): CacheMeta => ({
    key: e.key,
    profile: e.profile,
    step: e.step,
    expiration: e.session.credentials.expiration,
    storedAt: e.storedAt,
  });
  return {
    backend: opts.backend ?? "keychain",
    entries,
    calls,
    seed: (entry) => void entries.set(entry.key, copy(entry)),
    async get(key) {
      calls.get++;
      const e = entries.get(key);
      return e ? copy(e) : null;
    },
    async put(entry) {
      calls.put++;
      if (opts.failPut) throw opts.failPut(entry);
      entries.set(entry.key, copy(entry));
    },
    async delete(key) {
      calls.delete++;
      return entries.delete(key);
    },
    async list() {
      calls.list++;
      return [...entries.values()].map(meta);
    },
    async clear(filter) {
      calls.clear++;
      let removed = 0;
      for (const e of [...entries.values()]) {
        if (filter && !filter(meta(e))) continue;
        entries.delete(e.key);
        removed++;
      }
      return removed;
    },
  };
}
