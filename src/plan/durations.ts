import { ConfigError, UsageError } from "../errors.js";

/** STS duration limits in seconds (docs/aws-limits.md, "Session durations"). */
export const LIMITS = {
  AssumeRole: { min: 900, default: 3600, max: 43200 },
  GetSessionToken: { min: 900, default: 43200, max: 129600 },
  GetFederationToken: { min: 900, default: 43200, max: 129600 },
  AssumeRoleWithSAML: { min: 900, default: 3600, max: 43200 },
  AssumeRoleWithWebIdentity: { min: 900, default: 3600, max: 43200 },
} as const;
export type LimitedApi = keyof typeof LIMITS;

/** AWS caps role sessions obtained with role-session or GetSessionToken credentials at one hour. */
export const CHAINED_MAX = 3600;

/** "900", "15m", "1h", "1h30m", "36h", "2h 5m 10s" → seconds. */
export function parseDuration(text: string): number {
  const t = text.trim().toLowerCase();
  if (/^\d+$/.test(t)) return Number(t);
  const m = /^(?:(\d+)\s*h)?\s*(?:(\d+)\s*m)?\s*(?:(\d+)\s*s)?$/.exec(t);
  if (!t || !m || (m[1] === undefined && m[2] === undefined && m[3] === undefined)) {
    throw new UsageError(`"${text}" is not a duration`, { hint: "use seconds (3600) or a form like 15m, 1h, 1h30m, 36h" });
  }
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

/** 5400 → "1h30m"; used in plans and reasons. */
export function showDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return [h ? `${h}h` : "", m ? `${m}m` : "", s || (!h && !m) ? `${s}s` : ""].join("");
}

/**
 * Checks a requested duration against an API's range, with AWS's own wording for
 * the minimum. `source` is a flag ("--duration") or a config location: a value
 * from a file is a configuration error (exit 3), one from a flag a usage error.
 */
export function checkRange(api: LimitedApi, seconds: number, source: string): void {
  const { min, max } = LIMITS[api];
  const Err = source.startsWith("-") ? UsageError : ConfigError;
  if (seconds < min) {
    throw new Err(`${source}: ${showDuration(seconds)} is below the ${api} minimum of 15m (Member must have value greater than or equal to ${min})`, {
      hint: `ask for at least ${min} seconds (15m)`,
    });
  }
  if (seconds > max) {
    throw new Err(`${source}: ${showDuration(seconds)} is above the ${api} maximum of ${showDuration(max)}`, {
      hint: `ask for at most ${max} seconds (${showDuration(max)})`,
    });
  }
}
