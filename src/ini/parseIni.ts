import { ConfigError } from "../errors.js";
import { classifyLine, keyValue } from "./classifyLine.js";

export interface IniValue {
  value: string;
  line: number;
}
export interface IniSection {
  /** The section's name (ini/sectionName.ts): "default", "profile prod", "sso-session x"; "[ x ]" is " x ". */
  header: string;
  line: number;
  values: Map<string, IniValue>;
}

/**
 * Parses AWS shared-config INI text with line numbers, which the `ini` package
 * does not keep. Semantics follow the AWS CLI and SDKs: `#`/`;` comment lines,
 * inline comments after whitespace, keys lower-cased, indented lines after an
 * empty `key =` form a nested block (e.g. `s3 =`), later duplicates win.
 * Lines are classified by ini/classifyLine.ts, as the INI editors classify them.
 * Line content is never echoed in errors: the credentials file holds secrets.
 */
export function parseIni(text: string, file: string): IniSection[] {
  const sections: IniSection[] = [];
  let current: IniSection | undefined;
  let nestedKey: string | undefined;
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const l = classifyLine(lines[i]!);
    if (l.kind === "blank" || l.kind === "comment") continue;
    if (l.indented && nestedKey !== undefined && current) {
      const kv = keyValue(l);
      if (!kv) throw malformed(file, lineNo, "expected `key = value` in the nested block");
      current.values.set(`${nestedKey}.${kv.key}`, { value: kv.value, line: lineNo });
      continue;
    }
    nestedKey = undefined;
    if (l.kind === "header") {
      // The AWS CLI ignores text after the "]"; anything but a comment there is more likely a typo.
      if (!/^(?:\s*[#;]|$)/.test(l.after)) throw malformed(file, lineNo, "a section header must look like `[name]`");
      if (l.name.trim() === "") throw malformed(file, lineNo, "empty section name `[]`");
      current = { header: l.name, line: lineNo, values: new Map() };
      sections.push(current);
      continue;
    }
    if (l.text.startsWith("[")) {
      throw malformed(file, lineNo, /^\[\]\s*(?:[#;]|$)/.test(l.text) ? "empty section name `[]`" : "a section header must look like `[name]`");
    }
    if (l.kind !== "key") throw malformed(file, lineNo, "expected `key = value`, `[section]` or a comment");
    if (!current) throw malformed(file, lineNo, "a setting appears before any `[section]` header");
    if (l.value === "") nestedKey = l.key;
    current.values.set(l.key, { value: l.value, line: lineNo });
  }
  return sections;
}

function malformed(file: string, line: number, what: string): ConfigError {
  return new ConfigError(`${file} line ${line}: ${what}`, {
    hint: `fix or remove line ${line} of ${file}`,
  });
}
