// TOTP as AWS virtual MFA devices use it: RFC 6238, HMAC-SHA-1, 6 digits, 30-second step.
import { authenticator } from "otplib";
import { MfaError } from "../errors.js";

export const TOTP_STEP_SECONDS = 30;

// otplib repeats keys shorter than the hash size (a non-RFC quirk) when their hex
// form is under 20 characters, i.e. under 10 bytes; 16 base32 characters (80 bits)
// keeps us clear of it and is the shortest seed authenticator apps issue.
const MIN_SEED_CHARS = 16;
const MAX_SEED_CHARS = 1024;

/** The 30-second window number (RFC 6238 "T") for `at`. */
export function totpCounter(at: Date): number {
  return Math.floor(at.getTime() / 1000 / TOTP_STEP_SECONDS);
}

/** The 6-digit code for `seedBase32` (as returned by parseSeed) in the window containing `at`. */
export function totpCode(seedBase32: string, at: Date): string {
  const generator = authenticator.clone({ epoch: totpCounter(at) * TOTP_STEP_SECONDS * 1000, step: TOTP_STEP_SECONDS, digits: 6 });
  return generator.generate(seedBase32);
}

/**
 * Normalizes a seed as a user may paste it: a base32 secret (spaces, dashes,
 * lowercase and `=` padding tolerated) or an `otpauth://totp/...?secret=...` URI.
 * Returns the canonical base32 (upper case, unpadded). Never puts the seed in an error.
 */
export function parseSeed(input: string): string {
  const text = input.trim();
  if (/^otpauth:/i.test(text)) return normalizeBase32(secretFromUri(text));
  return normalizeBase32(text);
}

function secretFromUri(text: string): string {
  let uri: URL;
  try {
    uri = new URL(text);
  } catch {
    throw invalid("the otpauth:// URI could not be parsed");
  }
  const type = uri.hostname.toLowerCase();
  if (type === "hotp") {
    throw invalid("it is an HOTP (counter-based) URI; AWS virtual MFA devices use TOTP", "use the device's otpauth://totp/... URI");
  }
  if (type !== "totp") throw invalid(`the URI type "${uri.hostname}" is not "totp"`);
  const algorithm = uri.searchParams.get("algorithm");
  if (algorithm !== null && algorithm.toUpperCase() !== "SHA1") {
    throw invalid(`the URI asks for ${algorithm}; AWS virtual MFA devices use SHA1`);
  }
  const digits = uri.searchParams.get("digits");
  if (digits !== null && digits !== "6") throw invalid(`the URI asks for ${digits} digits; AWS MFA codes have 6`);
  const period = uri.searchParams.get("period");
  if (period !== null && period !== String(TOTP_STEP_SECONDS)) {
    throw invalid(`the URI asks for a ${period}-second period; AWS MFA codes change every 30 seconds`);
  }
  const secret = uri.searchParams.get("secret");
  if (!secret) throw invalid("the URI has no secret= parameter");
  return secret;
}

function normalizeBase32(raw: string): string {
  const s = raw.replace(/[\s-]/g, "").toUpperCase().replace(/=+$/, "");
  if (s === "") throw invalid("it is empty");
  if (!/^[A-Z2-7]+$/.test(s)) throw invalid("it is not base32 (letters A-Z and digits 2-7)");
  // Base32 groups of 8 characters carry 5 bytes; 1, 3 or 6 trailing characters cannot encode whole bytes.
  if ([1, 3, 6].includes(s.length % 8)) throw invalid("its length is not a whole number of bytes in base32; part of it may be missing");
  if (s.length < MIN_SEED_CHARS) throw invalid(`it is ${s.length} characters long; a TOTP seed has at least ${MIN_SEED_CHARS}`);
  if (s.length > MAX_SEED_CHARS) throw invalid("it is too long to be a TOTP seed");
  return s;
}

function invalid(why: string, hint?: string): MfaError {
  return new MfaError(`not a valid TOTP seed: ${why}`, {
    hint: hint ?? "paste the secret key shown when the virtual MFA device was created (base32), or its otpauth://totp/ URI",
  });
}
