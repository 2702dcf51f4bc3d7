// Where an MFA code comes from, in this order: --token-code, the profile's
// mfa_process, a stored TOTP seed, a prompt on the terminal. With none of them and no
// terminal it fails at once, so credential_process under an SDK never hangs.
import { MfaError, UsageError } from "../errors.js";
import type { Logger } from "../io/log.js";
import type { Tty } from "../io/tty.js";
import { runMfaProcess } from "./mfaProcess.js";
import { promptCode } from "./prompt.js";
import { parseSeed, totpCode, totpCounter, TOTP_STEP_SECONDS } from "./totp.js";
import { codeRecentlyUsed, markCodeUsed, reserveCounter } from "./usedCodes.js";

export interface MfaRequest {
  profile: string;
  serial: string;
  /** --token-code */
  tokenCode?: string;
  /** The profile's mfa_process. */
  mfaProcess?: string;
}

/** The one method of the secret store this module needs (see src/store). */
export interface SeedStore {
  get(name: string): Promise<string | null>;
}

export interface MfaCodeSourceDeps {
  env: NodeJS.ProcessEnv;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  log: Logger;
  /** Looked up as "totp:<serial>". */
  seeds: SeedStore;
  openTty: () => Tty | null;
  /** Holds the used-code markers (usedCodes.ts). */
  stateDir: string;
}

export interface MfaCodeSource {
  code(req: MfaRequest): Promise<string>;
}

/** Name under which `stsctl mfa add <serial>` stores a device's seed. */
export function seedName(serial: string): string {
  return `totp:${serial}`;
}

// If every window we try is already taken, something is looping; give up rather than wait for ever.
const MAX_WINDOW_WAITS = 3;
// Land safely inside the next window, not on its edge.
const WINDOW_MARGIN_MS = 200;

export function createMfaCodeSource(deps: MfaCodeSourceDeps): MfaCodeSource {
  const { log } = deps;
  const from = (req: MfaRequest, source: string) => log.debug(`MFA code for ${req.serial} (profile ${req.profile}) from ${source}`);

  async function fromSeed(req: MfaRequest, stored: string): Promise<string> {
    let seed: string;
    try {
      seed = parseSeed(stored);
    } catch (e) {
      throw new MfaError(`the stored TOTP seed for ${req.serial} is not valid`, {
        hint: `store it again with "stsctl mfa add ${req.serial}"`,
        cause: e,
      });
    }
    for (let wait = 0; ; wait++) {
      const now = deps.now();
      const counter = totpCounter(now);
      // The window must be free, and its code not already sent by hand (or by mfa_process).
      if ((await reserveCounter(deps.stateDir, req.serial, counter)) && !(await codeRecentlyUsed(deps.stateDir, req.serial, totpCode(seed, now), now))) {
        from(req, "the stored TOTP seed");
        return totpCode(seed, now);
      }
      if (wait >= MAX_WINDOW_WAITS) {
        throw new MfaError(`every MFA code for ${req.serial} in the last ${MAX_WINDOW_WAITS + 1} windows was already used`, {
          hint: "another stsctl process keeps using this device's codes; wait a minute and try again",
        });
      }
      const left = (counter + 1) * TOTP_STEP_SECONDS * 1000 - now.getTime();
      log.info(`MFA code for ${req.serial} already used; waiting ${Math.ceil(left / 1000)}s for the next one`);
      await deps.sleep(left + WINDOW_MARGIN_MS);
    }
  }

  async function storedSeed(req: MfaRequest): Promise<string | null> {
    try {
      return await deps.seeds.get(seedName(req.serial));
    } catch (e) {
      // A locked or absent keychain should not stop a user who can type the code.
      log.warn(`could not read the stored TOTP seed for ${req.serial}: ${e instanceof Error ? e.message : String(e)}`);
      return null;
    }
  }

  return {
    async code(req) {
      const code = await obtain(req);
      await markCodeUsed(deps.stateDir, req.serial, code, deps.now());
      return code;
    },
  };

  async function obtain(req: MfaRequest): Promise<string> {
    if (req.tokenCode !== undefined) {
      const code = req.tokenCode.trim();
      if (!/^\d{6}$/.test(code)) {
        throw new UsageError("--token-code must be exactly 6 digits", {
          hint: "pass the code your authenticator app shows for this device, e.g. --token-code 123456",
        });
      }
      from(req, "--token-code");
      return code;
    }
    if (req.mfaProcess) {
      const code = await runMfaProcess(req.mfaProcess, { env: deps.env, label: `mfa_process of profile ${req.profile}` });
      from(req, "mfa_process");
      return code;
    }
    const stored = await storedSeed(req);
    if (stored !== null) return fromSeed(req, stored);

    const tty = deps.openTty();
    if (!tty) {
      throw new MfaError(`MFA code needed for ${req.serial} (profile ${req.profile}), but there is no terminal to ask on`, {
        hint:
          `run "stsctl assume ${req.profile}" in a terminal first (the session is then cached; stsctl assume also takes --token-code), ` +
          `set mfa_process, or store the device's seed with "stsctl mfa add ${req.serial}" (a stored seed needs an unlocked keychain)`,
      });
    }
    try {
      const code = await promptCode(tty, req.serial);
      from(req, "the terminal prompt");
      return code;
    } finally {
      tty.close();
    }
  }
}
