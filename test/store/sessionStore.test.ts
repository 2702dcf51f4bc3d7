import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { redact } from "../../src/io/redact.js";
import { decodeEntry, encodeEntry } from "../../src/store/sessionCodec.js";
import { encryptedSessionStore, entryFileName, noCacheStore, type CacheEntry } from "../../src/store/sessionStore.js";
import { modeOf, runFixture, sampleSession, tempDir } from "./helpers.js";

let tmp: Awaited<ReturnType<typeof tempDir>>;
let dir: string;
let key: Buffer;
beforeEach(async () => {
  tmp = await tempDir("stsctl-sessions-");
  dir = path.join(tmp.dir, "cache", "sessions");
  key = randomBytes(32);
});
afterEach(() => tmp.remove());

const storeWith = (k: Buffer) => encryptedSessionStore({ dir, dataKey: async () => k, backend: "keychain" });

function entry(cacheKey: string, profile: string, tag: string, expiresInMs = 3600_000): CacheEntry {
  return {
    key: cacheKey,
    profile,
    step: `AssumeRole arn:aws:iam::123456789012:role/${tag}`,
    session: sampleSession(tag, expiresInMs),
    storedAt: new Date("2026-01-02T03:04:05.678Z"),
  };
}

const fileOf = (cacheKey: string) => path.join(dir, entryFileName(cacheKey));

