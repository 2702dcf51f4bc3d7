// The prompt, hidden input, Ctrl-C and mfa_process against a real terminal (tmux).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startPty, type Pty } from "../support/pty.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const fixture = (name: string) => path.join(import.meta.dirname, "fixtures", name);
const SERIAL = "arn:aws:iam::123456789012:mfa/alice";
const PROMPT = `Enter MFA code for ${SERIAL}: `;

let term: Pty | undefined;
afterEach(async () => {
  await term?.kill();
  term = undefined;
});

function baseEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, LANG: "C.UTF-8", ...extra };
}

/**
 * Runs a fixture as an SDK runs credential_process: stdin not a terminal, stdout and
 * stderr captured, so /dev/tty is its only way to the user. (This also matters for the
 * test: node restores the modes of a terminal on fds 0-2 by itself at exit, which would
 * hide a prompt that leaves the terminal raw.) Afterwards the status, the fixture's
 * stderr and the terminal's settings are printed on the terminal.
 */
async function run(name: string, extra: Record<string, string> = {}): Promise<Pty> {
  const node = `${shq(process.execPath)} --import tsx ${shq(fixture(name))}`;
  const script = [
    `err=$(mktemp)`,
    `${node} </dev/null 2>"$err"`,
    `s=$?`,
    `{ echo "status=$s"; cat "$err"; echo "final-modes:"; stty -a; echo "end-of-report"; } >/dev/tty`,
    `rm -f "$err"`,
  ].join("; ");
  term = await startPty("/bin/sh", ["-c", script], { env: baseEnv(extra), cwd: ROOT, captureStdout: true });
  return term;
}

