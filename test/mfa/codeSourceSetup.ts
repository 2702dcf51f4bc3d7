// The MFA code source with real processes, files and TOTP, for the tests in this directory.
import type { Tty } from "../../src/io/tty.js";
import { createLogger } from "../../src/io/log.js";
import { createMfaCodeSource, type MfaCodeSourceDeps } from "../../src/mfa/mfaCodeSource.js";

export const SERIAL = "arn:aws:iam::123456789012:mfa/alice";
export const SEED = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"; // RFC 6238's SHA-1 test seed
export const WINDOW = 57_000_000; // a 30-second window in 2024

export interface SourceOptions {
  seed?: string | (() => Promise<string | null>);
  at?: number;
  /** Lines the user types at the terminal, one per prompt; without any there is no terminal. */
  typed?: string[];
}

/** Real processes, files and TOTP; a settable clock whose sleep moves time; a log we can read; no terminal unless asked. */
export function setupSource(stateDir: string, opts: SourceOptions = {}) {
  let now = opts.at ?? WINDOW * 30_000 + 18_000; // 18 s into the window
  const logged: string[] = [];
  const sleeps: number[] = [];
  const seedLookups: string[] = [];
  let ttyOpens = 0;
  // A terminal where the user types `typed`, one line per prompt; none once they are all used.
  const typed = [...(opts.typed ?? [])];
  const shown: string[] = [];
  const fakeTty: Tty = { write: (t) => void shown.push(t), readLine: async () => typed.shift() ?? "", close: () => undefined };
  const deps: MfaCodeSourceDeps = {
    env: { PATH: process.env.PATH },
    now: () => new Date(now),
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    log: createLogger({ debug: true, write: (s) => void logged.push(s) }),
    seeds: {
      get: async (name) => {
        seedLookups.push(name);
        if (typeof opts.seed === "function") return opts.seed();
        return opts.seed ?? null;
      },
    },
    openTty: (): Tty | null => {
      ttyOpens++;
      return typed.length > 0 ? fakeTty : null;
    },
    stateDir,
  };
  return {
    source: createMfaCodeSource(deps),
    logged,
    sleeps,
    seedLookups,
    ttyOpens: () => ttyOpens,
    shown,
    now: () => now,
  };
}

export async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected a rejection");
}
