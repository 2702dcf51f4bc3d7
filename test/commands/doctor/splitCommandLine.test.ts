import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitCommandLine } from "../../../src/commands/doctor/splitCommandLine.js";

// doctor splits credential_process lines as botocore does before running them:
// checked against compat_shell_split of the AWS CLI v2 in /usr/bin (its vendored
// awscli.botocore), for POSIX and for Windows rules, on the same lines.

function botocore(lines: string[], platform: "linux" | "win32"): Array<string[] | null> {
  const script = `
import json, sys
from awscli.botocore.compat import compat_shell_split
out = []
for l in json.load(sys.stdin):
    try: out.append(compat_shell_split(l, "${platform}"))
    except ValueError: out.append(None)
print(json.dumps(out))`;
  const r = spawnSync("/usr/bin/python3", ["-c", script], {
    input: JSON.stringify(lines),
    encoding: "utf8",
    env: { PATH: "/usr/bin:/bin", LC_ALL: "C.UTF-8" },
    timeout: 30_000,
  });
  expect(r.stderr).toBe("");
  return JSON.parse(r.stdout) as Array<string[] | null>;
}

const FIXED = [
  "/usr/bin/node /opt/stsctl/bin/stsctl credential-process dev",
  `'/opt/node 20/bin/node' '/a b/stsctl' credential-process 'it'\\''s' `,
  `"C:\\Program Files\\nodejs\\node.exe" "C:\\a b\\stsctl" credential-process "x y\\\\"`,
  `a "b \\" c" d\\ e '' ""`,
  `unclosed 'quote`,
  `trailing\\`,
  "  tabs\tand\r\nnewlines  ",
];
// Lines made mostly of the characters either splitter treats specially.
const line = fc.array(fc.constantFrom("a", "b", " ", "\t", "\\", '"', "'", "#", "é"), { maxLength: 24 }).map((cs) => cs.join(""));

describe("splitCommandLine", () => {
  for (const platform of ["linux", "win32"] as const) {
    it(`splits as botocore's compat_shell_split does on ${platform}`, () => {
      const lines = [...FIXED, ...fc.sample(line, { numRuns: 300, seed: 42 })];
      const expected = botocore(lines, platform);
      expect(lines.map((l) => splitCommandLine(l, platform))).toEqual(expected);
    });
  }
});
