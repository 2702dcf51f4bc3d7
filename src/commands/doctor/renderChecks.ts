import type { Check } from "./check.js";

// The report: one line per check, `ok|warn|fail  <what>  <detail>`, and under a
// warning or failure its fix. Names and values come from files and the
// environment: control characters are written as escapes so they forge no lines.

const UNSAFE = /[\p{Cc}\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;
const safe = (s: string) => s.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

export function renderChecks(checks: readonly Check[]): string {
  const width = Math.max(0, ...checks.map((c) => safe(c.what).length));
  return checks
    .map((c) => {
      const line = `${c.status.padEnd(4)}  ${safe(c.what).padEnd(width)}  ${safe(c.detail)}`;
      return c.fix && c.status !== "ok" ? `${line}\n${" ".repeat(6)}fix: ${safe(c.fix)}` : line;
    })
    .join("\n")
    .concat("\n");
}

/** The checks as JSON (stdout of --json): each check, and how many warned and failed. */
export function checksJson(checks: readonly Check[]): string {
  const list = checks.map(({ status, what, detail, fix }) => ({ status, what, detail, ...(fix && status !== "ok" ? { fix } : {}) }));
  const count = (s: Check["status"]) => checks.filter((c) => c.status === s).length;
  return `${JSON.stringify({ ok: count("fail") === 0, failed: count("fail"), warnings: count("warn"), checks: list }, null, 2)}\n`;
}