function shq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * The terminal is back in its normal line mode (echo on, canonical input on) both when
 * the prompt settled (the fixture's "modes:" snapshot, taken before it exits) and after
 * the process is gone. `settled: false` when the process died without a snapshot.
 */
function expectTerminalRestored(screen: string, opts: { settled?: boolean } = {}): void {
  const views = [screen.slice(screen.lastIndexOf("final-modes:"))];
  if (opts.settled ?? true) {
    const snapshot = /modes: (.*)/.exec(screen);
    expect(snapshot, "the fixture's snapshot of the terminal modes").not.toBeNull();
    views.push(snapshot![1]!);
  }
  for (const modes of views) {
    expect(modes).toMatch(/(^|\s)icanon(\s|$)/m);
    expect(modes).toMatch(/(^|\s)echo(\s|$)/m);
    expect(modes).not.toMatch(/\s-echo\s/);
    expect(modes).not.toMatch(/\s-icanon\s/);
  }
}

// Waits for the whole report (status, stderr, stty -a), not just its first line.
const status = async (t: Pty) => Number(/status=(\d+)/.exec(await t.waitFor(/end-of-report/))![1]);

describe("promptCode on a real terminal", () => {
  it("asks on the terminal, re-asks after a wrong entry, and returns the code on stdout only", async () => {
    const t = await run("prompt.ts");
    await t.waitFor(PROMPT); // with its trailing space
    await t.sendLine("12345");
    await t.waitFor("an MFA code has 6 digits, not 5; try again");
    await t.sendLine("12a456");
    await t.waitFor("an MFA code is digits only; try again");
    // Line editing: a typo erased with backspace, and "123 456" as apps display it.
    await t.send("123 4567");
    await t.key("BSpace");
    await t.key("Enter");
    expect(await status(t)).toBe(0);
    expect(t.stdout()).toBe("code=123456\n");
    const screen = await t.screen();
    expect(screen.split(PROMPT.trimEnd()).length - 1).toBe(3);
    expect(screen).toContain(`${PROMPT}12345\n`);
    // Visible, like the AWS CLI; the erased "7" leaves a blank cell behind.
    expect(screen).toMatch(new RegExp(`${escapeRegex(PROMPT)}123 456 *\n`));
    expectTerminalRestored(screen);
  });

  it("gives up after three wrong entries with an MfaError", async () => {
    const t = await run("prompt.ts");
    const entries = ["1", "", "abcdef"];
    for (const [i, entry] of entries.entries()) {
      await t.waitFor(new RegExp(`(${escapeRegex(PROMPT)}[\\s\\S]*){${i + 1}}`));
      await t.sendLine(entry);
    }
    expect(await status(t)).toBe(5);
    const screen = await t.screen();
    expect(screen).toContain(`MfaError: no valid MFA code for ${SERIAL} after 3 tries`);
    expect(screen).toContain("no code entered; try again");
    expect(t.stdout()).toBe("");
    expectTerminalRestored(screen);
  });

  it("restores the terminal and exits 130 on Ctrl-C", async () => {
    const t = await run("prompt.ts");
    await t.waitFor(PROMPT.trimEnd());
    await t.send("12");
    await t.key("C-c");
    expect(await status(t)).toBe(130);
    expect(await t.screen()).toContain("PromptInterruptedError: Interrupted");
    expectTerminalRestored(await t.screen());
  });
});

describe("Tty.readLine on a real terminal", () => {
  it("does not show hidden input, returns it, and restores echo", async () => {
    const t = await run("readLine.ts", { FIXTURE_HIDDEN: "1" });
    await t.waitFor("secret>");
    await t.sendLine("s3cr3t-passphrase");
    expect(await status(t)).toBe(0);
    expect(t.stdout()).toBe('{"line":"s3cr3t-passphrase"}\n');
    const screen = await t.screen();
    expect(screen).not.toContain("s3cr3t");
    expectTerminalRestored(screen);
  });

  it("times out, bounded, and restores the terminal", async () => {
    const t = await run("readLine.ts", { FIXTURE_HIDDEN: "1", FIXTURE_TIMEOUT_MS: "300" });
    expect(await status(t)).toBe(4);
    const screen = await t.screen();
    expect(screen).toContain("TtyReadError: timeout");
    expectTerminalRestored(screen);
  });

  it("treats Ctrl-D on an empty line as end of input", async () => {
    const t = await run("readLine.ts");
    await t.waitFor("secret>");
    await t.key("C-d");
    expect(await status(t)).toBe(4);
    expect(await t.screen()).toContain("TtyReadError: eof");
    expectTerminalRestored(await t.screen());
  });

  it("restores the terminal when the process is killed with SIGTERM mid-prompt", async () => {
    const t = await run("readLine.ts", { FIXTURE_HIDDEN: "1" });
    const pid = Number(/pid=(\d+)/.exec(await t.waitFor(/pid=\d+ secret>/))![1]);
    process.kill(pid, "SIGTERM");
    expect(await status(t)).toBe(128 + 15); // still dies by the signal
    expectTerminalRestored(await t.screen(), { settled: false });
  });
});

describe("the MFA code source on a real terminal", () => {
  // Its own used-code markers: these tests type the same codes every run (src/mfa/usedCodes.ts).
  let stateDir: string;
  beforeEach(() => {
    stateDir = mkdtempSync(path.join(tmpdir(), "stsctl-pty-state-"));
  });
  afterEach(() => rmSync(stateDir, { recursive: true, force: true }));

  it("prompts on the terminal when there is no other source", async () => {
    const t = await run("codeSource.ts", { FIXTURE_REQUEST: JSON.stringify({ profile: "dev", serial: SERIAL }), FIXTURE_STATE_DIR: stateDir });
    await t.waitFor(PROMPT.trimEnd());
    await t.sendLine("246810");
    expect(await status(t)).toBe(0);
    expect(t.stdout()).toBe("code=246810\n");
  });

  it("gives mfa_process the terminal for stdin and stderr, and takes its stdout", async () => {
    const mfaProcess = `printf 'Approve on your phone, then type the code: ' >&2; read answer; echo "$answer"`;
    const t = await run("codeSource.ts", { FIXTURE_REQUEST: JSON.stringify({ profile: "dev", serial: SERIAL, mfaProcess }), FIXTURE_STATE_DIR: stateDir });
    await t.waitFor("Approve on your phone, then type the code:");
    await t.sendLine("  975310");
    expect(await status(t)).toBe(0);
    // Only our fixture's line: the child's stdout reached us, not the terminal or the file.
    expect(t.stdout()).toBe("code=975310\n");
  });
});

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
