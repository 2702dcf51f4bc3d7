import { createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MfaError } from "../../src/errors.js";
import { parseSeed, totpCode, totpCounter } from "../../src/mfa/totp.js";

// RFC 6238 appendix B, SHA-1 rows: seed "12345678901234567890" (ASCII), 8-digit codes.
const RFC_SEED_BASE32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const RFC_VECTORS: Array<[number, string]> = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
  [20000000000, "65353130"],
];

// An independent HOTP (RFC 4226) over node:crypto, as a second oracle for arbitrary seeds.
function referenceCode(key: Buffer, counter: number): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac("sha1", key).update(msg).digest();
  const off = mac[mac.length - 1]! & 0x0f;
  const bin = mac.readUInt32BE(off) & 0x7fffffff;
  return String(bin % 1_000_000).padStart(6, "0");
}

function base32(bytes: Buffer): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0;
  let value = 0;
  let out = "";
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}

describe("totpCode", () => {
  it.each(RFC_VECTORS)("matches RFC 6238 at T=%i (last 6 digits of %s)", (seconds, eight) => {
    expect(totpCode(RFC_SEED_BASE32, new Date(seconds * 1000))).toBe(eight.slice(2));
  });

  it("agrees with an independent HMAC-SHA-1 implementation for seeds of 10 to 64 bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 10, maxLength: 64 }), fc.integer({ min: 0, max: 2 ** 40 }), (bytes, ms) => {
        const key = Buffer.from(bytes);
        const at = new Date(ms);
        expect(totpCode(parseSeed(base32(key)), at)).toBe(referenceCode(key, Math.floor(ms / 30_000)));
      }),
      { numRuns: 200 },
    );
  });

  it("is the same throughout a 30-second window and changes at its edge", () => {
    const start = 1_700_000_010 * 1000; // a multiple of 30 s
    expect(totpCounter(new Date(start))).toBe(totpCounter(new Date(start + 29_999)));
    expect(totpCounter(new Date(start + 30_000))).toBe(totpCounter(new Date(start)) + 1);
    expect(totpCode(RFC_SEED_BASE32, new Date(start))).toBe(totpCode(RFC_SEED_BASE32, new Date(start + 29_999)));
  });

  it("counts 30-second steps since the Unix epoch", () => {
    expect(totpCounter(new Date(59_000))).toBe(1);
    expect(totpCounter(new Date(1111111109_000))).toBe(0x23523ec);
  });
});

describe("parseSeed", () => {
  const seed = RFC_SEED_BASE32;

  it.each([
    ["plain", seed],
    ["lowercase", seed.toLowerCase()],
    ["grouped with spaces", seed.match(/.{4}/g)!.join(" ")],
    ["with padding and surrounding whitespace", `  ${seed.slice(0, 26)}======\n`],
    ["an otpauth URI", `otpauth://totp/Amazon%20Web%20Services:alice@123456789012?secret=${seed}&issuer=Amazon%20Web%20Services`],
    ["an otpauth URI with explicit SHA1/6/30", `otpauth://totp/x?secret=${seed.toLowerCase()}&algorithm=SHA1&digits=6&period=30`],
  ])("accepts %s", (_name, input) => {
    const parsed = parseSeed(input);
    expect(parsed).toMatch(/^[A-Z2-7]+$/);
    expect(seed.startsWith(parsed)).toBe(true);
  });

  it("accepts an unpadded base32 of whole bytes (26 chars = 16 bytes)", () => {
    expect(parseSeed(`${seed.slice(0, 26)}======`)).toBe(seed.slice(0, 26));
  });

  it.each([
    ["an HOTP URI", `otpauth://hotp/x?secret=${seed}&counter=1`, /HOTP/],
    ["SHA256", `otpauth://totp/x?secret=${seed}&algorithm=SHA256`, /SHA256.*SHA1/],
    ["8 digits", `otpauth://totp/x?secret=${seed}&digits=8`, /8 digits/],
    ["a 60-second period", `otpauth://totp/x?secret=${seed}&period=60`, /60-second/],
    ["a URI without a secret", "otpauth://totp/x?issuer=AWS", /no secret/],
    ["characters outside base32", "GEZDGNBVGY3TQOJ1GEZDGNBVGY3TQOJQ", /not base32/],
    ["a truncated seed", seed.slice(0, 25), /whole number of bytes/],
    ["a too short seed", "GEZDGNBV", /at least 16/],
    ["nothing", "   ", /empty/],
  ])("rejects %s with a clear MfaError that does not repeat the seed", (_name, input, message) => {
    let error: unknown;
    try {
      parseSeed(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MfaError);
    const e = error as MfaError;
    expect(e.message).toMatch(/^not a valid TOTP seed: /);
    expect(e.message).toMatch(message);
    expect(e.hint).toBeTruthy();
    expect(`${e.message} ${e.hint}`).not.toContain(seed.slice(0, 16));
  });
});
