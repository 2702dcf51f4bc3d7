// The shape of the command table (src/cli/commandTable.ts): plain data that
// src/cli/buildProgram.ts turns into commander commands.

/** A flag as commander spells it ("--duration <d>", "--write [name]", "--no-cache"), and its help line. */
export type FlagDecl = readonly [flags: string, description: string, extra?: FlagExtra];

export interface FlagExtra {
  /** The only values accepted (commander checks them). */
  choices?: readonly string[];
  /** May be given more than once: the values collect into an array. */
  repeatable?: true;
}

/** A positional argument as commander spells it ("<profile>", "[command...]"), or one with fixed choices. */
export type ArgDecl = string | { readonly name: string; readonly choices: readonly string[] };

export interface CommandDecl {
  readonly name: string;
  readonly description?: string;
  readonly args?: readonly ArgDecl[];
  readonly flags?: readonly FlagDecl[];
  /** Printed after the generated help (examples, related config). */
  readonly helpAfter?: string;
  /** For stsctl's own scripts: hidden, no --help, unknown options passed through to the command. */
  readonly internal?: true;
  readonly subcommands?: readonly CommandDecl[];
}
