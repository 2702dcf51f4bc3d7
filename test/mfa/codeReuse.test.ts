// No source sends a code already sent for the device (src/mfa/usedCodes.ts), and only
// the terminal prompt asks again after STS refused a code (docs/aws-limits.md, MFA).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AwsError, MfaError } from "../../src/errors.js";
import { totpCounter } from "../../src/mfa/totp.js";
import { markCode } from "../../src/mfa/usedCodes.js";
import { rejection, SEED, SERIAL, setupSource, type SourceOptions, WINDOW } from "./codeSourceSetup.js";

let stateDir: string;
beforeEach(() => {
  stateDir = mkdtempSync(path.join(tmpdir(), "stsctl-reuse-"));
});
afterEach(() => rmSync(stateDir, { recursive: true, force: true }));
const setup = (opts: SourceOptions = {}) => setupSource(stateDir, opts);

describe("createMfaCodeSource: no source sends a code already sent", () => {
  const refusal = () => new AwsError("AccessDenied", "MultiFactorAuthentication failed with invalid MFA one time pass code.");

  it("refuses a --token-code already sent for the device, before anything is sent; a code only shown by `mfa code` is passed on", async () => {
    const s = setup();
    expect(await s.source.code({ profile: "prod", serial: SERIAL, tokenCode: "314159" })).toBe("314159");
    const e = await rejection(s.source.code({ profile: "prod", serial: SERIAL, tokenCode: "314159" }));
    expect(e).toBeInstanceOf(MfaError);
    expect(e.message).toBe(`the MFA code given with --token-code was already used for ${SERIAL}`);
    expect((e as MfaError).hint).toContain("wait for the next code");
    // Another device's codes are its own.
    expect(await s.source.code({ profile: "prod", serial: `${SERIAL}-2`, tokenCode: "314159" })).toBe("314159");
    await markCode(stateDir, SERIAL, "271828", "shown", new Date(s.now()));
    expect(await s.source.code({ profile: "prod", serial: SERIAL, tokenCode: "271828" })).toBe("271828");
  });

  it("runs mfa_process again in the next window when it printed a code already sent", async () => {
    const s = setup();
    const runs = path.join(stateDir, "runs");
    // First run: the code just sent; later runs: a new one.
    const mfaProcess = `echo run >> '${runs}'; if [ "$(wc -l < '${runs}')" -eq 1 ]; then echo 111111; else echo 222222; fi`;
    await s.source.code({ profile: "prod", serial: SERIAL, tokenCode: "111111" });
    expect(await s.source.code({ profile: "prod", serial: SERIAL, mfaProcess })).toBe("222222");
    expect(s.sleeps).toHaveLength(1);
    expect(totpCounter(new Date(s.now()))).toBe(WINDOW + 1);
    expect(s.logged.join("")).toContain(`MFA code for ${SERIAL} from mfa_process of profile prod already used; waiting 12s for the next one\n`);
  });

  it("gives up on an mfa_process that keeps printing a code already sent, after two more windows", async () => {
    const s = setup();
    await s.source.code({ profile: "prod", serial: SERIAL, tokenCode: "111111" });
    const e = await rejection(s.source.code({ profile: "prod", serial: SERIAL, mfaProcess: "echo 111111" }));
    expect(e).toBeInstanceOf(MfaError);
    expect(e.message).toBe(`mfa_process of profile prod printed an MFA code already used for ${SERIAL} in each of 3 windows`);
    expect(s.sleeps).toHaveLength(2);
  });

  it("gives STS's refusal back for --token-code, mfa_process and a seed: none is asked again", async () => {
    const s = setup({ seed: SEED, typed: ["555555"] });
    for (const req of [{ tokenCode: "111111" }, { mfaProcess: "echo 222222" }, {}]) {
      await s.source.code({ profile: "prod", serial: SERIAL, ...req });
      const refused = refusal();
      expect(await rejection(s.source.code({ profile: "prod", serial: SERIAL, ...req }, refused))).toBe(refused);
    }
    expect(s.ttyOpens()).toBe(0);
  });

  it("asks the terminal again after STS refused a typed code, three codes in all, then an MfaError", async () => {
    const s = setup({ typed: ["111111", "222222", "333333", "444444"] });
    const req = { profile: "prod", serial: SERIAL };
    expect(await s.source.code(req)).toBe("111111");
    expect(await s.source.code(req, refusal())).toBe("222222");
    expect(await s.source.code(req, refusal())).toBe("333333");
    const refused = refusal();
    const e = await rejection(s.source.code(req, refused));
    expect(e).toBeInstanceOf(MfaError);
    expect(e.message).toBe(`AWS refused 3 MFA codes for ${SERIAL}`);
    expect(e.cause).toBe(refused);
    expect(s.shown.filter((t) => t === "AWS refused that code (wrong, or already used); try again\n")).toHaveLength(2);
  });

  it("gives the refusal back when the terminal is gone by then", async () => {
    const s = setup({ typed: ["111111"] });
    const req = { profile: "prod", serial: SERIAL };
    await s.source.code(req);
    const refused = refusal();
    expect(await rejection(s.source.code(req, refused))).toBe(refused);
  });
});
