import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { createDemoWorld, type DemoWorld } from "./demoWorld.js";
import { removeTempDir } from "./removeTempDir.js";
import { startKeyring, type KeyringHarness } from "./keyring.js";
import { startSts, type StsEmulator } from "./sts/index.js";

export interface KeychainWorld {
  /** One real Secret Service for the test file. */
  keyring: KeyringHarness;
  /** A fresh emulator and demo world (temporary HOME) for each test. */
  sts: StsEmulator;
  w: DemoWorld;
  /** The world's environment with the keychain backend on the harness's bus. */
  env: Record<string, string>;
}

/**
 * Registers the hooks every end-to-end test file needs and returns the live
 * fixtures: read them inside tests (they change per test).
 */
export function useKeychainWorld(opts: { env?: () => Record<string, string>; afterEach?: (t: KeychainWorld) => Promise<void> } = {}): KeychainWorld {
  const t = {} as KeychainWorld;
  beforeAll(async () => {
    t.keyring = await startKeyring();
  });
  afterAll(async () => t.keyring?.stop());
  beforeEach(async () => {
    t.sts = await startSts();
    t.w = createDemoWorld(t.sts);
    t.env = { ...t.w.env, ...t.keyring.env, STSCTL_KEYRING: "keychain", ...opts.env?.() };
  });
  afterEach(async () => {
    await opts.afterEach?.(t);
    await t.sts.close();
    // Its key agent, if any, exits once its socket is gone.
    removeTempDir(t.w.home);
  });
  return t;
}
