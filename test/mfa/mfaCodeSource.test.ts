import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MfaError, UsageError } from "../../src/errors.js";
import { totpCode, totpCounter } from "../../src/mfa/totp.js";
import { reserveCounter } from "../../src/mfa/usedCodes.js";
import { rejection, SEED, SERIAL, setupSource, type SourceOptions, WINDOW } from "./codeSourceSetup.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const NO_TTY_MESSAGE = `MFA code needed for ${SERIAL} (profile prod), but there is no terminal to ask on`;

let stateDir: string;
beforeEach(() => {
  stateDir = mkdtempSync(path.join(tmpdir(), "stsctl-source-"));
});
afterEach(() => rmSync(stateDir, { recursive: true, force: true }));

const setup = (opts: SourceOptions = {}) => setupSource(stateDir, opts);

describe("createMfaCodeSource: which source wins", () => {
  const marker = () => path.join(stateDir, "mfa-process-ran");
  const mfaProcess = () => `touch '${marker()}'; echo 222222`;

  it("uses --token-code before anything else, and runs nothing", async () => {
    const s = setup({ seed: SEED });
    expect(await s.source.code({ profile: "prod", serial: SERIAL, tokenCode: " 111111 ", mfaProcess: mfaProcess() })).toBe("111111");
    expect(existsSync(marker())).toBe(false);
    expect(s.seedLookups).toEqual([]);
    expect(s.ttyOpens()).toBe(0);
  });

  it("rejects a --token-code that is not 6 digits, without falling back to other sources", async () => {
    for (const tokenCode of ["12345", "1234567", "12a456", ""]) {
      const s = setup({ seed: SEED });
      const e = await rejection(s.source.code({ profile: "prod", serial: SERIAL, tokenCode, mfaProcess: mfaProcess() }));
      expect(e).toBeInstanceOf(UsageError);
      expect(e.message).toBe("--token-code must be exactly 6 digits");
      expect(existsSync(marker())).toBe(false);
      expect(s.seedLookups).toEqual([]);
    }
  });

  it("runs mfa_process before looking for a seed or a terminal", async () => {
    const s = setup({ seed: SEED });
    expect(await s.source.code({ profile: "prod", serial: SERIAL, mfaProcess: mfaProcess() })).toBe("222222");
    expect(existsSync(marker())).toBe(true);
    expect(s.seedLookups).toEqual([]);
    expect(s.ttyOpens()).toBe(0);
  });

  it("does not fall back when mfa_process fails", async () => {
    const s = setup({ seed: SEED });
    const e = await rejection(s.source.code({ profile: "prod", serial: SERIAL, mfaProcess: "exit 7" }));
    expect(e).toBeInstanceOf(MfaError);
    expect(e.message).toBe("mfa_process of profile prod exited with status 7");
    expect(s.seedLookups).toEqual([]);
  });

  it("uses the stored seed (looked up as totp:<serial>) before the terminal", async () => {
    const s = setup({ seed: SEED });
    const code = await s.source.code({ profile: "prod", serial: SERIAL });
    expect(code).toBe(totpCode(SEED, new Date(s.now())));
    expect(s.seedLookups).toEqual([`totp:${SERIAL}`]);
    expect(s.ttyOpens()).toBe(0);
  });

  it("asks the terminal last, and without one fails at once with what to do", async () => {
    const s = setup();
    const e = await rejection(s.source.code({ profile: "prod", serial: SERIAL }));
    expect(s.ttyOpens()).toBe(1);
    expect(e).toBeInstanceOf(MfaError);
    expect(e.message).toBe(NO_TTY_MESSAGE);
    expect((e as MfaError).hint).toBe(
      `run "stsctl assume prod" in a terminal first (the session is then cached; stsctl assume also takes --token-code), ` +
        `set mfa_process, or store the device's seed with "stsctl mfa add ${SERIAL}" (a stored seed needs an unlocked keychain)`,
    );
    expect(s.sleeps).toEqual([]);
  });

  it("goes on to the terminal when the seed store cannot be read, with a warning", async () => {
    const s = setup({
      seed: async () => {
        throw new Error("the keychain is locked");
      },
    });
    const e = await rejection(s.source.code({ profile: "prod", serial: SERIAL }));
    expect(e.message).toBe(NO_TTY_MESSAGE);
    expect(s.logged.join("")).toContain(`warning: could not read the stored TOTP seed for ${SERIAL}: the keychain is locked`);
  });

  it("says which source it used in the debug log, never the code", async () => {
    const s = setup({ seed: SEED });
    const fromSeed = await s.source.code({ profile: "prod", serial: SERIAL });
    await s.source.code({ profile: "prod", serial: SERIAL, tokenCode: "314159" });
    const log = s.logged.join("");
    expect(log).toContain(`debug: MFA code for ${SERIAL} (profile prod) from the stored TOTP seed`);
    expect(log).toContain(`debug: MFA code for ${SERIAL} (profile prod) from --token-code`);
    expect(log).not.toContain(fromSeed);
    expect(log).not.toContain("314159");
  });

  it("refuses a stored seed that is not valid, naming the fix", async () => {
    const s = setup({ seed: "not a seed!" });
    const e = await rejection(s.source.code({ profile: "prod", serial: SERIAL }));
    expect(e.message).toBe(`the stored TOTP seed for ${SERIAL} is not valid`);
    expect((e as MfaError).hint).toBe(`store it again with "stsctl mfa add ${SERIAL}"`);
  });
});

