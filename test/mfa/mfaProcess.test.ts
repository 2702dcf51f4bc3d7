import { describe, expect, it } from "vitest";
import { MfaError } from "../../src/errors.js";
import { runMfaProcess } from "../../src/mfa/mfaProcess.js";

// No terminal for these runs, whatever terminal the test runner has: the terminal
// case is covered in a real pseudo-terminal by prompt.pty.test.ts.
const base = { env: { PATH: process.env.PATH }, openTtyFds: () => null };

async function failure(command: string, opts: Partial<Parameters<typeof runMfaProcess>[1]> = {}): Promise<MfaError> {
  try {
    await runMfaProcess(command, { ...base, ...opts });
  } catch (e) {
    expect(e).toBeInstanceOf(MfaError);
    return e as MfaError;
  }
  throw new Error("expected runMfaProcess to fail");
}

describe("runMfaProcess", () => {
  it("returns the 6 digits the command prints, trimmed", async () => {
    expect(await runMfaProcess("printf '  123456\\n\\n'", base)).toBe("123456");
  });

  it("runs the command line through the shell with the given environment", async () => {
    const env = { PATH: process.env.PATH, CODE_PART: "987" };
    expect(await runMfaProcess('x=654; echo "$CODE_PART$x" | tr -d " "', { ...base, env })).toBe("987654");
  });

  it("gives the command no stdin when there is no terminal, so it cannot wait for an answer", async () => {
    expect(await runMfaProcess("if read line; then echo 111111; else echo 222222; fi", base)).toBe("222222");
  });

  it("reports a non-zero exit with its status, without the command's output", async () => {
    const e = await failure("echo 'SECRET-OUTPUT 424242'; exit 3", { label: 'mfa_process of profile "prod"' });
    expect(e.message).toBe('mfa_process of profile "prod" exited with status 3');
    expect(e.hint).toMatch(/run the mfa_process of profile "prod" command by hand/);
    expect(`${e.message}${e.hint}`).not.toMatch(/SECRET|424242/);
  });

  it("reports output that is not a 6-digit code, without repeating it", async () => {
    for (const out of ["hunter2-password", "1234567", "123 456 789", "12345\n678901"]) {
      const e = await failure(`printf '%s' '${out}'`);
      expect(e.message).toMatch(/^mfa_process succeeded but did not print a 6-digit code \(it printed \d+ characters/);
      expect(e.message).not.toContain(out.split("\n")[0]!);
    }
    expect((await failure("true")).message).toMatch(/it printed nothing/);
  });

  it("stops a command that runs past the timeout, promptly", async () => {
    const started = Date.now();
    const e = await failure("sleep 5; echo 123456", { timeoutMs: 300 });
    expect(e.message).toMatch(/did not print a code within 300 ms and was stopped/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("reports a command killed by a signal", async () => {
    const e = await failure("kill -KILL $$");
    expect(e.message).toMatch(/killed by SIGKILL/);
  });

  it("does not wait for a background process that keeps stdout open", async () => {
    const started = Date.now();
    expect(await runMfaProcess("(sleep 3 &); echo 135791", base)).toBe("135791");
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("stops reading a command that floods stdout", async () => {
    const e = await failure("yes 1234567890 2>/dev/null");
    expect(e.message).toMatch(/printed more than \d+ bytes/);
  });
});
