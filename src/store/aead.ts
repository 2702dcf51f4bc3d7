import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

// AES-256-GCM with a fresh 12-byte IV per message. Callers bind their clear
// metadata as AAD so it cannot be altered without the tag failing.

export interface Sealed {
  iv: string;
  tag: string;
  ct: string;
}

export function seal(key: Buffer, plaintext: Buffer, aad: Buffer): Sealed {
  if (key.length !== 32) throw new RangeError("AES-256-GCM needs a 32-byte key");
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(aad);
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv: iv.toString("base64"), tag: cipher.getAuthTag().toString("base64"), ct: ct.toString("base64") };
}

/** The plaintext, or null when anything is wrong (bad key, tampering, truncation, malformed fields). */
export function open(key: Buffer, sealed: unknown, aad: Buffer): Buffer | null {
  if (typeof sealed !== "object" || sealed === null) return null;
  const { iv, tag, ct } = sealed as Record<string, unknown>;
  if (typeof iv !== "string" || typeof tag !== "string" || typeof ct !== "string") return null;
  const ivBuf = Buffer.from(iv, "base64");
  const tagBuf = Buffer.from(tag, "base64");
  if (ivBuf.length !== 12 || tagBuf.length !== 16 || key.length !== 32) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, ivBuf, { authTagLength: 16 });
    decipher.setAAD(aad);
    decipher.setAuthTag(tagBuf);
    return Buffer.concat([decipher.update(Buffer.from(ct, "base64")), decipher.final()]);
  } catch {
    return null;
  }
}
