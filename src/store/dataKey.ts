import { createHmac, randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import { StoreError } from "../errors.js";
import { registerSecret } from "../io/redact.js";
import { ensurePrivateDir } from "../io/privateDir.js";
import { readRegularFile } from "../io/readRegularFile.js";
import type { Keychain } from "./keychain.js";
import { withLock } from "../io/lock.js";

/** Keychain account holding the base64 data key that encrypts the session cache. */
export const SESSION_KEY_ACCOUNT = "session-key";

/**
 * The 32-byte data key kept in the OS keychain, created on first use and
 * memoized for the process. With `lockDir`, creation happens under a lock so
 * that parallel first runs agree on one key instead of overwriting each other's.
 */
export function keychainDataKey(keychain: Keychain, opts: { lockDir?: string } = {}): () => Promise<Buffer> {
  let memo: Promise<Buffer> | undefined;
  const load = async (): Promise<Buffer> => {
    const existing = decode(await keychain.get(SESSION_KEY_ACCOUNT));
    if (existing) return existing;
    const create = async () => {
      const again = decode(await keychain.get(SESSION_KEY_ACCOUNT));
      if (again) return again;
      const key = randomBytes(32);
      await keychain.set(SESSION_KEY_ACCOUNT, key.toString("base64"));
      return key;
    };
    return opts.lockDir ? withLock(SESSION_KEY_ACCOUNT, create, { dir: opts.lockDir, waitMs: 10_000 }) : create();
  };
  return () => {
    memo ??= load().catch((e: unknown) => {
      memo = undefined; // let a later call retry (e.g. after the keychain is unlocked)
      throw e;
    });
    return memo;
  };
}

// A value that is not 32 bytes of base64 (hand-edited, truncated) is treated as absent and replaced.
function decode(value: string | null): Buffer | null {
  if (value === null) return null;
  const key = Buffer.from(value, "base64");
  return key.length === 32 ? key : null;
}

interface SaltFile {
  v: 1;
  kdf: "scrypt";
  N: number;
  r: number;
  p: number;
  salt: string;
  /** HMAC of a fixed label under the derived key: proves the passphrase without revealing the key. */
  check: string;
}

const KDF = { N: 1 << 15, r: 8, p: 1 };
const CHECK_LABEL = "stsctl file vault passphrase check v1";

/**
 * The data key for STSCTL_KEYRING=file: scrypt of the passphrase with a random
 * salt kept in `saltFile` (created on first use, 0600), and a verifier so a
 * wrong passphrase is reported as such instead of every entry failing to decrypt.
 */
export function passphraseDataKey(passphrase: () => Promise<string>, saltFile: string): () => Promise<Buffer> {
  let memo: Promise<Buffer> | undefined;
  const load = async (): Promise<Buffer> => {
    const pass = await passphrase();
    registerSecret(pass);
    if (pass.length === 0) {
      throw new StoreError("the passphrase for the stsctl file vault is empty", {
        hint: "Set STSCTL_FILE_PASSPHRASE or type a non-empty passphrase.",
      });
    }
    let salt = await readSaltFile(saltFile);
    if (!salt) salt = await createSaltFile(saltFile, pass);
    const key = await derive(pass, salt);
    if (!timingSafeEqual(Buffer.from(salt.check, "base64"), checkOf(key))) {
      throw new StoreError("wrong passphrase for the stsctl file vault", {
        hint: `Use the passphrase the vault was created with (STSCTL_FILE_PASSPHRASE or the prompt); if it is lost, delete ${saltFile} and the vault files beside it to start over.`,
      });
    }
    return key;
  };
  return () => {
    memo ??= load().catch((e: unknown) => {
      memo = undefined;
      throw e;
    });
    return memo;
  };
}

/**
 * Whether `key` is the current vault's key, by the salt file's verifier: cheap (one
 * HMAC, no scrypt), so a key agent's answer can be checked on every use. False when
 * the vault was reset (new salt) since the agent learned its key.
 */
export async function keyOpensVault(key: Buffer, saltFile: string): Promise<boolean> {
  const salt = await readSaltFile(saltFile);
  if (!salt) return false;
  const expected = Buffer.from(salt.check, "base64");
  const actual = checkOf(key);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

function checkOf(key: Buffer): Buffer {
  return createHmac("sha256", key).update(CHECK_LABEL).digest();
}

function derive(pass: string, s: SaltFile): Promise<Buffer> {
  const options: ScryptOptions = { N: s.N, r: s.r, p: s.p, maxmem: 256 * s.N * s.r + 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scryptCb(pass.normalize("NFC"), Buffer.from(s.salt, "base64"), 32, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

async function readSaltFile(file: string): Promise<SaltFile | null> {
  let text: string;
  try {
    text = (
      await readRegularFile(file, {
        maxBytes: 4096,
        refuse: (why) =>
          new StoreError(`the stsctl file vault salt at ${file} ${why.text}`, { hint: `Delete ${file} and the vault files beside it to start over.` }),
      })
    ).toString("utf8");
  } catch (e) {
    if (e instanceof StoreError) throw e;
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new StoreError(`cannot read the stsctl file vault salt at ${file}: ${(e as Error).message}`, {
      hint: "Check the file's permissions.",
    });
  }
  try {
    const s = JSON.parse(text) as Partial<SaltFile>;
    const ok =
      s.v === 1 &&
      s.kdf === "scrypt" &&
      typeof s.salt === "string" &&
      typeof s.check === "string" &&
      [s.N, s.r, s.p].every((n) => Number.isInteger(n) && (n as number) > 0) &&
      (s.N as number) <= 1 << 20;
    if (ok) return s as SaltFile;
  } catch {
    /* fall through */
  }
  throw new StoreError(`the stsctl file vault salt at ${file} is corrupt`, {
    hint: `Without it the vault cannot be opened; delete ${file} and the vault files beside it to start over.`,
  });
}

// Exclusive creation (link fails if the file exists), so two first runs cannot
// end up with different salts: the loser reads the winner's file.
async function createSaltFile(file: string, pass: string): Promise<SaltFile> {
  await ensurePrivateDir(path.dirname(file));
  const partial = { v: 1 as const, kdf: "scrypt" as const, ...KDF, salt: randomBytes(16).toString("base64") };
  const key = await derive(pass, { ...partial, check: "" });
  const full: SaltFile = { ...partial, check: checkOf(key).toString("base64") };
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  await fs.writeFile(tmp, JSON.stringify(full) + "\n", { mode: 0o600, flag: "wx" });
  try {
    await fs.link(tmp, file);
    return full;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    const winner = await readSaltFile(file);
    if (!winner) throw e;
    return winner;
  } finally {
    await fs.rm(tmp, { force: true });
  }
}
