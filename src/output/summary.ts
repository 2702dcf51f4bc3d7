// Human wording for the one-line summaries on stderr ("expires 14:32, in 59m").

/**
 * "expires 14:32, in 59m" with the local wall-clock time (or `timeZone`), or
 * "expired 3m ago, at 14:29" once past. Minutes are floored, so a fresh
 * one-hour session reads "in 59m" a second after issue, never an optimistic "1h".
 */
export function formatExpiry(expiration: Date, now: Date, opts: { timeZone?: string } = {}): string {
  const clock = new Intl.DateTimeFormat("en-GB", {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    ...(opts.timeZone ? { timeZone: opts.timeZone } : {}),
  }).format(expiration);
  const left = Math.floor((expiration.getTime() - now.getTime()) / 1000);
  if (left > 0) return `expires ${clock}, in ${formatDuration(left)}`;
  return `expired ${formatDuration(-left)} ago, at ${clock}`;
}

/** 3600 → "1h", 5400 → "1h 30m", 900 → "15m", 129600 → "36h", 45 → "45s". Floors to minutes. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s}s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h === 0) return `${m}m`;
  return m === 0 ? `${h}h` : `${h}h ${m}m`;
}
