// Identifiers shaped like AWS's: key ids and unique ids use the base32
// alphabet AWS uses (A-Z, 2-7) after a four-letter type prefix.
import { randomBytes, randomInt, randomUUID } from "node:crypto";

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

function base32Chars(n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) s += BASE32[randomInt(32)];
  return s;
}

/** AKIA (long-term user key) or ASIA (temporary) + 16 characters. */
export function newAccessKeyId(kind: "AKIA" | "ASIA"): string {
  return kind + base32Chars(16);
}

/** AIDA (user) or AROA (role) + 17 characters: 21 in all, like AWS. */
export function newUniqueId(kind: "AIDA" | "AROA"): string {
  return kind + base32Chars(17);
}

/** 40 characters of base64 alphabet, like an IAM secret access key. */
export function newSecretAccessKey(): string {
  let s = "";
  while (s.length < 40) s += randomBytes(40).toString("base64").replace(/=/g, "");
  return s.slice(0, 40);
}

/**
 * Opaque base64 like a real session token. Real role tokens are several
 * hundred to over a thousand characters and grow with tags and policies;
 * `extraBytes` lets callers mimic that growth.
 */
export function newSessionToken(extraBytes = 0): string {
  // AWS tokens begin with the same bytes ("IQoJb3JpZ2luX2Vj..."); reuse the
  // shape so length/prefix heuristics in clients see something realistic.
  return "IQoJb3JpZ2luX2VjE" + randomBytes(600 + extraBytes).toString("base64");
}

export function newRequestId(): string {
  return randomUUID();
}

/** Base32 TOTP seed, 64 characters like an AWS virtual MFA device's. */
export function newTotpSeed(): string {
  return base32Chars(64);
}
