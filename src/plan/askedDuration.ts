import type { Profile } from "../config/profile.js";
import { checkRange, LIMITS, showDuration, type LimitedApi } from "./durations.js";

/** A duration the user asked for, and where (a flag, or the config line that set it). */
export interface AskedDuration {
  s: number;
  from: string;
}

/** --duration, else the requested profile's duration_seconds. */
export function askedDuration(flag: number | undefined, top: Profile): AskedDuration | undefined {
  if (flag !== undefined) return { s: flag, from: "--duration" };
  if (top.durationSeconds !== undefined) return { s: top.durationSeconds, from: top.where.duration_seconds ?? "duration_seconds" };
  return undefined;
}

/** The reason for a step's duration: what was asked, else the API's default. */
export function durationReason(seconds: number, asked: AskedDuration | undefined, api: LimitedApi): string {
  if (asked) return `duration ${showDuration(seconds)}: from ${asked.from}`;
  const saml = api === "AssumeRoleWithSAML" ? ", unless the assertion's SessionDuration says otherwise" : "";
  return `duration ${showDuration(seconds)}: ${api} default${saml}`;
}

/**
 * A step's duration: on the last step what was asked, checked against the API's
 * range; else the API's default (the ask is for the credentials the user gets).
 */
export function stepDuration(api: LimitedApi, asked: AskedDuration | undefined, last: boolean): number {
  if (!(last && asked)) return LIMITS[api].default;
  checkRange(api, asked.s, asked.from);
  return asked.s;
}
