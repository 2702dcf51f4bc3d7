import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StoreError } from "../../src/errors.js";
import { passphraseDataKey } from "../../src/store/dataKey.js";
import { keyMatchesCheck } from "../../src/store/keyCheck.js";
import { withLock } from "../../src/io/lock.js";
import { encryptedSessionStore, entryFileName } from "../../src/store/sessionStore.js";
import { makeFifo, releaseFifoAfter } from "../support/fifo.js";
import { sampleSession, tempDir } from "./helpers.js";

// stsctl's own files are read as regular files only, with a limit: a FIFO or a
// huge file where an entry, a salt, a key check or a lock note should be is
// refused at once (or taken as absent), never read until it ends.

let tmp: Awaited<ReturnType<typeof tempDir>>;
let release: () => void = () => undefined;
beforeEach(async () => {
  tmp = await tempDir();
});
afterEach(async () => {
  release();
  await tmp.remove();
});

describe("the store's own files", () => {
  it("a FIFO or an oversized file where a session entry goes is no entry (and a put there is a store error, which the engine turns into a warning)", async () => {
    const dir = path.join(tmp.dir, "sessions");
    mkdirSync(dir, { mode: 0o700 });
    const key = Buffer.alloc(32, 1);
    const store = encryptedSessionStore({ dir, dataKey: async () => key, backend: "file" });
    release = releaseFifoAfter(makeFifo(path.join(dir, entryFileName("a"))));
    expect(await store.get("a")).toBeNull();
    await expect(store.put({ key: "a", profile: "p", step: "AssumeRole x", session: sampleSession(), storedAt: new Date() })).rejects.toThrow(StoreError);
    writeFileSync(path.join(dir, entryFileName("b")), Buffer.alloc(65 * 1024, 0x7b));
    expect(await store.get("b")).toBeNull();
  });

  it("a FIFO as the file vault's salt is a store error, not a hang", async () => {
    const salt = path.join(tmp.dir, "vault.salt");
    release = releaseFifoAfter(makeFifo(salt));
    await expect(passphraseDataKey(async () => "pass", salt)()).rejects.toThrow(StoreError);
    await expect(passphraseDataKey(async () => "pass", salt)()).rejects.toThrow(/is a FIFO/);
  });

  it("a FIFO as the key check value or a lock's holder note is ignored", async () => {
    const check = path.join(tmp.dir, "keychain.check");
    release = releaseFifoAfter(makeFifo(check));
    expect(keyMatchesCheck(check, Buffer.alloc(32))).toBe(false);
    const locks = path.join(tmp.dir, "locks");
    mkdirSync(locks, { mode: 0o700 });
    makeFifo(path.join(locks, "x.lock.holder"));
    expect(await withLock("x", async () => "held", { dir: locks, waitMs: 5000 })).toBe("held");
  });
});
