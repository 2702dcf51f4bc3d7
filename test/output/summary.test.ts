import { describe, expect, it } from "vitest";
import { formatDuration, formatExpiry } from "../../src/output/summary.js";

describe("formatDuration", () => {
  it.each([
    [3600, "1h"],
    [5400, "1h 30m"],
    [900, "15m"],
    [129_600, "36h"],
    [3900, "1h 5m"],
    [129_599, "35h 59m"],
    [3599, "59m"],
    [59, "59s"],
    [0, "0s"],
    [-5, "0s"],
  ])("%i s → %s", (s, want) => expect(formatDuration(s)).toBe(want));
});

describe("formatExpiry", () => {
  const now = new Date("2026-11-22T13:32:30Z");
  const utc = { timeZone: "UTC" };
  it("gives the local clock time and the time left, floored", () => {
    expect(formatExpiry(new Date("2026-11-22T14:32:29Z"), now, utc)).toBe("expires 14:32, in 59m");
    expect(formatExpiry(new Date("2026-11-22T14:37:30Z"), now, utc)).toBe("expires 14:37, in 1h 5m");
    expect(formatExpiry(new Date("2026-11-24T01:32:29Z"), now, utc)).toBe("expires 01:32, in 35h 59m");
    expect(formatExpiry(new Date("2026-11-22T13:33:00Z"), now, utc)).toBe("expires 13:33, in 30s");
  });
  it("uses the given time zone (24-hour clock)", () => {
    const exp = new Date("2026-11-22T14:32:29Z");
    expect(formatExpiry(exp, now, { timeZone: "Asia/Kolkata" })).toBe("expires 20:02, in 59m");
    expect(formatExpiry(exp, now, { timeZone: "America/Los_Angeles" })).toBe("expires 06:32, in 59m");
  });
  it("says how long ago a session expired", () => {
    expect(formatExpiry(new Date("2026-11-22T13:29:30Z"), now, utc)).toBe("expired 3m ago, at 13:29");
    expect(formatExpiry(now, now, utc)).toBe("expired 0s ago, at 13:32");
  });
});
