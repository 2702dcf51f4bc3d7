// A credential_process line split as botocore splits it before running it
// without a shell (compat_shell_split in botocore/compat.py): POSIX shlex.split
// everywhere but Windows, where it follows CommandLineToArgvW's rules
// (_windows_shell_split). Null for a line shlex refuses (an open quote).

export function splitCommandLine(line: string, platform: NodeJS.Platform): string[] | null {
  return platform === "win32" ? windowsSplit(line) : shlexSplit(line);
}

const SHLEX_WHITESPACE = " \t\r\n";

/** shlex.split(line) with posix=True, comments=False. */
function shlexSplit(line: string): string[] | null {
  const words: string[] = [];
  let word = "";
  // A quoted empty string ('') is a word too.
  let inWord = false;
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote === "'") {
      if (c === "'") quote = null;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = null;
      else if (c === "\\" && (line[i + 1] === '"' || line[i + 1] === "\\")) word += line[++i];
      else word += c;
    } else if (SHLEX_WHITESPACE.includes(c)) {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
    } else {
      inWord = true;
      if (c === "'" || c === '"') quote = c;
      else if (c === "\\") {
        if (i + 1 >= line.length) return null; // "No escaped character"
        word += line[++i];
      } else word += c;
    }
  }
  if (quote) return null; // "No closing quotation"
  if (inWord) words.push(word);
  return words;
}

/** Backslashes are literal unless they lead up to a double quote; then they escape each other, and an odd one the quote. */
function windowsSplit(line: string): string[] | null {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  let quoted = false;
  let backslashes = 0;
  const flush = () => {
    if (backslashes > 0) word += "\\".repeat(backslashes);
    backslashes = 0;
  };
  for (const c of line) {
    if (c === "\\") {
      backslashes++;
      inWord = true;
    } else if (c === '"') {
      word += "\\".repeat(Math.floor(backslashes / 2));
      const escaped = backslashes % 2 === 1;
      backslashes = 0;
      inWord = true;
      if (escaped) word += '"';
      else quoted = !quoted;
    } else if ((c === " " || c === "\t") && !quoted) {
      flush();
      if (inWord) words.push(word);
      word = "";
      inWord = false;
    } else {
      flush();
      word += c;
      inWord = true;
    }
  }
  if (quoted) return null; // "No closing quotation"
  flush();
  if (inWord) words.push(word);
  return words;
}