describe("encrypted session store", () => {
  it("round-trips a session, Dates included", async () => {
    const store = storeWith(key);
    const e = entry("k1", "prod", "Admin");
    await store.put(e);
    const got = await store.get("k1");
    expect(got).toEqual(e);
    expect(got!.session.credentials.expiration).toBeInstanceOf(Date);
    expect(got!.session.credentials.expiration.getTime()).toBe(e.session.credentials.expiration.getTime());
    expect(got!.storedAt).toBeInstanceOf(Date);
    expect(await store.get("absent")).toBeNull();
    // What get() hands out is registered for redaction.
    expect(redact(`x ${e.session.credentials.sessionToken} y`)).toBe("x **** y");
  });

  it("keeps optional session fields absent when they were absent", async () => {
    const store = storeWith(key);
    const { credentials } = sampleSession("B");
    await store.put({ key: "bare", profile: "p", step: "GetSessionToken", session: { credentials }, storedAt: new Date() });
    const got = await store.get("bare");
    expect(got!.session).toEqual({ credentials });
    expect(Object.keys(got!.session)).toEqual(["credentials"]);
  });

  it("writes no secret to disk, in 0600 files in a 0700 directory", async () => {
    const store = storeWith(key);
    const e = entry("k1", "prod", "Secretive");
    await store.put(e);
    const raw = await fs.readFile(fileOf("k1"));
    const text = raw.toString("utf8");
    const c = e.session.credentials;
    for (const secret of [c.secretAccessKey, c.sessionToken, c.accessKeyId, key.toString("base64"), key.toString("hex")]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(Buffer.from(secret).toString("base64"));
    }
    expect(raw.includes(key)).toBe(false);
    // The clear metadata is there, for list().
    expect(JSON.parse(text).meta).toMatchObject({ key: "k1", profile: "prod" });
    expect(await modeOf(fileOf("k1"))).toBe(0o600);
    expect(await modeOf(dir)).toBe(0o700);
    expect(await fs.readdir(dir)).toEqual([entryFileName("k1")]); // no temp file left behind
  });

  it("tightens a cache directory that already exists with a loose mode", async () => {
    await fs.mkdir(dir, { recursive: true, mode: 0o755 });
    await fs.chmod(dir, 0o755);
    await storeWith(key).put(entry("k", "p", "X"));
    expect(await modeOf(dir)).toBe(0o700);
  });

  describe("an unusable entry reads as a miss and is replaced by the next put", () => {
    const damages: Array<[string, (text: string) => string | Buffer]> = [
      ["metadata tampered (profile)", (t) => t.replace('"profile":"prod"', '"profile":"dev"')],
      ["metadata tampered (expiration pushed out)", (t) => t.replace(/"expiration":"(\d{4})/, (_, y: string) => `"expiration":"${Number(y) + 1}`)],
      [
        "ciphertext bit flipped",
        (t) => {
          const f = JSON.parse(t);
          const ct = Buffer.from(f.ct, "base64");
          ct[5]! ^= 0x01;
          return JSON.stringify({ ...f, ct: ct.toString("base64") });
        },
      ],
      ["tag replaced", (t) => JSON.stringify({ ...JSON.parse(t), tag: randomBytes(16).toString("base64") })],
      ["truncated", (t) => t.slice(0, Math.floor(t.length / 2))],
      [
        "truncated ciphertext",
        (t) => {
          const f = JSON.parse(t);
          return JSON.stringify({ ...f, ct: f.ct.slice(0, 8) });
        },
      ],
      ["empty", () => ""],
      ["binary garbage", () => randomBytes(300)],
      ["JSON of the wrong shape", () => '{"v":1,"meta":null}'],
      ["JSON null", () => "null"],
      ["future version", (t) => JSON.stringify({ ...JSON.parse(t), v: 2 })],
    ];
    for (const [what, damage] of damages) {
      it(what, async () => {
        const store = storeWith(key);
        await store.put(entry("k1", "prod", "Admin"));
        await fs.writeFile(fileOf("k1"), damage(await fs.readFile(fileOf("k1"), "utf8")));
        expect(await store.get("k1")).toBeNull();
        await store.put(entry("k1", "prod", "Fresh"));
        expect((await store.get("k1"))!.session.credentials.accessKeyId).toBe(sampleSession("Fresh").credentials.accessKeyId);
      });
    }

    it("sealed under another data key", async () => {
      await storeWith(randomBytes(32)).put(entry("k1", "prod", "Admin"));
      expect(await storeWith(key).get("k1")).toBeNull();
    });

    it("a valid entry copied under another key's file name", async () => {
      const store = storeWith(key);
      await store.put(entry("real", "prod", "Admin"));
      await fs.copyFile(fileOf("real"), fileOf("other"));
      expect(await store.get("other")).toBeNull();
      expect(await store.get("real")).not.toBeNull();
    });

    it("a directory where the entry file should be", async () => {
      await fs.mkdir(fileOf("k1"), { recursive: true });
      expect(await storeWith(key).get("k1")).toBeNull();
    });
  });

  it("lists metadata without the data key, skipping unreadable files", async () => {
    const writer = storeWith(key);
    await writer.put(entry("k-b", "beta", "B", 600_000));
    const alpha = entry("k-a", "alpha", "A");
    await writer.put(alpha);
    await fs.writeFile(path.join(dir, "0".repeat(40) + ".session"), "garbage");
    const reader = encryptedSessionStore({
      dir,
      dataKey: async () => {
        throw new Error("list must not need the key");
      },
      backend: "keychain",
    });
    const metas = await reader.list();
    expect(metas.map((m) => [m.profile, m.key])).toEqual([
      ["alpha", "k-a"],
      ["beta", "k-b"],
    ]);
    expect(metas[0]!.expiration).toEqual(alpha.session.credentials.expiration);
    expect(metas[1]!.expiration.getTime()).toBeLessThan(metas[0]!.expiration.getTime());
    expect(metas[0]!.storedAt).toEqual(new Date("2026-01-02T03:04:05.678Z"));
    expect(metas[0]!.step).toBe("AssumeRole arn:aws:iam::123456789012:role/A");
  });

  it("lists nothing, and clears nothing, before the directory exists", async () => {
    const store = storeWith(key);
    expect(await store.list()).toEqual([]);
    expect(await store.clear()).toBe(0);
    expect(await store.delete("k")).toBe(false);
  });

  it("deletes and clears, by filter or all (garbage and dead writers' temp files too)", async () => {
    const store = storeWith(key);
    for (const [k, p] of [
      ["1", "prod"],
      ["2", "prod"],
      ["3", "dev"],
    ] as const)
      await store.put(entry(k, p, k));
    await fs.writeFile(path.join(dir, "f".repeat(40) + ".session"), "garbage");
    await fs.writeFile(path.join(dir, ".x.session.123.abcd.tmp"), "half-written");

    expect(await store.delete("3")).toBe(true);
    expect(await store.delete("3")).toBe(false);
    expect(await store.clear((m) => m.profile === "prod")).toBe(2);
    expect(await store.list()).toEqual([]);
    expect(await store.clear()).toBe(1); // the garbage entry
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it("never lets a reader see a torn entry while other processes rewrite it", async () => {
    const store = storeWith(key);
    await store.put(entry("hot", "p", "seed"));
    const env = { ...process.env, STSCTL_TEST_DATA_KEY: key.toString("base64") };
    const writers = [runFixture("sessionWriter", [dir, "hot", "150", "W"], env), runFixture("sessionWriter", [dir, "hot", "150", "V"], env)];
    let reads = 0;
    let torn = 0;
    let running = true;
    const finished = Promise.all(writers).finally(() => (running = false));
    while (running && reads < 5000) {
      if ((await store.get("hot")) === null) torn++;
      reads++;
    }
    for (const r of await finished) expect(r.code).toBe(0);
    expect(torn).toBe(0);
    expect(reads).toBeGreaterThan(10);
    expect((await fs.readdir(dir)).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });
});

describe("session codec", () => {
  it("round-trips any strings and instants", () => {
    const k = randomBytes(32);
    fc.assert(
      fc.property(
        fc.string(),
        fc.string(),
        fc.string(),
        fc.string({ minLength: 1 }),
        fc.string({ minLength: 1 }),
        fc.integer({ min: 0, max: 4102444800000 }),
        (cacheKey, profile, step, secret, token, ms) => {
          const session = { credentials: { accessKeyId: "ASIA1", secretAccessKey: secret, sessionToken: token, expiration: new Date(ms) } };
          const meta = { key: cacheKey, profile, step, expiration: new Date(ms), storedAt: new Date(ms) };
          const back = decodeEntry(k, encodeEntry(k, meta, session));
          expect(back).toEqual({ meta, session });
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("no-cache store", () => {
  it("keeps nothing", async () => {
    const store = noCacheStore();
    await store.put(entry("k", "p", "X"));
    expect(store.backend).toBe("none");
    expect(await store.get("k")).toBeNull();
    expect(await store.list()).toEqual([]);
    expect(await store.clear()).toBe(0);
    expect(await store.delete("k")).toBe(false);
  });
});
