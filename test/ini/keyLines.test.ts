import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { keyLine, keyLines, removeKeys, replaceHeader, setKey } from "../../src/ini/keyLines.js";
import { ConfigError } from "../../src/errors.js";

const config = [
  "# my config",
  "[default]",
  "region = us-east-1",
  "",
  "[profile  alice]   ",
  ";   alice is me",
  "REGION=eu-west-1   # inline comment",
  "s3 =",
  "    max_concurrent_requests = 4",
  "",
  "# about dev",
  "[profile dev]",
  "role_arn = arn:aws:iam::123456789012:role/Dev",
].join("\r\n");

describe("keyLines", () => {
  it("reads keys as the AWS tools do: lower-cased, inline comments dropped, nested blocks belonging to their key", () => {
    const keys = keyLines(config, "profile alice");
    expect(keys.map((k) => [k.key, k.value])).toEqual([
      ["region", "eu-west-1"],
      ["s3", ""],
    ]);
    expect(config.slice(keys[1]!.start, keys[1]!.textEnd)).toBe("s3 =\r\n    max_concurrent_requests = 4");
    expect(keyLines(config, "profile nobody")).toEqual([]);
  });

  it("refuses to pick one of a key set twice", () => {
    expect(() => keyLine("[a]\nx = 1\nX = 2\n", "a", "x")).toThrow(ConfigError);
    expect(() => setKey("[a]\nx = 1\nX = 2\n", "a", "x", "3")).toThrow(/sets x 2 times/);
    expect(setKey("[a]\nx = 1\nX = 2\n", "a", "y", "3")).toBe("[a]\nx = 1\nX = 2\ny = 3\n");
  });
});

describe("setKey", () => {
  it("adds one line after the section's last key, in the file's line ending, and nothing else", () => {
    const out = setKey(config, "profile alice", "stsctl_credentials", "keychain");
    expect(out).toBe(config.replace("    max_concurrent_requests = 4\r\n", "    max_concurrent_requests = 4\r\nstsctl_credentials = keychain\r\n"));
  });

  it("replaces an existing key where it is", () => {
    const once = setKey(config, "profile dev", "stsctl_credentials", "keychain");
    expect(once.endsWith("role_arn = arn:aws:iam::123456789012:role/Dev\r\nstsctl_credentials = keychain\r\n")).toBe(true);
    const text = "[profile a]\nstsctl_credentials = other   ; old\nregion = x\n";
    expect(setKey(text, "profile a", "stsctl_credentials", "keychain")).toBe("[profile a]\nstsctl_credentials = keychain\nregion = x\n");
  });

  it("appends a missing section", () => {
    expect(setKey("[default]\nregion = x\n", "profile bob", "stsctl_credentials", "keychain")).toBe(
      "[default]\nregion = x\n\n[profile bob]\nstsctl_credentials = keychain\n",
    );
    expect(setKey("", "profile bob", "k", "v")).toBe("[profile bob]\nk = v\n");
  });

  it("refuses values that would break the file", () => {
    expect(() => setKey("", "profile a", "k", "v\n[evil]")).toThrow(/cannot write/);
  });
});

describe("removeKeys and replaceHeader", () => {
  it("take out exactly the named lines, nested blocks included", () => {
    expect(removeKeys(config, "profile alice", ["s3"])).toBe(config.replace("s3 =\r\n    max_concurrent_requests = 4\r\n", ""));
    const creds = "; keep\n[alice]\n# note\naws_access_key_id = AKIA\naws_secret_access_key = s\nregion = x\n[bob]\naws_access_key_id = B\n";
    expect(removeKeys(creds, "alice", ["aws_access_key_id", "aws_secret_access_key"])).toBe(
      "; keep\n[alice]\n# note\nregion = x\n[bob]\naws_access_key_id = B\n",
    );
    expect(replaceHeader("x = 1\n[alice]\r\n# note\r\n", "alice", "# gone")).toBe("x = 1\n# gone\r\n# note\r\n");
  });

  it("property: adding a key a section lacks and removing it again restores the file byte for byte", () => {
    const eol = fc.constantFrom("\n", "\r\n");
    const line = fc.oneof(
      fc.constantFrom("", "   ", "# comment", "; other", "  # indented comment"),
      fc
        .tuple(fc.constantFrom("region", "output", "role_arn", "x"), fc.constantFrom(" = ", "=", "   =  "), fc.stringMatching(/^[a-z0-9:/-]{0,12}$/))
        .map(([k, s, v]) => `${k}${s}${v}`),
    );
    const section = fc.tuple(
      fc.constantFrom("[profile alice]", "[profile   alice]  ", "[default]", "[profile bob]", "[sso-session x]"),
      fc.array(line, { maxLength: 5 }),
    );
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 3 }),
        fc.uniqueArray(section, { maxLength: 4, selector: ([h]) => h.replace(/\s+/g, " ").trim() }),
        eol,
        (pre, sections, nl) => {
          const lines = [...pre, ...sections.flatMap(([h, body]) => [h, ...body])];
          const text = lines.map((l) => l + nl).join("");
          const out = setKey(text, "profile alice", "stsctl_credentials", "keychain");
          expect(keyLines(out, "profile alice").find((k) => k.key === "stsctl_credentials")?.value).toBe("keychain");
          const back = removeKeys(out, "profile alice", ["stsctl_credentials"]);
          if (sections.some(([h]) => h.includes("alice"))) expect(back).toBe(text);
          else expect(back.startsWith(text)).toBe(true); // the appended section's header stays
        },
      ),
      { numRuns: 300 },
    );
  });
});
