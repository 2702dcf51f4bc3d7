// Environment exports for `stsctl env` / `assume --export`: pure text, one
// assignment per line. Quoting is the security boundary here: the output is
// fed to `eval`, so every value must come back byte for byte and can never
// end a quote early.

import type { AwsCredentials } from "../credentials.js";
import { UsageError } from "../errors.js";
import { toIsoSeconds } from "./isoSeconds.js";

export type ShellFormat = "bash" | "zsh" | "fish" | "powershell" | "cmd" | "dotenv" | "env-no-export" | "json";

/** Variables that would shadow an exported session; shell formats unset them. */
export const UNSET_ON_EXPORT = ["AWS_PROFILE", "AWS_SECURITY_TOKEN"];

/** The credential variables a session sets (see sessionVars): a child or shell must not keep stale ones. */
export const CREDENTIAL_VARS = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_CREDENTIAL_EXPIRATION"];

/** Everything `env`/`unset` take back: the credentials, the region, what exports unset, and the shell's STSCTL_PROFILE. */
export const SESSION_VARIABLES = [...CREDENTIAL_VARS, "AWS_REGION", "AWS_DEFAULT_REGION", ...UNSET_ON_EXPORT, "STSCTL_PROFILE"];

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
// With the u flag a valid surrogate pair is one code point, so only lone halves match.
const LONE_SURROGATE = /\p{Cs}/u;

/** The variables of a session, in a stable order. */
export function sessionVars(creds: AwsCredentials, opts: { region?: string } = {}): Record<string, string> {
  const vars: Record<string, string> = {
    AWS_ACCESS_KEY_ID: creds.accessKeyId,
    AWS_SECRET_ACCESS_KEY: creds.secretAccessKey,
  };
  if (creds.sessionToken) vars.AWS_SESSION_TOKEN = creds.sessionToken;
  if (creds.expiration) vars.AWS_CREDENTIAL_EXPIRATION = toIsoSeconds(creds.expiration);
  if (opts.region) {
    vars.AWS_REGION = opts.region;
    vars.AWS_DEFAULT_REGION = opts.region;
  }
  return vars;
}

/**
 * Assignments (and unsets, which come first so they never undo an assignment)
 * in the syntax of `format`. Names must be portable identifiers. Values may be
 * anything an environment variable can hold in bash/zsh/fish/PowerShell;
 * cmd and dotenv have no lossless quoting, so values they cannot carry
 * exactly are refused (STS credentials and region names never hit this).
 * `unset` is ignored by dotenv, env-no-export and json, which have no such notion.
 */
export function formatExports(vars: Record<string, string>, format: ShellFormat, opts: { unset?: string[] } = {}): string {
  const entries = Object.entries(vars);
  for (const [name, value] of entries) {
    checkName(name);
    checkValue(name, value);
  }
  const unset = (opts.unset ?? []).filter((n) => !Object.hasOwn(vars, n));
  for (const name of unset) checkName(name);

  if (format === "json") return JSON.stringify(vars, null, 2) + "\n";
  const lines: string[] = [];
  switch (format) {
    case "bash":
    case "zsh":
      for (const n of unset) lines.push(`unset ${n}`);
      for (const [n, v] of entries) lines.push(`export ${n}=${posixQuote(v)}`);
      break;
    case "env-no-export":
      for (const [n, v] of entries) lines.push(`${n}=${posixQuote(v)}`);
      break;
    case "fish":
      // `set -e` of an unset variable reports 4, which would make `| source` look failed.
      for (const n of unset) lines.push(`set -e ${n}; or true`);
      for (const [n, v] of entries) lines.push(`set -gx ${n} ${fishQuote(v)}`);
      break;
    case "powershell":
      for (const n of unset) lines.push(`Remove-Item Env:${n} -ErrorAction SilentlyContinue`);
      for (const [n, v] of entries) lines.push(`$Env:${n} = ${powershellQuote(v)}`);
      break;
    case "cmd":
      for (const n of unset) lines.push(`set ${n}=`);
      for (const [n, v] of entries) lines.push(`set "${n}=${cmdEscape(n, v)}"`);
      // Batch files are safest with CRLF (label and parser quirks with bare LF).
      return lines.map((l) => `${l}\r\n`).join("");
    case "dotenv":
      for (const [n, v] of entries) lines.push(`${n}=${dotenvQuote(n, v)}`);
      break;
    default:
      throw new UsageError(`unknown output format "${String(format)}"`, {
        hint: "use one of bash, zsh, fish, powershell, cmd, dotenv, env-no-export, json",
      });
  }
  return lines.map((l) => `${l}\n`).join("");
}

/**
 * The shell to format for when the user did not say: the shell that ran stsctl
 * (`parent`, the name of the parent process: fish started from bash keeps
 * SHELL=/bin/bash), else $SHELL's name (Git Bash and MSYS set it on Windows
 * too); on Windows otherwise PowerShell when PSModulePath carries the per-user
 * entries PowerShell adds (cmd inherits only the two system ones), else cmd.
 * Defaults to bash. A heuristic: --shell wins.
 */
