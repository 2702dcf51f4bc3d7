// Where an MFA code comes from, in this order: --token-code, the profile's
// mfa_process, a stored TOTP seed, a prompt on the terminal. With none of them and no
// terminal it fails at once, so credential_process under an SDK never hangs.
// AWS accepts each code once (docs/aws-limits.md, MFA): every code is recorded before
// it is sent (usedCodes.ts), and none is sent twice.
import { MfaError, UsageError } from "../errors.js";
import type { Logger } from "../io/log.js";
import type { Tty } from "../io/tty.js";
import { runMfaProcess } from "./mfaProcess.js";
import { promptCode } from "./prompt.js";
import { parseSeed, totpCode, totpCounter, TOTP_STEP_SECONDS } from "./totp.js";
import { codeMarked, markCode, reserveCounter } from "./usedCodes.js";

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
  /**
   * A code for `req.serial`. With `refused`, STS's refusal (as invalid) of the last code
   * given for that serial: another code if its source can ask again, else `refused` rethrown.
   */
  code(req: MfaRequest, refused?: Error): Promise<string>;
}

/** Name under which `stsctl mfa add <serial>` stores a device's seed. */
export function seedName(serial: string): string {
  return `totp:${serial}`;
}

// If every window we try is already taken, something is looping; give up rather than wait for ever.
const MAX_WINDOW_WAITS = 3;
// An mfa_process still printing a used code after this many new windows is not printing the current one.
const MAX_PROCESS_WAITS = 2;
// Codes typed at the prompt that STS may refuse before the command gives up (README: exit 5).
const PROMPT_TRIES = 3;
const USED_AT_PROMPT = "that code was already used for this device; wait for the next one";
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
      // The window must be free, and its code neither sent another way nor shown by `stsctl mfa code`.
      if (
        (await reserveCounter(deps.stateDir, req.serial, counter)) &&
        !(await codeMarked(deps.stateDir, req.serial, totpCode(seed, now), now, ["sent", "shown"]))
      ) {
        from(req, "the stored TOTP seed");
        return totpCode(seed, now);
      }
      if (wait >= MAX_WINDOW_WAITS) {
        throw new MfaError(`every MFA code for ${req.serial} in the last ${MAX_WINDOW_WAITS + 1} windows was already used`, {
          hint: "another stsctl process keeps using this device's codes; wait a minute and try again",
        });
      }
      await nextWindow(now, `MFA code for ${req.serial}`);
    }
  }

  // mfa_process prints whatever code its device shows: one stsctl already sent is refused by
  // AWS, so wait for the window to turn and run it again.
  async function fromProcess(req: MfaRequest, command: string): Promise<string> {
    const label = `mfa_process of profile ${req.profile}`;
    for (let wait = 0; ; wait++) {
      const code = await runMfaProcess(command, { env: deps.env, label });
      const now = deps.now();
      if (!(await codeMarked(deps.stateDir, req.serial, code, now))) {
        from(req, "mfa_process");
        return code;
      }
      if (wait >= MAX_PROCESS_WAITS) {
        throw new MfaError(`${label} printed an MFA code already used for ${req.serial} in each of ${wait + 1} windows`, {
          hint: `it must print the current code of the device ${req.serial}: check which entry it reads, and this machine's clock`,
        });
      }
      await nextWindow(now, `MFA code for ${req.serial} from ${label}`);
    }
  }

  async function nextWindow(now: Date, what: string): Promise<void> {
    const left = (totpCounter(now) + 1) * TOTP_STEP_SECONDS * 1000 - now.getTime();
    log.info(`${what} already used; waiting ${Math.ceil(left / 1000)}s for the next one`);
    await deps.sleep(left + WINDOW_MARGIN_MS);
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

  // Serial -> codes typed at the prompt and sent so far; absent when the last code came from elsewhere.
  const prompted = new Map<string, number>();

  return {
    async code(req, refused) {
      const code = refused === undefined ? await obtain(req) : await askAgain(req, refused);
      await markCode(deps.stateDir, req.serial, code, "sent", deps.now());
      return code;
    },
  };

  // Only a person can do better than the code STS just refused: --token-code, mfa_process
  // and a seed would give the same (or an equally wrong) code, so their refusal stands.
  async function askAgain(req: MfaRequest, refused: Error): Promise<string> {
    const sent = prompted.get(req.serial);
    if (sent === undefined) throw refused;
    if (sent >= PROMPT_TRIES) {
      throw new MfaError(`AWS refused ${sent} MFA codes for ${req.serial}`, {
        hint: `enter the current code of the authenticator entry for ${req.serial} (mfa_serial); if its codes keep failing, check the clock of the device that shows them`,
        cause: refused,
      });
    }
    const tty = deps.openTty();
    if (!tty) throw refused;
    try {
      tty.write("AWS refused that code (wrong, or already used); try again\n");
      const code = await ask(tty, req);
      prompted.set(req.serial, sent + 1);
      return code;
    } finally {
      tty.close();
    }
  }

  function ask(tty: Tty, req: MfaRequest): Promise<string> {
    return promptCode(tty, req.serial, {
      refuse: async (code) => ((await codeMarked(deps.stateDir, req.serial, code, deps.now())) ? USED_AT_PROMPT : null),
    });
  }

  async function obtain(req: MfaRequest): Promise<string> {
    prompted.delete(req.serial);
    if (req.tokenCode !== undefined) {
      const code = req.tokenCode.trim();
      if (!/^\d{6}$/.test(code)) {
        throw new UsageError("--token-code must be exactly 6 digits", {
          hint: "pass the code your authenticator app shows for this device, e.g. --token-code 123456",
        });
      }
      // Refused here, not by STS: a second try with the same code cannot succeed.
      if (await codeMarked(deps.stateDir, req.serial, code, deps.now())) {
        throw new MfaError(`the MFA code given with --token-code was already used for ${req.serial}`, {
          hint: "AWS accepts each code once: wait for the next code (a new one every 30 seconds) and pass that",
        });
      }
      from(req, "--token-code");
      return code;
    }
    if (req.mfaProcess) return fromProcess(req, req.mfaProcess);
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
      const code = await ask(tty, req);
      prompted.set(req.serial, 1);
      from(req, "the terminal prompt");
      return code;
    } finally {
      tty.close();
    }
  }
}
