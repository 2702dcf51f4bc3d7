// MFA on STS calls: RFC 6238 TOTP (SHA-1, 6 digits, 30 s) checked against the
// emulator clock, one step of drift either way, and each code accepted once
// per device, as AWS does.
import { authenticator } from "otplib";
import { accessDenied } from "./stsError.js";
import type { Params } from "./params.js";
import type { User, World } from "./world.js";

const STEP_SECONDS = 30;

export const MFA_INVALID_CODE = "MultiFactorAuthentication failed with invalid MFA one time pass code.";
export const MFA_UNABLE_TO_VALIDATE =
  "MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.";
export const MFA_PROVIDE_BOTH = "MultiFactorAuthentication failed, must provide both MFA serial number and one time pass code.";

/** The 6-digit code a device with this base32 seed shows at `at`. */
export function totp(seed: string, at: Date): string {
  return authenticator.clone({ epoch: at.getTime(), step: STEP_SECONDS, digits: 6 }).generate(seed);
}

const stepOf = (at: Date) => Math.floor(at.getTime() / 1000 / STEP_SECONDS);

/** SerialNumber and TokenCode from a request: both, neither (undefined), or an error. */
export function mfaParams(params: Params): { serial: string; code: string } | undefined {
  const serial = params.SerialNumber;
  const code = params.TokenCode;
  if (serial === undefined && code === undefined) return undefined;
  if (serial === undefined || code === undefined) throw accessDenied(MFA_PROVIDE_BOTH);
  return { serial, code };
}

/**
 * Checks a code for the device `serial`, which must belong to `owner` (the
 * long-term user behind the caller). Returns the authentication time.
 */
export function verifyMfa(world: World, serial: string, code: string, owner: User | undefined): Date {
  const device = world.mfaDevices.get(serial);
  if (!device || !owner || device.user.arn !== owner.arn) throw accessDenied(MFA_UNABLE_TO_VALIDATE);
  const now = world.clock.now();
  const current = stepOf(now);
  let matched: number | undefined;
  for (const delta of [0, -1, 1]) {
    const step = current + delta;
    if (totp(device.seed, new Date(step * STEP_SECONDS * 1000)) === code) {
      matched = step;
      break;
    }
  }
  if (matched === undefined) throw accessDenied(MFA_INVALID_CODE);
  // A code seen within the acceptance window is a replay, not a new code.
  if (device.accepted.some((a) => a.code === code && Math.abs(a.step - matched) <= 2)) throw accessDenied(MFA_INVALID_CODE);
  device.accepted = device.accepted.filter((a) => a.step >= current - 3);
  device.accepted.push({ code, step: matched });
  return now;
}
