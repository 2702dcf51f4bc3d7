import { rmSync } from "node:fs";

/**
 * Removes a test's temporary directory. A stsctl, key agent or shell may still
 * be closing files there, so it retries briefly and then leaves the rest to the
 * OS's temp cleaning: the removal is never what a test proves.
 */
export function removeTempDir(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  } catch {
    // left for the OS's temp cleaning
  }
}
