import { ExitCode } from "../../errors.js";

// One line of `stsctl doctor`: what was looked at, what was found, and for a
// warning or failure the next thing to do.

export type CheckStatus = "ok" | "warn" | "fail";

export interface Check {
  status: CheckStatus;
  /** What was checked: "config file", "profile prod-admin", "STS endpoint". */
  what: string;
  detail: string;
  /** For warn and fail: the fix. */
  fix?: string;
  /** For fail: the exit code of its area (src/errors.ts), doctor's exit code when it is the first failure. */
  exitCode?: ExitCode;
}

export const ok = (what: string, detail: string): Check => ({ status: "ok", what, detail });
export const warn = (what: string, detail: string, fix: string): Check => ({ status: "warn", what, detail, fix });
export const fail = (what: string, detail: string, fix: string, exitCode: ExitCode): Check => ({ status: "fail", what, detail, fix, exitCode });

/** A check that threw: a failure with the error's own message and hint. */
export function failFrom(what: string, e: unknown, fallback: ExitCode): Check {
  const err = e as { message?: string; hint?: string; exitCode?: ExitCode };
  return fail(what, err.message ?? String(e), err.hint ?? "rerun with --debug to see more", err.exitCode ?? fallback);
}

/** Doctor's exit code: 0 when nothing failed, else the first failure's. */
export function exitCodeOf(checks: readonly Check[]): number {
  const first = checks.find((c) => c.status === "fail");
  return first ? (first.exitCode ?? ExitCode.internal) : ExitCode.ok;
}
