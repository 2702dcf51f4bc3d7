import type { Keychain } from "./keychain.js";

/** An in-memory Keychain for unit tests; `items` exposes what was stored. */
export function memoryKeychain(initial: Record<string, string> = {}): Keychain & { readonly items: ReadonlyMap<string, string> } {
  const items = new Map(Object.entries(initial));
  return {
    items,
    get: async (account) => items.get(account) ?? null,
    set: async (account, secret) => {
      items.set(account, secret);
    },
    delete: async (account) => items.delete(account),
  };
}
