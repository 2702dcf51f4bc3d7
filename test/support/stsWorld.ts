import { afterEach, beforeEach } from "vitest";
import { createDemoWorld, type DemoWorld } from "./demoWorld.js";
import { removeTempDir } from "./removeTempDir.js";
import { startSts, type StsEmulator } from "./sts/index.js";

export interface StsWorld {
  /** A fresh emulator and demo world (temporary HOME) for each test. */
  sts: StsEmulator;
  w: DemoWorld;
  /** The world's environment, with `env()`'s additions. */
  env: Record<string, string>;
}

/** Registers the hooks of an end-to-end test without a keychain; read the fixtures inside tests (they change per test). */
export function useStsWorld(opts: { env?: () => Record<string, string> } = {}): StsWorld {
  const t = {} as StsWorld;
  beforeEach(async () => {
    t.sts = await startSts();
    t.w = createDemoWorld(t.sts);
    t.env = { ...t.w.env, ...opts.env?.() };
  });
  afterEach(async () => {
    await t.sts.close();
    removeTempDir(t.w.home);
  });
  return t;
}
