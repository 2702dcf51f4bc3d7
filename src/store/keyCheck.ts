import { createHmac, timingSafeEqual } from "node:crypto";

import { StoreError } from "../errors.js";
import { writeFileAtomic } from "../io/atomicWrite.js";
import { readRegularFileSync } from "../io/readRegularFile.js";

// A key check value beside the session cache: an HMAC of a fixed label under the
// data key. A key the key agent hands out is used only if it reproduces this value,
// so whatever answers on the agent's socket cannot make stsctl seal sessions under
// a key of its choosing. It reveals nothing of the key.
const LABEL = "stsctl session data key check v1";

function checkOf(key: Buffer): Buffer {
  return createHmac("sha256", key).update(LABEL).digest();
}

/** True only if `file` holds the check value of `key`. Synchronous: it is on the cache-hit path. */
export function keyMatchesCheck(file: string, key: Buffer): boolean {
  let stored: Buffer;
  try {
    stored = Buffer.from(
      readRegularFileSync(file, { maxBytes: 1024, refuse: (why) => new StoreError(why.text) })
        .toString("utf8")
        .trim(),
      "base64",
    );
  } catch {
    return false;
  }
  const actual = checkOf(key);
  return stored.length === actual.length && timingSafeEqual(stored, actual);
}

/** Records `key`'s check value (read from the keychain, so the truth) unless it is there already. Best effort. */
export async function recordKeyCheck(file: string, key: Buffer): Promise<void> {
  if (keyMatchesCheck(file, key)) return;
  await writeFileAtomic(file, checkOf(key).toString("base64") + "\n").catch(() => undefined);
}