export function detectShell(env: Record<string, string | undefined> = process.env, platform: NodeJS.Platform = process.platform, parent?: string): ShellFormat {
  const fromShell = shellFromPath(parent) ?? shellFromPath(env.SHELL);
  if (fromShell) return fromShell;
  if (platform === "win32") {
    const psPaths = (env.PSModulePath ?? "").split(";").filter((p) => p.trim() !== "");
    return psPaths.length >= 3 ? "powershell" : "cmd";
  }
  return "bash";
}

function shellFromPath(path: string | undefined): ShellFormat | undefined {
  if (!path) return undefined;
  const base =
    path
      .split(/[\\/]/)
      .pop()
      ?.toLowerCase()
      // A login shell's name starts with "-" (macOS `ps -o comm=` shows "-zsh").
      .replace(/^-/, "")
      .replace(/\.exe$/, "") ?? "";
  if (base === "zsh" || base === "fish" || base === "bash") return base;
  if (base === "pwsh" || base === "powershell") return "powershell";
  if (base === "sh" || base === "dash" || base === "ksh" || base === "mksh") return "bash";
  return undefined;
}

function checkName(name: string): void {
  if (!NAME.test(name)) {
    throw new UsageError(`invalid environment variable name "${name}"`, {
      hint: "names must start with a letter or underscore and contain only letters, digits and underscores",
    });
  }
}

function checkValue(name: string, value: string): void {
  // The environment is a C string: no NUL; and a lone surrogate has no UTF-8 form.
  if (value.includes("\0") || LONE_SURROGATE.test(value)) {
    throw new UsageError(`the value of ${name} cannot be placed in an environment variable`, {
      hint: "it contains a NUL character or invalid Unicode",
    });
  }
}

/** POSIX single quotes: nothing is special inside; a quote is closed, escaped, reopened. */
function posixQuote(v: string): string {
  return `'${v.replaceAll("'", `'\\''`)}'`;
}

/** fish single quotes: only backslash and quote are special, both backslash-escaped. */
function fishQuote(v: string): string {
  return `'${v.replace(/[\\']/g, "\\$&")}'`;
}

/**
 * A PowerShell expression whose text is printable ASCII only: runs of
 * printable ASCII in verbatim quotes (' doubled), every other character as
 * [char]0xXXXX (or ConvertFromUtf32 beyond the BMP), joined with +. Why:
 * `stsctl env | Invoke-Expression` runs each output line on its own, so a
 * literal line break in a value would end the statement; and Windows
 * PowerShell decodes native output in the console code page, where UTF-8
 * bytes can turn into typographic quotes (0x91/0x92 in CP1252), which
 * PowerShell accepts as string delimiters. Works in Windows PowerShell 5.1
 * and PowerShell 7. The leading '' keeps + a string concatenation.
 */
function powershellQuote(v: string): string {
  if (v === "") return "''";
  const parts: string[] = [];
  for (const m of v.matchAll(/[\x20-\x7e]+|[\s\S]/gu)) {
    const run = m[0];
    const cp = run.codePointAt(0)!;
    if (/^[\x20-\x7e]+$/.test(run)) parts.push(`'${run.replaceAll("'", "''")}'`);
    else if (cp > 0xffff) parts.push(`[char]::ConvertFromUtf32(0x${cp.toString(16).toUpperCase()})`);
    else parts.push(`[char]0x${cp.toString(16).toUpperCase().padStart(4, "0")}`);
  }
  if (!parts[0]!.startsWith("'")) parts.unshift("''");
  return parts.join(" + ");
}

/**
 * For a batch file run with `call`: inside `set "K=v"` only % (doubled) is
 * special. A quote would end the quoted region and expose & | < >, ! means
 * something only when delayed expansion is on, and a line break ends the
 * command: those values are refused rather than guessed at.
 */
function cmdEscape(name: string, v: string): string {
  if (/["!\r\n]/.test(v)) {
    throw new UsageError(`the value of ${name} cannot be written safely for cmd.exe`, {
      hint: 'it contains a double quote, "!" or a line break; use --format powershell or json',
    });
  }
  return v.replaceAll("%", "%%");
}

/**
 * dotenv dialects disagree on escapes, so use only what they all read the same
 * way: bare words, else single quotes (literal everywhere); refuse the rest.
 */
function dotenvQuote(name: string, v: string): string {
  if (/^[A-Za-z0-9_./:+=@,-]*$/.test(v)) return v;
  if (!/['\r\n]/.test(v)) return `'${v}'`;
  throw new UsageError(`the value of ${name} cannot be written losslessly in dotenv format`, {
    hint: "it contains a single quote or a line break; use --format json",
  });
}
