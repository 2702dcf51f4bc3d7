import { describe, expect, it } from "vitest";
import { classifyLine, keyValue } from "../../src/ini/classifyLine.js";
import { sectionKey, sectionName } from "../../src/ini/sectionName.js";

describe("classifyLine", () => {
  it.each([
    ["", { kind: "blank", indented: false }],
    [" \t", { kind: "blank", indented: true }],
    ["  # note", { kind: "comment", indented: true }],
    ["; note", { kind: "comment" }],
    ["[default]", { kind: "header", name: "default", after: "" }],
    ["[ x ]", { kind: "header", name: " x ", after: "" }],
    ["  [profile  x ]  ", { kind: "header", name: "profile x", after: "", indented: true }],
    ["[c1] # a comment", { kind: "header", name: "c1", after: " # a comment" }],
    ["[a] # see [b]", { kind: "header", name: "a] # see [b", after: "" }],
    ["[a=b]", { kind: "header", name: "a=b" }],
    ["\uFEFF[default]", { kind: "header", name: "default" }],
    ["Region\t=\teu-west-1   # inline", { kind: "key", key: "region", value: "eu-west-1", indented: false }],
    ["url = https://x/#frag", { kind: "key", key: "url", value: "https://x/#frag" }],
    ["s3 =", { kind: "key", key: "s3", value: "" }],
    ["[a=b", { kind: "key", key: "[a", value: "b" }],
    ["[]", { kind: "other", text: "[]" }],
    ["[profile a", { kind: "other" }],
    ["= x", { kind: "other" }],
    ["junk", { kind: "other" }],
  ])("%j", (raw, expected) => {
    expect(classifyLine(raw)).toMatchObject(expected);
  });

  it("reads any line of a nested block as key = value, one that looks like a header included", () => {
    expect(keyValue(classifyLine("  [a=b]"))).toMatchObject({ kind: "key", key: "[a", value: "b]" });
    expect(keyValue(classifyLine("  Max = 4 ; c"))).toMatchObject({ key: "max", value: "4" });
    expect(keyValue(classifyLine("  [a]"))).toBeUndefined();
    expect(keyValue(classifyLine("  junk"))).toBeUndefined();
  });
});

// Checked against `aws configure list-profiles` (AWS CLI v2) in sectionNames.awsCli.test.ts.
describe("sectionName and sectionKey", () => {
  it.each([
    ["default", "default", "default"],
    [" x ", " x ", " x "],
    ["my  creds", "my  creds", "my  creds"],
    ["profile x", "profile x", "profile x"],
    ["profile  x ", "profile x", "profile x"],
    ["profile\tx", "profile x", "profile x"],
    ["sso-session  s ", "sso-session s", "sso-session s"],
    ["services\ts", "services s", "services s"],
    // Quotes stay in the name the reader gives; the editors take them for the same section.
    ['profile "x"', 'profile "x"', "profile x"],
    ["profile  'x' ", "profile 'x'", "profile x"],
    ['profile "a b"', 'profile "a b"', 'profile "a b"'],
    ["profile a  b", "profile a  b", "profile a  b"],
    ["profile \\h", "profile \\h", "profile \\h"],
    ["profile", "profile", "profile"],
    ["profile ", "profile ", "profile "],
    [" profile x", " profile x", " profile x"],
    ["profilefoo x", "profilefoo x", "profilefoo x"],
  ])("%j: name %j, key %j", (raw, name, key) => {
    expect(sectionName(raw)).toBe(name);
    expect(sectionKey(raw)).toBe(key);
    expect(sectionName(name)).toBe(name);
  });
});
