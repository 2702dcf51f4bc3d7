import { mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StsctlError } from "../../src/errors.js";
import { readRegularFile, readRegularFileSync, showBytes, type ReadLimit } from "../../src/io/readRegularFile.js";
import { makeFifo, releaseFifoAfter } from "../support/fifo.js";
import { removeTempDir } from "../support/removeTempDir.js";

class Refused extends StsctlError {}
const limit = (maxBytes: number): ReadLimit => ({ maxBytes, refuse: (why) => new Refused(`${why.kind}: ${why.text}`) });

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "stsctl-read-"));
});
afterEach(() => removeTempDir(dir));

/** Both variants, so each rule is proved for the config loader (sync) and the async readers. */
const variants = [
  ["sync", async (path: string, l: ReadLimit) => readRegularFileSync(path, l)],
  ["async", (path: string, l: ReadLimit) => readRegularFile(path, l)],
] as const;

/** The refusal's text, or a note that the read went through. */
async function refusal(read: () => Promise<Buffer>): Promise<string> {
  try {
    return `read ${(await read()).length} bytes`;
  } catch (e) {
    if (e instanceof Refused) return e.message;
    throw e;
  }
}

describe.each(variants)("readRegularFile (%s)", (_name, read) => {
  it("reads a file of exactly the limit and refuses one byte more", async () => {
    const at = join(dir, "at");
    writeFileSync(at, "x".repeat(1000));
    expect((await read(at, limit(1000))).toString()).toBe("x".repeat(1000));
    writeFileSync(at, "x".repeat(1001));
    expect(await refusal(() => read(at, limit(1000)))).toBe("too-large: is larger than 1,000 bytes");
  });

  it("reads an empty file and a file larger than one read chunk", async () => {
    writeFileSync(join(dir, "empty"), "");
    expect((await read(join(dir, "empty"), limit(10))).length).toBe(0);
    const big = Buffer.alloc(300 * 1024, 7);
    writeFileSync(join(dir, "big"), big);
    expect((await read(join(dir, "big"), limit(big.length))).equals(big)).toBe(true);
  });

  it("follows a symlink to a regular file, and refuses one to /dev/zero", async () => {
    writeFileSync(join(dir, "real"), "[default]\n");
    symlinkSync(join(dir, "real"), join(dir, "link"));
    expect((await read(join(dir, "link"), limit(100))).toString()).toBe("[default]\n");
    symlinkSync("/dev/zero", join(dir, "zero"));
    expect(await refusal(() => read(join(dir, "zero"), limit(100)))).toBe("not-regular: is a character device, not a regular file");
  });

  it("refuses a FIFO with no writer at once, without waiting for one", async () => {
    const fifo = makeFifo(join(dir, "fifo"));
    const release = releaseFifoAfter(fifo);
    try {
      expect(await refusal(() => read(fifo, limit(100)))).toBe("not-regular: is a FIFO (named pipe), not a regular file");
    } finally {
      release();
    }
  });

  it("refuses a directory and a socket", async () => {
    expect(await refusal(() => read(dir, limit(100)))).toBe("not-regular: is a directory, not a regular file");
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(join(dir, "sock"), resolve));
    try {
      expect(await refusal(() => read(join(dir, "sock"), limit(100)))).toBe("not-regular: is a socket, not a regular file");
    } finally {
      server.close();
    }
  });

  it("throws a missing file's own error, so each caller keeps its handling", async () => {
    await expect(read(join(dir, "nope"), limit(100))).rejects.toMatchObject({ code: "ENOENT" });
  });

  // Files in /proc report a size of 0 but hold data: the limit, not st_size, ends the read.
  it.skipIf(process.platform !== "linux")("reads past a size of 0 and stops at the limit, whatever st_size says", async () => {
    expect((await read("/proc/self/status", limit(1024 * 1024))).toString()).toContain("Name:");
    expect(await refusal(() => read("/proc/self/status", limit(16)))).toBe("too-large: is larger than 16 bytes");
  });
});

describe("showBytes", () => {
  it.each([
    [16 * 1024 * 1024, "16 MiB"],
    [64 * 1024, "64 KiB"],
    [20_000, "20,000 bytes"],
  ])("shows %d as %s", (n, shown) => expect(showBytes(n)).toBe(shown));
});
