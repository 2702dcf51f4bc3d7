import type { ShellFormat } from "../output/shellExports.js";

/** The output flags of assume, session-token, saml and oidc (cli.ts outputFlags), typed. */
export interface OutputOptions {
  /** --export: shell exports on stdout, in `shell` syntax (default: detected). */
  export: boolean;
  shell?: ShellFormat;
  /** --json: the credentials as JSON on stdout. */
  json: boolean;
  /** --write [name]: true for the default section name. */
  write?: string | true;
  /** --force: with --write, replace a section stsctl did not write. */
  force: boolean;
}

/** Commander's values of the output flags → OutputOptions. Checks that need a file come later (checkOutputOptions). */
export function outputOptions(opts: Record<string, unknown>): OutputOptions {
  const write = writeFlag(opts.write);
  return {
    export: Boolean(opts.export),
    ...(typeof opts.shell === "string" ? { shell: opts.shell as ShellFormat } : {}),
    json: Boolean(opts.json),
    ...(write !== undefined ? { write } : {}),
    force: opts.force === true,
  };
}

/** `--write [name]` as commander gives it: absent (or negated), bare (true), or a name. */
export function writeFlag(value: unknown): string | true | undefined {
  if (typeof value === "string") return value;
  return value === undefined || value === false ? undefined : true;
}
