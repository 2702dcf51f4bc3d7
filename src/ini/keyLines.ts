// Single-key edits inside one section of an AWS INI file, as text: the
// section-level splice (ini/iniSplice.ts) replaces whole bodies, which
// would drop the user's other keys, comments and spacing. Every byte outside
// the lines named here stays as it was. Keys are read the way the config
// reader (ini/parseIni.ts) reads them, from the same line classifier
// (ini/classifyLine.ts): lower-cased, inline comments after whitespace
// dropped, indented lines after an empty `key =` belonging to it.

import { ConfigError, UsageError } from "../errors.js";
import { findSection, upsertSection } from "./iniSplice.js";
import { detectEol, textLines } from "./textLines.js";

export interface KeyLine {
  key: string;
  value: string;
  /** Offset of the line. */
  start: number;
  /** Offset after its text (and that of any nested lines), before the last line break. */
  textEnd: number;
  /** Offset after its last line break. */
  end: number;
}

/** The `key = value` lines of section [header] (none when it is absent), duplicates included. */
export function keyLines(text: string, header: string): KeyLine[] {
  const section = findSection(text, header);
  if (!section) return [];
  const keys: KeyLine[] = [];
  let nested: KeyLine | undefined;
  for (const l of textLines(text, section.bodyStart, section.end)) {
    if (l.kind === "blank" || l.kind === "comment") continue;
    if (nested && l.indented) {
      nested.textEnd = l.textEnd;
      nested.end = l.end;
      continue;
    }
    if (l.kind !== "key") continue;
    const kl = { key: l.key, value: l.value, start: l.start, textEnd: l.textEnd, end: l.end };
    keys.push(kl);
    nested = kl.value === "" ? kl : undefined;
  }
  return keys;
}

/** The line of `key` in [header], if any. A key set twice is refused: the AWS CLI rejects such a file, and which one to edit is a guess. */
export function keyLine(text: string, header: string, key: string): KeyLine | undefined {
  const found = keyLines(text, header).filter((k) => k.key === key);
  if (found.length > 1) {
    throw new ConfigError(`[${header}] sets ${key} ${found.length} times`, { hint: "remove all but one by hand; the AWS CLI refuses such a file" });
  }
  return found[0];
}

/**
 * Sets `key = value` in section [header]: the key's line is replaced where it
 * is, or a line is added after the section's last one, or (no section) the
 * section is appended.
 */
export function setKey(text: string, header: string, key: string, value: string): string {
  if (!/^[a-z0-9_.-]+$/.test(key) || /[\x00-\x1f\x7f]/.test(value) || value.trim() !== value) {
    throw new UsageError(`cannot write ${key} = ${JSON.stringify(value)} to an INI file`);
  }
  const section = findSection(text, header);
  if (!section) return upsertSection(text, header, [[key, value]]);
  const line = `${key} = ${value}`;
  const existing = keyLine(text, header, key);
  if (existing) return text.slice(0, existing.start) + line + text.slice(existing.textEnd);
  const eol = detectEol(text);
  const at = section.end;
  const needsBreak = at > 0 && !/[\r\n]$/.test(text.slice(0, at));
  return text.slice(0, at) + (needsBreak ? eol : "") + line + eol + text.slice(at);
}

/** Removes the lines of `keys` from section [header] (each with its line break). */
export function removeKeys(text: string, header: string, keys: string[]): string {
  const gone = keys.flatMap((key) => keyLine(text, header, key) ?? []).sort((a, b) => a.start - b.start);
  let out = text;
  for (const k of gone.reverse()) out = out.slice(0, k.start) + out.slice(k.end);
  return out;
}

/** Replaces the header line of [header] with `comment` (one comment line), keeping its line break. */
export function replaceHeader(text: string, header: string, comment: string): string {
  const section = findSection(text, header);
  if (!section) return text;
  const headerLine = textLines(text, section.start, section.bodyStart)[0]!;
  return text.slice(0, headerLine.start) + comment + text.slice(headerLine.textEnd);
}
