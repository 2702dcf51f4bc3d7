// The exports are run by the real bash, zsh and fish: every value must come
// back byte for byte, both as a shell variable and in a child's environment,
// and no value may ever run a command.

import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { formatExports, sessionVars, UNSET_ON_EXPORT } from "../../src/output/shellExports.js";
import { parseEnv0, runShell, type RealShell } from "../support/shells.js";

const shells = ["bash", "zsh", "fish"] as const satisfies readonly RealShell[];
const canary = mkdtempSync(join(tmpdir(), "stsctl-canary-"));
afterAll(() => rmSync(canary, { recursive: true, force: true }));
/** Empties the canary directory, so each check (and each shrink step) stands alone. */
function resetCanary(): void {
  for (const f of readdirSync(canary)) rmSync(join(canary, f), { force: true });
}

// Attempts to break out of each shell's quoting; any success creates a file in `canary`.
const injections = [
  `$(touch ${canary}/cmdsubst)`,
  "`touch " + canary + "/backtick`",
  `'; touch ${canary}/squote; '`,
  `\\'; touch ${canary}/fishescape; echo '`,
  `'\\''; touch ${canary}/posixescape #`,
  `(touch ${canary}/fishsubst)`,
  `"; touch ${canary}/dquote; "`,
  `\ntouch ${canary}/newline\n`,
  `'\ntouch ${canary}/quotenewline\n'`,
  `\\\ntouch ${canary}/continuation`,
];
const nasty = [
  "'",
  '"',
  "$",
  "`",
  "\\",
  "\n",
  "\r",
  "\t",
  " ",
  "%",
  "!",
  ";",
  "&",
  "|",
  "(",
  ")",
  "{",
  "}",
  "<",
  ">",
  "*",
  "?",
  "[",
  "]",
  "~",
  "#",
  "=",
  "^",
  ",",
  "$IFS",
  "${HOME}",
  "!!",
  "é",
  "ß",
  "漢",
  "😀",
  "\u2019",
  "\u00a0",
  "\u202e",
  "\ufeff",
  "\ufdd0",
  "\uf600",
  "\u0001",
  "\u001b",
  "\u007f",
  "\u0085",
  "\u2028",
  "\ud83d\ude00",
];

const unit = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...nasty) },
  { weight: 4, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.constantFrom(...injections) },
);
// The environment cannot hold NUL, and a lone surrogate has no UTF-8 form: formatExports refuses both.
const value = fc.string({ unit, maxLength: 30 }).filter((v) => !v.includes("\0") && !/\p{Cs}/u.test(v));

/** Script: the exports, then each variable printf'd NUL-terminated, then `env -0`. */
function roundTripScript(vals: string[], shell: (typeof shells)[number]): string {
  const vars = Object.fromEntries(vals.map((v, i) => [`STSCTL_FUZZ_${i}`, v]));
  const prints = vals.map((_, i) => `printf '%s\\0' "$STSCTL_FUZZ_${i}"\n`).join("");
  return formatExports(vars, shell) + prints + "env -0\n";
}

function checkRoundTrip(vals: string[], stdout: string): void {
  const fields = stdout.split("\0");
  expect(fields.slice(0, vals.length)).toEqual(vals);
  const env = parseEnv0(fields.slice(vals.length).join("\0"));
  expect(vals.map((_, i) => env.get(`STSCTL_FUZZ_${i}`))).toEqual(vals);
}

describe.each(shells)("exports evaluated by the real %s", (shell) => {
  it("round-trip any value exactly and never run a command (property, 100 values)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(value, { minLength: 25, maxLength: 25 }), async (vals) => {
        resetCanary();
        const r = await runShell(shell, roundTripScript(vals, shell));
        expect(r.stderr).toBe("");
        expect(r.code).toBe(0);
        checkRoundTrip(vals, r.stdout);
        expect(readdirSync(canary)).toEqual([]);
      }),
      { numRuns: 4 },
    );
  }, 120_000);

  it("carry every injection attempt as plain data", async () => {
    resetCanary();
    const r = await runShell(shell, roundTripScript(injections, shell));
    expect(r.stderr).toBe("");
    checkRoundTrip(injections, r.stdout);
    expect(readdirSync(canary)).toEqual([]);
  });

  it("work the way users run them (eval / source) and unset AWS_PROFILE and AWS_SECURITY_TOKEN", async () => {
    const creds = {
      accessKeyId: "ASIAEXAMPLEKEY",
      secretAccessKey: "wJalr/K7MDENG+bPxRfiCY=",
      sessionToken: "IQoJb3JpZ2luX2VjE//+tok==",
      expiration: new Date("2026-11-22T14:32:00Z"),
    };
    const vars = { ...sessionVars(creds, { region: "eu-west-1" }), STSCTL_ODD: "it's $HOME `x`\nline 2" };
    const out = formatExports(vars, shell, { unset: UNSET_ON_EXPORT });
    // The output reaches the shell as data (an env var), the way $(stsctl env) would.
    const use = shell === "fish" ? 'printf %s "$STSCTL_OUT" | source\n' : 'eval "$STSCTL_OUT"\n';
    const r = await runShell(shell, `${use}env -0\n`, {
      env: { STSCTL_OUT: out, AWS_PROFILE: "stale", AWS_SECURITY_TOKEN: "legacy" },
    });
    expect(r.stderr).toBe("");
    const env = parseEnv0(r.stdout);
    for (const [k, v] of Object.entries(vars)) expect(env.get(k)).toBe(v);
    expect(env.has("AWS_PROFILE")).toBe(false);
    expect(env.has("AWS_SECURITY_TOKEN")).toBe(false);
  });

  it("unset variables that are not set without reporting failure", async () => {
    const out = formatExports({}, shell, { unset: UNSET_ON_EXPORT });
    const use = shell === "fish" ? 'printf %s "$STSCTL_OUT" | source\necho "status=$status"\n' : 'eval "$STSCTL_OUT"\necho "status=$?"\n';
    const r = await runShell(shell, use, { env: { STSCTL_OUT: out } });
    expect(r.stdout.trim()).toBe("status=0");
  });
});
