/**
 * The refresh window for a session that lasts `lifetimeSeconds` as issued: a cached
 * session with less left is renewed. It is the configured window (STSCTL_MIN_TTL,
 * 15 minutes by default), but never more than a third of the session: a 15-minute
 * session is born inside a 15-minute window and would be renewed on every call
 * (docs/aws-limits.md, "credential_process").
 */
export function refreshWindow(minTtlSeconds: number, lifetimeSeconds: number): number {
  return Math.min(minTtlSeconds, Math.floor(lifetimeSeconds / 3));
}
