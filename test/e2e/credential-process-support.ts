// Shared by the credential-process end-to-end tests: the output contract,
// clean failures, the session cache files, and a module-load recorder.
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { expect } from "vitest";
import type { CliResult } from "../support/runCli.js";

/** The exact shape of a credential_process answer: one JSON object, these keys in this order, one newline. */
export const PROCESS_JSON =
  /^\{"Version":1,"AccessKeyId":"ASIA[A-Z0-9]{16}","SecretAccessKey":"[A-Za-z0-9/+]{40}","SessionToken":"[A-Za-z0-9/+=]+","Expiration":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"\}\n$/;

export interface ProcessCredentials {
  Version: 1;
  AccessKeyId: string;
  SecretAccessKey: string;
  SessionToken: string;
  Expiration: string;
}

/** Asserts the credential_process contract and returns the parsed credentials. */
export function processJson(r: CliResult, minMinutesLeft = 15): ProcessCredentials {
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout).toMatch(PROCESS_JSON);
  const c = JSON.parse(r.stdout) as ProcessCredentials;
  expect(Object.keys(c)).toEqual(["Version", "AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"]);
  // More than the AWS CLI's 15-minute window left, or it would call again at once.
  expect(Date.parse(c.Expiration) - Date.now()).toBeGreaterThan(minMinutesLeft * 60_000);
  return c;
}

/**
 * A failure a credential_process caller can act on: non-zero exit, EMPTY stdout
 * (no half JSON to parse), the message, a hint line, no stack trace, no secret.
 */
export function expectCleanFailure(r: CliResult, want: { status: number; message: string | RegExp; hint?: boolean; secrets: string[] }): void {
  expect(r.stdout).toBe("");
  expect(r.status, r.stderr).toBe(want.status);
  expect(r.stderr).toMatch(/^error: /m);
  if (typeof want.message === "string") expect(r.stderr).toContain(want.message);
  else expect(r.stderr).toMatch(want.message);
  if (want.hint !== false) expect(r.stderr).toMatch(/^hint: \S.{10,}/m);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  for (const s of want.secrets) expect(r.stderr).not.toContain(s);
}

/** The session cache files of the keychain backend (one per cached step). */
export function sessionFiles(cacheDir: string): string[] {
  const dir = join(cacheDir, "sessions", "keychain");
  try {
    return readdirSync(dir)
      .filter((n) => n.endsWith(".session"))
      .map((n) => join(dir, n))
      .sort();
  } catch {
    return [];
  }
}

/**
 * A key agent (if this build starts one to keep the cache's data key in memory)
 * should not outlive a test's temporary HOME by long: a short idle time.
 */
export const AGENT_TTL = { STSCTL_AGENT_TTL: "10" };

/** The directory holding the node binary running these tests: bin/stsctl starts with `#!/usr/bin/env node`. */
export const NODE_DIR = dirname(process.execPath);
