import fc from "fast-check";
import { parse as parseIni } from "ini";
import { describe, expect, it } from "vitest";
import { ConfigError, UsageError } from "../../src/errors.js";
import { findSection, removeSection, sectionOwnedBy, upsertSection } from "../../src/ini/iniSplice.js";

const MARK = "# managed by stsctl";

// A credentials file as people really keep them. The last line has no line break.
const handWritten = [
  "# ~/.aws/credentials — kept by hand, ünïcödé and all",
  "; a semicolon comment",
  "",
  "[default]",
  "aws_access_key_id=AKIADEFAULTEXAMPLE",
  "aws_secret_access_key = default/secret+key",
  "\t# an indented comment",
  "",
  "[ spaced ]",
  "aws_access_key_id\t=\tAKIASPACED",
  "",
  "[prod-admin]",
  MARK,
  "aws_access_key_id = ASIAOLD",
  "aws_secret_access_key = old",
  "aws_session_token = oldtoken",
  "",
  "",
  "# long-term keys below: do not touch",
  "[profile  odd]",
  "key=value",
  "[c1] # trailing text after a header",
  "aws_access_key_id =   AKIAC1   ",
].join("\n");

const newLines: Array<[string, string]> = [
  ["aws_access_key_id", "ASIANEW"],
  ["aws_secret_access_key", "new/secret"],
  ["aws_session_token", "newtoken=="],
];

describe.each([
  ["LF", "\n"],
  ["CRLF", "\r\n"],
])("upsertSection on a hand-written %s file", (_label, eol) => {
  const text = handWritten.replaceAll("\n", eol);
  const head = text.slice(0, text.indexOf("[prod-admin]"));
  const tail = text.slice(text.indexOf(`${eol}${eol}# long-term keys`));

  it("replaces only the section, every other byte identical", () => {
    const out = upsertSection(text, "prod-admin", newLines, { marker: MARK });
    expect(out.startsWith(head)).toBe(true);
    expect(out.endsWith(tail)).toBe(true);
    expect(out.slice(head.length, out.length - tail.length)).toBe(
      ["[prod-admin]", MARK, "aws_access_key_id = ASIANEW", "aws_secret_access_key = new/secret", "aws_session_token = newtoken=="].join(eol) + eol,
    );
  });

  it("is idempotent", () => {
    const once = upsertSection(text, "prod-admin", newLines, { marker: MARK });
    expect(upsertSection(once, "prod-admin", newLines, { marker: MARK })).toBe(once);
  });

  it("appends a new section after one blank line, in the file's line ending, original bytes as prefix", () => {
    const out = upsertSection(text, "new-one", newLines, { marker: MARK });
    // The file had no final line break: one is added, then the blank line.
    expect(out).toBe(text + eol + eol + ["[new-one]", MARK, ...newLines.map(([k, v]) => `${k} = ${v}`)].map((l) => l + eol).join(""));
    if (eol === "\r\n") expect(out.slice(text.length).replaceAll("\r\n", "")).not.toMatch(/[\r\n]/);
  });

  it("keeps the missing final newline when the last section is replaced", () => {
    const out = upsertSection(text, "c1", [["aws_access_key_id", "AKIANEWC1"]]);
    expect(out).toBe(text.slice(0, text.lastIndexOf(eol) + eol.length) + "aws_access_key_id = AKIANEWC1");
    expect(out).toContain("[c1] # trailing text after a header");
  });

  it("reads sections the way botocore does", () => {
    expect(findSection(text, "spaced")).toBeUndefined(); // "[ spaced ]" is the section " spaced "
    expect(findSection(text, "profile odd")?.line).toBe(20); // "[profile  odd]" folds to "profile odd"
    expect(findSection(text, 'profile "odd"')?.line).toBe(20);
    expect(findSection(text, "c1")?.line).toBe(22);
    expect(findSection(text, "default")).toMatchObject({ line: 4 });
  });

  it("removes a section without disturbing the rest", () => {
    const out = removeSection(text, "prod-admin");
    expect(out).toBe(head + tail.slice(eol.length));
    expect(removeSection(text, "absent")).toBe(text);
  });

  it("knows which sections it owns", () => {
    expect(sectionOwnedBy(text, "prod-admin", MARK)).toBe(true);
    expect(sectionOwnedBy(text, "default", MARK)).toBe(false);
    expect(sectionOwnedBy(text, "absent", MARK)).toBe(false);
  });
});

