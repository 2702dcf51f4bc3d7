// Asks for a code on the terminal, as the AWS CLI does (visible input).
import { MfaError } from "../errors.js";
import { TtyReadError, type Tty } from "../io/tty.js";

const DEFAULT_TRIES = 3;
// Long enough for a human to find their phone; short enough that a forgotten prompt
// does not hold the refresh lock for ever.
const DEFAULT_TIMEOUT_MS = 5 * 60_000;

/** What is wrong with `entry` as an MFA code, or null when it is 6 digits. */
export function codeProblem(entry: string): string | null {
  if (entry === "") return "no code entered";
  if (!/^\d+$/.test(entry)) return "an MFA code is digits only";
  if (entry.length !== 6) return `an MFA code has 6 digits, not ${entry.length}`;
  return null;
}

export interface PromptCodeOptions {
  tries?: number;
  timeoutMs?: number;
  /** Why a well-formed code cannot be used (e.g. it was already sent), or null; a refused entry counts as a wrong one. */
  refuse?: (code: string) => Promise<string | null>;
}

/**
 * Prints `Enter MFA code for <serial>: ` on the terminal and reads a 6-digit code
 * (spaces ignored, so "123 456" as apps show it works), re-asking up to `tries` times.
 * Ctrl-C rejects with PromptInterruptedError (exit 130); anything else with MfaError.
 */
export async function promptCode(tty: Tty, serial: string, opts: PromptCodeOptions = {}): Promise<string> {
  const tries = Math.max(1, opts.tries ?? DEFAULT_TRIES);
  for (let attempt = 1; attempt <= tries; attempt++) {
    tty.write(`Enter MFA code for ${serial}: `);
    let entry: string;
    try {
      entry = (await tty.readLine({ timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS })).replace(/\s+/g, "");
    } catch (e) {
      if (!(e instanceof TtyReadError)) throw e;
      throw new MfaError(
        e.reason === "timeout" ? `no MFA code entered for ${serial} in time` : `the terminal closed before an MFA code for ${serial} was entered`,
        { hint: "run the command again and enter the 6-digit code your authenticator shows", cause: e },
      );
    }
    const problem = codeProblem(entry) ?? (await opts.refuse?.(entry)) ?? null;
    if (problem === null) return entry;
    tty.write(attempt < tries ? `${problem}; try again\n` : `${problem}\n`);
  }
  throw new MfaError(`no valid MFA code for ${serial} after ${tries} tries`, {
    hint: "enter the 6 digits your authenticator app shows for this device",
  });
}
