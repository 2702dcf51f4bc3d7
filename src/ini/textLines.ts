// The lines of INI text with their offsets, for the editors that splice the
// original string (iniSplice.ts, keyLines.ts). A line break is CRLF, LF or CR.

import { classifyLine, type IniLine } from "./classifyLine.js";

export type TextLine = IniLine & {
  /** Offset of the line. */
  start: number;
  /** Offset after the line's own text, before its line break. */
  textEnd: number;
  /** Offset after its line break (== textEnd on a last line without one). */
  end: number;
};

/** The lines starting in [from, to), classified. */
export function textLines(text: string, from = 0, to = text.length): TextLine[] {
  const lines: TextLine[] = [];
  let start = from;
  while (start < to) {
    const line = lineAt(text, start);
    lines.push(line);
    start = line.end;
  }
  return lines;
}

/** The line starting at `offset`. */
export function lineAt(text: string, offset: number): TextLine {
  const breaks = /\r\n|\n|\r/g;
  breaks.lastIndex = offset;
  const m = breaks.exec(text);
  const textEnd = m ? m.index : text.length;
  const end = m ? m.index + m[0].length : text.length;
  return { ...classifyLine(text.slice(offset, textEnd)), start: offset, textEnd, end };
}

/** The file's line ending: that of its first line break, "\n" for a file with none. */
export function detectEol(text: string): string {
  return /\r\n|\n|\r/.exec(text)?.[0] ?? "\n";
}
