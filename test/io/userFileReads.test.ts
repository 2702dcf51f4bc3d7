// The readers behind stsctl's edits of ~/.aws/config and ~/.aws/credentials
// (stsctl add, --write): regular files only, at most 16 MiB, checked on the
// bytes read, so a file that is refused is never rewritten.
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.js";
import { readUtf8 } from "../../src/io/editUserFile.js";
import { writeCredentialsSection } from "../../src/output/credentialsFile.js";
import { makeFifo, releaseFifoAfter } from "../support/fifo.js";
import { removeTempDir } from "../support/removeTempDir.js";

/** The documented limit for the shared config and credentials files. */
const MAX_CONFIG_BYTES = 16 * 1024 * 1024;
const now = new Date("2026-11-22T12:00:00Z");
const session = {
  accessKeyId: "ASIASESSIONEXAMPLE",
  secretAccessKey: "wJalr/K7MDENG+bPxRfiCY=",
  sessionToken: "IQoJb3JpZ2luX2VjE//+tok==",
  expiration: new Date("2026-11-22T13:00:00Z"),
};

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), "stsctl-userfile-"));
  mkdirSync(join(home, ".aws"));
});
afterEach(() => removeTempDir(home));

/** A credentials file one byte past the limit: valid INI, a comment padding it out. */
function oversized(path: string): string {
  const text = "[default]\naws_access_key_id = AKIADEFAULTEXAMPLE\n#";
  writeFileSync(path, text + "x".repeat(MAX_CONFIG_BYTES - text.length) + "\n", { mode: 0o600 });
  return path;
}

describe("readUtf8 (stsctl add reads both files with it)", () => {
  it("refuses a FIFO without waiting for a writer", async () => {
    const fifo = makeFifo(join(home, ".aws", "credentials"));
    const release = releaseFifoAfter(fifo);
    try {
      const e = await readUtf8(fifo, "~/.aws/credentials").catch((err: unknown) => err);
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).message).toBe("~/.aws/credentials is a FIFO (named pipe), not a regular file; refusing to rewrite it");
    } finally {
      release();
    }
  });

  it("refuses a file one byte past 16 MiB", async () => {
    const e = await readUtf8(oversized(join(home, ".aws", "config")), "~/.aws/config").catch((err: unknown) => err);
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as ConfigError).message).toBe("~/.aws/config is larger than 16 MiB; refusing to rewrite it");
    expect((e as ConfigError).hint).toContain("check that this is the right file");
  });
});

describe("writeCredentialsSection", () => {
  it("refuses, and leaves untouched, a credentials file one byte past 16 MiB", async () => {
    const file = oversized(join(home, ".aws", "credentials"));
    const before = statSync(file);
    const e = await writeCredentialsSection(file, "stsctl-dev", session, { now, home }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as ConfigError).message).toBe(`${file} is larger than 16 MiB; refusing to rewrite it`);
    expect(statSync(file).size).toBe(before.size);
    expect(readFileSync(file, "utf8")).not.toContain("stsctl-dev");
  });
});
