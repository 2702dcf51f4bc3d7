// Lossless editing of ~/.aws/credentials and ~/.aws/config as text. Parsers
// (the `ini` package included) drop comments and spacing, so edits splice the
// original string instead: every byte outside the replaced section is kept,
// including comments, odd spacing, CRLF, a BOM and a missing final newline.
//
// Lines are classified, and sections named, as the config reader does and as
// the AWS CLI reads them (classifyLine.ts, sectionName.ts): "[ x ]" is the
// section " x ", not "x"; "[profile  x ]" is "profile x", and so, here, is
// `[profile "x"]`: the AWS CLI reads it as that profile too.
//
// Duplicated headers: configparser refuses the whole file ("Unable to parse
// config file") and the JS SDK merges them with later keys winning. Editing
// one copy would leave the file meaning something different to each tool, so
// every function here refuses with a ConfigError naming the lines instead.

import { ConfigError, UsageError } from "../errors.js";
import { sectionKey } from "./sectionName.js";
import { detectEol, lineAt, textLines } from "./textLines.js";

export interface IniSection {
  /** The name as the AWS tools read it (see above), e.g. "prod" or "profile prod". */
  name: string;
  /** 1-based line number of the header. */
  line: number;
  /** Offset of the header line. */
  start: number;
  /** Offset just past the header line and its line break. */
  bodyStart: number;
  /**
   * Offset just past the section's last key line. Trailing comments and blank
   * lines usually describe what follows, so they are left outside; so is
   * anything after a blank line when the section holds only comments.
   */
  end: number;
}

/** The section, or undefined when absent. Throws ConfigError if it appears more than once. */
export function findSection(text: string, name: string): IniSection | undefined {
  const want = sectionKey(name);
  const lines = textLines(text);
  const found = lines.flatMap((l, i) => (l.kind === "header" && sectionKey(l.name) === want ? [i] : []));
  if (found.length > 1) {
    throw new ConfigError(`section [${name}] appears ${found.length} times (lines ${found.map((i) => i + 1).join(", ")})`, {
      hint: "merge them into one section by hand; the AWS CLI refuses to read a file with duplicated sections",
    });
  }
  const first = found[0];
  if (first === undefined) return undefined;
  const header = lines[first]!;
  let end = header.end;
  let leadingComments = true;
  for (let i = first + 1; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.kind === "header") break;
    if (l.kind === "key" || l.kind === "other") end = l.end;
    else if (l.kind === "comment" && leadingComments) end = Math.max(end, l.end);
    if (l.kind !== "comment") leadingComments = false;
  }
  return { name: want, line: first + 1, start: header.start, bodyStart: header.end, end };
}

/**
 * Replaces the body of section `header` with `lines` (as `key = value`), with
 * `opts.marker` (a comment line) first, keeping the header line itself as it
 * was. An absent section is appended after one blank line. New lines use the
 * file's line ending (that of its first line break; "\n" for a file with none).
 */
export function upsertSection(text: string, header: string, lines: Array<[key: string, value: string]>, opts: { marker?: string } = {}): string {
  checkHeader(header);
  const body: string[] = [];
  if (opts.marker !== undefined) body.push(checkMarker(opts.marker));
  for (const [k, v] of lines) body.push(`${checkKey(k)} = ${checkValue(k, v)}`);
  const eol = detectEol(text);
  const section = findSection(text, header);

  if (!section) {
    const block = `[${header}]${eol}${body.map((l) => l + eol).join("")}`;
    if (text === "" || text === "\uFEFF") return text + block;
    let out = text;
    if (!/[\r\n]$/.test(out)) out += eol;
    const last = textLines(out).at(-1);
    if (last?.kind !== "blank") out += eol;
    return out + block;
  }

  const headerLine = lineAt(text, section.start);
  const headerEol = text.slice(headerLine.textEnd, headerLine.end) || eol;
  const endedWithEol = section.end > section.start && /[\r\n]$/.test(text.slice(section.start, section.end));
  let out = text.slice(headerLine.start, headerLine.textEnd);
  for (const [i, l] of body.entries()) out += (i === 0 ? headerEol : eol) + l;
  if (endedWithEol) out += body.length > 0 ? eol : headerEol;
  return text.slice(0, section.start) + out + text.slice(section.end);
}

/**
 * Removes the section's header and body (not the comments and blank lines
 * after it), and one blank line that would otherwise be left doubled, so that
 * removing a section upsertSection appended restores a file that ended in a
 * line break. Returns the text unchanged when the section is absent.
 */
export function removeSection(text: string, header: string): string {
  const section = findSection(text, header);
  if (!section) return text;
  let before = text.slice(0, section.start);
  let after = text.slice(section.end);
  const beforeLines = textLines(before);
  const lastBefore = beforeLines.at(-1);
  const blankBefore = lastBefore === undefined || lastBefore.kind === "blank";
  if (after === "") {
    if (lastBefore?.kind === "blank") before = before.slice(0, lastBefore.start);
  } else {
    const firstAfter = textLines(after)[0];
    if (blankBefore && firstAfter?.kind === "blank") after = after.slice(firstAfter.end);
  }
  return before + after;
}

/** True when the section exists and the line right after its header is exactly `marker` (trimmed). */
export function sectionOwnedBy(text: string, header: string, marker: string): boolean {
  return firstBodyLine(text, header) === marker.trim();
}

/** The trimmed line right after the section's header (where a marker goes); undefined when absent. */
export function firstBodyLine(text: string, header: string): string | undefined {
  const section = findSection(text, header);
  if (!section || section.bodyStart >= text.length) return undefined;
  const next = lineAt(text, section.bodyStart);
  return text.slice(next.start, next.textEnd).trim();
}

function checkHeader(header: string): void {
  if (header === "" || /[[\]\x00-\x1f\x7f]/.test(header) || header.trim() !== header) {
    throw new UsageError(`invalid section name "${header}"`, {
      hint: "use a name without brackets, control characters or surrounding spaces",
    });
  }
}

function checkMarker(marker: string): string {
  if (!/^[#;]/.test(marker) || /[\r\n]/.test(marker)) {
    throw new UsageError("a section marker must be one comment line starting with # or ;");
  }
  return marker;
}

function checkKey(key: string): string {
  if (!/^[A-Za-z0-9_.-]+$/.test(key)) throw new UsageError(`invalid INI key "${key}"`);
  return key;
}

// A line break would let a value start a new key or section; edge spaces would be stripped on read.
function checkValue(key: string, value: string): string {
  if (/[\x00\r\n]/.test(value) || value.trim() !== value) {
    throw new UsageError(`the value of ${key} cannot be written to an INI file`, {
      hint: "it contains a line break, a NUL or surrounding spaces",
    });
  }
  return value;
}
