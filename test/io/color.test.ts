// Colour on stderr as chalk detects it for stderr, plus NO_COLOR, through the real
// binary: an error's "error:" is red on a terminal and plain everywhere it should be.
// The terminal is util-linux `script`, a real pseudo-terminal that also records the
// bytes written to it, escapes included (a tmux screen shows them already applied).
import { execFile } from "node:child_process";
import { describe, expect, it } from "vitest";
import { useEmptyHome } from "../support/emptyHome.js";
import { BIN, runCli } from "../support/runCli.js";

const { env } = useEmptyHome("stsctl-color-");

const RED_ERROR = "\u001b[31merror:\u001b[39m";

/** What `stsctl args` wrote to its terminal (stdout and stderr both on it), with its status. */
function onTerminal(args: string[], extra: Record<string, string>): Promise<{ status: number; written: string }> {
  const command = [process.execPath, BIN, ...args].map(shq).join(" ");
  return new Promise((resolve, reject) => {
    const child = execFile("script", ["-q", "-e", "-c", command, "/dev/null"], { env: env(extra), timeout: 20_000 }, (error, stdout) => {
      if (error && typeof error.code !== "number") reject(error);
      else resolve({ status: error ? Number(error.code) : 0, written: stdout });
    });
    child.stdin?.end();
  });
}

function shq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

// A command that fails before any network or keychain call, with a rendered error.
const FAILING = [
  ["assume", "no-such-profile"],
  ["credential-process", "no-such-profile"],
];

describe("colour on a terminal", () => {
  it.each(FAILING)("%s: a terminal gets colour", async (...args) => {
    const r = await onTerminal(args, { TERM: "xterm-256color" });
    expect(r.status).toBe(3);
    expect(r.written).toContain(`${RED_ERROR} profile "no-such-profile" not found`);
  });

  it.each([
    ["FORCE_COLOR=0", { FORCE_COLOR: "0" }],
    ["NO_COLOR=1", { NO_COLOR: "1" }],
    ["NO_COLOR=1 over FORCE_COLOR=1", { NO_COLOR: "1", FORCE_COLOR: "1" }],
    ["TERM=dumb", { TERM: "dumb" }],
  ])("%s: no escape codes", async (_name, extra) => {
    for (const args of FAILING) {
      const r = await onTerminal(args, { TERM: "xterm-256color", ...extra });
      expect(r.status).toBe(3);
      expect(r.written).toContain('error: profile "no-such-profile" not found');
      expect(r.written).not.toContain("\u001b");
    }
  });
});

describe("colour on a pipe", () => {
  it("none when stderr is a pipe", async () => {
    for (const args of FAILING) {
      const r = await runCli(args, { env: env({ TERM: "xterm-256color" }) });
      expect(r.status).toBe(3);
      expect(r.stderr).toMatch(/^error: profile "no-such-profile" not found\nhint: /);
      expect(r.stderr).not.toContain("\u001b");
    }
  });

  it("FORCE_COLOR=1 forces it, as chalk reads it", async () => {
    const r = await runCli(FAILING[0]!, { env: env({ FORCE_COLOR: "1" }) });
    expect(r.stderr.startsWith(`${RED_ERROR} profile "no-such-profile" not found\n`)).toBe(true);
  });
});