describe("iniSplice edge cases", () => {
  it("keeps a BOM and finds the first header behind it", () => {
    const text = "\uFEFF[default]\nk = v\n";
    expect(findSection(text, "default")?.line).toBe(1);
    expect(upsertSection(text, "default", [["k", "w"]])).toBe("\uFEFF[default]\nk = w\n");
    expect(upsertSection("\uFEFF", "a", [["k", "v"]])).toBe("\uFEFF[a]\nk = v\n");
  });

  it("starts an empty file without a blank line, and adds no second blank line", () => {
    expect(upsertSection("", "a", [["k", "v"]])).toBe("[a]\nk = v\n");
    expect(upsertSection("[x]\n\n", "a", [["k", "v"]])).toBe("[x]\n\n[a]\nk = v\n");
  });

  it("leaves comments after a section's last key in place (they describe what follows)", () => {
    const text = "[a]\nk = 1\n; about b\n[b]\nk = 2\n";
    expect(upsertSection(text, "a", [["k", "9"]])).toBe("[a]\nk = 9\n; about b\n[b]\nk = 2\n");
  });

  it("replaces a marker-only section instead of stacking markers", () => {
    const text = `[a]\n${MARK}\n\n# about b\n[b]\n`;
    expect(upsertSection(text, "a", [["k", "v"]], { marker: MARK })).toBe(`[a]\n${MARK}\nk = v\n\n# about b\n[b]\n`);
  });

  it("removes one of the blank lines around a removed section", () => {
    expect(removeSection("[a]\nk = 1\n\n[b]\nk = 2\n\n[c]\nk = 3\n", "b")).toBe("[a]\nk = 1\n\n[c]\nk = 3\n");
    expect(removeSection("[b]\nk = 2\n\n[c]\n", "b")).toBe("[c]\n");
    expect(removeSection("[b]\nk = 2\n", "b")).toBe("");
  });

  it("refuses a duplicated section: the AWS CLI cannot read such a file", () => {
    const text = "[a]\nk = 1\n[b]\n[a]\nk = 2\n";
    for (const f of [
      () => findSection(text, "a"),
      () => upsertSection(text, "a", [["k", "3"]]),
      () => removeSection(text, "a"),
      () => sectionOwnedBy(text, "a", MARK),
    ]) {
      expect(f).toThrow(ConfigError);
      expect(f).toThrow("section [a] appears 2 times (lines 1, 4)");
    }
    expect(upsertSection(text, "b", [["k", "3"]])).toBe("[a]\nk = 1\n[b]\nk = 3\n[a]\nk = 2\n");
  });

  it("rejects names, keys and values that would corrupt the file", () => {
    for (const name of ["", "a]b", "[a", "a\nb", " a", "a\r"]) {
      expect(() => upsertSection("", name, [])).toThrow(UsageError);
    }
    expect(() => upsertSection("", "a", [["k=x", "v"]])).toThrow(UsageError);
    for (const v of ["a\n[evil]", "a\rb", " padded", "nul\0"]) {
      expect(() => upsertSection("", "a", [["k", v]])).toThrow(UsageError);
    }
    expect(() => upsertSection("", "a", [], { marker: "not a comment" })).toThrow(UsageError);
  });
});

// Random INI-like files: whatever the surroundings, only the target section changes.
const eolArb = fc.constantFrom("\n", "\r\n");
const nameArb = fc.constantFrom("a", "b", "prod", "profile x", " spaced ", "x.y-z");
const lineArb = fc.oneof(
  nameArb.map((n) => `[${n}]`),
  fc.constantFrom("", "   ", "# comment", "; other", "\t# indented", "k = v", "k=v", "key\t=\tval", "  cont", "[not a header"),
  fc.string({ maxLength: 12 }).filter((s) => !/[\r\n[]/.test(s)),
);
const docArb = fc
  .record({
    lines: fc.array(lineArb, { maxLength: 14 }),
    eol: eolArb,
    finalBreak: fc.boolean(),
    bom: fc.boolean(),
  })
  .map(({ lines, eol, finalBreak, bom }) => (bom ? "\uFEFF" : "") + lines.join(eol) + (finalBreak && lines.length ? eol : ""));
const target = fc.constantFrom("a", "prod", "profile x", "new");

describe("iniSplice properties", () => {
  it("changes nothing outside the section, is idempotent, and parsers read the new values", () => {
    fc.assert(
      fc.property(docArb, target, (text, name) => {
        let before: ReturnType<typeof findSection>;
        try {
          before = findSection(text, name);
        } catch (e) {
          expect(e).toBeInstanceOf(ConfigError); // duplicated header: refused, fine
          return;
        }
        const out = upsertSection(
          text,
          name,
          [
            ["aws_access_key_id", "ASIAZ"],
            ["x", "1"],
          ],
          { marker: MARK },
        );
        const after = findSection(out, name)!;
        if (before) {
          expect(out.slice(0, after.start)).toBe(text.slice(0, before.start));
          expect(out.slice(after.end)).toBe(text.slice(before.end));
        } else {
          expect(out.startsWith(text)).toBe(true);
        }
        expect(
          upsertSection(
            out,
            name,
            [
              ["aws_access_key_id", "ASIAZ"],
              ["x", "1"],
            ],
            { marker: MARK },
          ),
        ).toBe(out);
        expect(sectionOwnedBy(out, name, MARK)).toBe(true);
        const section = out.slice(after.bodyStart, after.end);
        expect(parseIni(section)).toEqual({ aws_access_key_id: "ASIAZ", x: "1" });
      }),
      { numRuns: 500 },
    );
  });

  it("removing an appended section restores a file that ended in a line break", () => {
    fc.assert(
      fc.property(docArb, (text) => {
        fc.pre(!/\bnew\b/.test(text) && (text === "" || /\r?\n$/.test(text)));
        const lastLine = text.split(/\r?\n/).at(-2) ?? "";
        fc.pre(lastLine.trim() !== "");
        expect(removeSection(upsertSection(text, "new", [["k", "v"]]), "new")).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});
