import { fileURLToPath } from "node:url";

/**
 * Node arguments that start the keychain helper from its source (osKeychain's `helper`,
 * openStores' `keychainHelper`), for tests that open the keychain in process; the
 * binary uses the built dist/keychainHelper.cjs. tsx resolves from the repository
 * root, where vitest runs.
 */
export const KEYCHAIN_HELPER = ["--import", "tsx", fileURLToPath(new URL("../../src/entry/keychainHelper.ts", import.meta.url))];
