import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";

/**
 * A temporary HOME with an empty AWS config (only `[default]` with a region) for
 * a test file, removed after it; `env()` runs stsctl there with no cache and no agent.
 */
export function useEmptyHome(prefix: string): { home: string; env: (extra?: Record<string, string>) => Record<string, string> } {
  const home = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(join(home, ".aws"), { mode: 0o700 });
  writeFileSync(join(home, ".aws", "config"), "[default]\nregion = us-east-1\n");
  writeFileSync(join(home, ".aws", "credentials"), "", { mode: 0o600 });
  afterAll(() => rmSync(home, { recursive: true, force: true }));
  const env = (extra: Record<string, string> = {}) => ({
    HOME: home,
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    AWS_CONFIG_FILE: join(home, ".aws", "config"),
    AWS_SHARED_CREDENTIALS_FILE: join(home, ".aws", "credentials"),
    STSCTL_CACHE_DIR: join(home, "cache"),
    STSCTL_DATA_DIR: join(home, "data"),
    STSCTL_KEYRING: "none",
    STSCTL_AGENT: "0",
    ...extra,
  });
  return { home, env };
}