describe("createMfaCodeSource: a TOTP code is used once", () => {
  it("waits for the next window when the current code was used, and says so", async () => {
    const s = setup({ seed: SEED });
    expect(await reserveCounter(stateDir, SERIAL, WINDOW)).toBe(true); // another process took it
    const code = await s.source.code({ profile: "prod", serial: SERIAL });
    expect(s.logged.join("")).toContain(`MFA code for ${SERIAL} already used; waiting 12s for the next one\n`);
    expect(s.sleeps).toHaveLength(1);
    expect(totpCounter(new Date(s.now()))).toBe(WINDOW + 1);
    expect(code).toBe(totpCode(SEED, new Date((WINDOW + 1) * 30_000)));
  });

  it("gives consecutive callers codes from consecutive windows", async () => {
    const s = setup({ seed: SEED });
    const first = await s.source.code({ profile: "prod", serial: SERIAL });
    const second = await s.source.code({ profile: "prod", serial: SERIAL });
    expect(first).toBe(totpCode(SEED, new Date(WINDOW * 30_000)));
    expect(second).toBe(totpCode(SEED, new Date((WINDOW + 1) * 30_000)));
  });

  it("never sends from the seed a code already sent another way (--token-code, mfa_process, a prompt)", async () => {
    const s = setup({ seed: SEED });
    const typed = totpCode(SEED, new Date(WINDOW * 30_000));
    expect(await s.source.code({ profile: "prod", serial: SERIAL, tokenCode: typed })).toBe(typed);
    // Same window: the seed would produce the very code just typed, so it waits for the next one.
    const fromSeed = await s.source.code({ profile: "prod", serial: SERIAL });
    expect(fromSeed).not.toBe(typed);
    expect(fromSeed).toBe(totpCode(SEED, new Date((WINDOW + 1) * 30_000)));
    expect(s.sleeps).toHaveLength(1);
  });

  it("gives up, bounded, when every window it waits for is taken", async () => {
    const s = setup({ seed: SEED });
    for (let w = WINDOW; w < WINDOW + 10; w++) await reserveCounter(stateDir, SERIAL, w);
    const e = await rejection(s.source.code({ profile: "prod", serial: SERIAL }));
    expect(e).toBeInstanceOf(MfaError);
    expect(e.message).toMatch(/already used/);
    expect(s.sleeps).toHaveLength(3);
  });
});

describe("createMfaCodeSource in a process with no controlling terminal", () => {
  it("fails at once with the MfaError, exit code 5, nothing on stdout", async () => {
    // setsid: a new session has no controlling terminal, like an SDK's credential_process.
    const child = spawn("setsid", [process.execPath, "--import", "tsx", path.join(import.meta.dirname, "fixtures/codeSource.ts")], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        FIXTURE_REQUEST: JSON.stringify({ profile: "prod", serial: SERIAL }),
        FIXTURE_STATE_DIR: stateDir,
      },
      stdio: ["pipe", "pipe", "pipe"], // stdin open but silent: it must not be read
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d));
    child.stderr.on("data", (d: Buffer) => (stderr += d));
    const started = Date.now();
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    const wall = Date.now() - started;
    expect(stderr).toContain(`MfaError: ${NO_TTY_MESSAGE}\n`);
    expect(stderr).toContain('hint: run "stsctl assume prod" in a terminal first');
    expect(code).toBe(5);
    expect(stdout).toBe("");
    // code() itself, measured inside the process; the wall time includes starting node + tsx.
    expect(Number(/elapsed=(\d+)/.exec(stderr)![1])).toBeLessThan(250);
    expect(wall).toBeLessThan(10_000);
  });
});
