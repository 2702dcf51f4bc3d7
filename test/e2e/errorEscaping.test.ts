import { describe, expect, it } from "vitest";
import { useEmptyHome } from "../support/emptyHome.js";
import { runCli } from "../support/runCli.js";

// A profile name is whatever the user (or a script, or a hostile README) typed:
// the one error renderer shows its line breaks, escapes and bidirectional
// overrides as escapes, so it cannot forge lines or colours on stderr.

const { env } = useEmptyHome("stsctl-escape-");

const NAMES: Array<[string, string]> = [
  ["a\nERROR: fake", "a\\nERROR: fake"],
  ["\u001b[31mred\u001b[0m", "\\u001b[31mred\\u001b[0m"],
  ["x\r\u001b[2Kforged", "x\\r\\u001b[2Kforged"],
  ["bidi\u202eevil\u0085", "bidi\\u202eevil\\u0085"],
];

/** Two lines, error and hint, holding no control character but their line breaks. */
function expectTwoCleanLines(stderr: string, shown: string): void {
  const lines = stderr.split("\n");
  expect(lines).toHaveLength(3);
  expect(lines[0]).toBe(`error: profile "${shown}" not found`);
  expect(lines[1]).toMatch(/^hint: /);
  expect(lines[2]).toBe("");
  expect(stderr.replace(/\n/g, "")).not.toMatch(/[\p{Cc}\u202e]/u);
}

describe("error messages with hostile profile names", () => {
  it.each(NAMES)("escape %j given as the argument", async (name, shown) => {
    const r = await runCli(["assume", name], { env: env({ NO_COLOR: "1" }) });
    expect(r.status).toBe(3);
    expect(r.stdout).toBe("");
    expectTwoCleanLines(r.stderr, shown);
  });

  it.each(NAMES)("escape %j from AWS_PROFILE, on the fast path of env and through the full command table", async (name, shown) => {
    for (const args of [["env"], ["assume"]]) {
      const r = await runCli(args, { env: env({ NO_COLOR: "1", AWS_PROFILE: name }) });
      expect(r.status).toBe(3);
      expect(r.stdout).toBe("");
      expectTwoCleanLines(r.stderr, shown);
    }
  });

  it("leave only stsctl's own colours when colour is on", async () => {
    const r = await runCli(["assume", "\u001b[32mgreen\u001b[0m\nERROR: fake"], { env: env({ FORCE_COLOR: "1" }) });
    expect(r.status).toBe(3);
    const own = r.stderr.replace(/\u001b\[(31|39|2|22)m/g, "");
    expect(own).toBe(`error: profile "\\u001b[32mgreen\\u001b[0m\\nERROR: fake" not found\n${own.split("\n")[1]}\n`);
    expect(own).not.toContain("\u001b");
  });
});
