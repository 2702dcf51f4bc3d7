import { ConfigError } from "../errors.js";

export interface IniValue {
  value: string;
  line: number;
}
export interface IniSection {
  /** Header text between the brackets, trimmed: "default", "profile prod", "sso-session x". */
  header: string;
  line: number;
  values: Map<string, IniValue>;
}

/**
 * Parses AWS shared-config INI text with line numbers, which the `ini` package
 * does not keep. Semantics follow the AWS CLI and SDKs: `#`/`;` comment lines,
 * inline comments after whitespace, keys lower-cased, indented lines after an
 * empty `key =` form a nested block (e.g. `s3 =`), later duplicates win.
 * Line content is never echoed in errors: the credentials file holds secrets.
 */
export function parseIni(text: string, file: string): IniSection[] {
  const sections: IniSection[] = [];
  let current: IniSection | undefined;
  let nestedKey: string | undefined;
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n|\r/);
  lines.forEach((raw, i) => {
    const lineNo = i + 1;
    const indented = /^[ \t]/.test(raw);
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) return;
    if (indented && nestedKey !== undefined && current) {
      const m = /^([^=]+?)\s*=\s*(.*)$/.exec(line);
      if (!m) throw malformed(file, lineNo, "expected `key = value` in the nested block");
      current.values.set(`${nestedKey}.${m[1]!.toLowerCase()}`, { value: stripComment(m[2]!), line: lineNo });
      return;
    }
    nestedKey = undefined;
    if (line.startsWith("[")) {
      const m = /^\[([^\]]*)\]\s*(?:[#;].*)?$/.exec(line);
      if (!m) throw malformed(file, lineNo, "a section header must look like `[name]`");
      const header = m[1]!.trim().replace(/\s+/g, " ");
      if (!header) throw malformed(file, lineNo, "empty section name `[]`");
      current = { header, line: lineNo, values: new Map() };
      sections.push(current);
      return;
    }
    const m = /^([^=\s][^=]*?)\s*=\s*(.*)$/.exec(line);
    if (!m) throw malformed(file, lineNo, "expected `key = value`, `[section]` or a comment");
    if (!current) throw malformed(file, lineNo, "a setting appears before any `[section]` header");
    const key = m[1]!.toLowerCase();
    const value = stripComment(m[2]!);
    if (value === "") nestedKey = key;
    current.values.set(key, { value, line: lineNo });
  });
  return sections;
}

function stripComment(value: string): string {
  // A comment starts at `#` or `;` preceded by whitespace; a `#` inside a value (e.g. a URL fragment) stays.
  return value.replace(/\s+[#;].*$/, "").trim();
}

function malformed(file: string, line: number, what: string): ConfigError {
  return new ConfigError(`${file} line ${line}: ${what}`, {
    hint: `fix or remove line ${line} of ${file}`,
  });
}
