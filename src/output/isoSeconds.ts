/**
 * ISO 8601 UTC without fractional seconds ("2026-11-22T01:33:36Z"), the form
 * STS itself returns and every AWS SDK parses. Throws on an invalid Date so a
 * broken expiry never reaches a caller as "Invalid Date".
 */
export function toIsoSeconds(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError("invalid Date for an expiration time");
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
