// What one line of ~/.aws/config or ~/.aws/credentials is, on its own. The
// reader (parseIni.ts), the section splice (iniSplice.ts) and the key edits
// (keyLines.ts) all classify lines here, so they cannot disagree on where a
// section starts or what a key is. What a line means in context (an indented
// line after an empty `key =` is a sub-key) is left to each of them.

import { sectionName } from "./sectionName.js";

interface Common {
  /** The line trimmed. JS trim() also strips a BOM, as the JS SDK's parser does. */
  text: string;
  /** Starts with a space or a tab. */
  indented: boolean;
}

export type IniLine = Common &
  (
    | { kind: "blank" }
    | { kind: "comment" }
    /** `name`: the section name (sectionName.ts); `after`: the text after the last "]". */
    | { kind: "header"; name: string; after: string }
    | KeyValue
    | { kind: "other" }
  );

export interface KeyValue {
  kind: "key";
  /** Lower-cased. */
  key: string;
  /** Inline comment dropped. */
  value: string;
}

const KEY = /^([^=]+?)\s*=\s*(.*)$/;

// Python's configparser: a comment line starts with "#" or ";" once stripped;
// a header is a stripped line matching `\[(.+)\]` from its start, so the name
// runs to the last "]" and anything after it is not part of the name.
export function classifyLine(raw: string): IniLine {
  const text = raw.trim();
  const c0 = raw.charCodeAt(0);
  const indented = c0 === 32 || c0 === 9;
  if (text === "") return { kind: "blank", text, indented };
  const first = text[0];
  if (first === "#" || first === ";") return { kind: "comment", text, indented };
  if (first === "[") {
    const close = text.lastIndexOf("]");
    if (close > 1) return { kind: "header", name: sectionName(text.slice(1, close)), after: text.slice(close + 1), text, indented };
  }
  return keyOrOther(text, indented);
}

/**
 * The line read as `key = value` whatever it looks like, or undefined when
 * it has no "=" after a key: inside a nested block (`s3 =` then indented
 * lines) botocore splits every line at its first "=", even "[a=b]"
 * (botocore/configloader.py, _parse_nested).
 */
export function keyValue(line: IniLine): KeyValue | undefined {
  if (line.kind === "key") return line;
  if (line.kind !== "header") return undefined;
  const asKey = keyOrOther(line.text, line.indented);
  return asKey.kind === "key" ? asKey : undefined;
}

function keyOrOther(text: string, indented: boolean): IniLine {
  const m = KEY.exec(text);
  return m ? { kind: "key", key: m[1]!.toLowerCase(), value: stripComment(m[2]!), text, indented } : { kind: "other", text, indented };
}

// A comment starts at "#" or ";" after whitespace; a "#" inside a value (a URL fragment) stays.
function stripComment(value: string): string {
  return value.replace(/\s+[#;].*$/, "").trim();
}
