// Quoting for the generated scripts. Names that become shell words unquoted
// (commands, flags, choices) must be plain words; descriptions are quoted.

import type { ValueKind } from "./model.js";

const PLAIN = /^[A-Za-z0-9_.+-]+$/;

/** A command name, flag or choice, checked to be safe as an unquoted shell word in every shell. */
export function word(s: string): string {
  if (!PLAIN.test(s)) throw new Error(`completion generator: ${JSON.stringify(s)} is not a plain word`);
  return s;
}

/** POSIX (bash, zsh) single quotes. */
export const sq = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

/** fish single quotes: only backslash and quote are special. */
export const fishq = (s: string) => `'${s.replace(/[\\']/g, "\\$&")}'`;

/** A value kind as one plain word: profile, file, command, text, or choices:a,b,c. */
export function kindWord(v: ValueKind): string {
  return v.kind === "choices" ? `choices:${v.choices.map(word).join(",")}` : v.kind;
}
