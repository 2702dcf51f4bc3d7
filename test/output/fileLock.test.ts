import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StoreError } from "../../src/errors.js";
import { withFileLock } from "../../src/io/fileLock.js";
import { runTs, waitExit, waitForLine } from "./fixtures/runTs.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "stsctl-lock-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("withFileLock", () => {
  it("runs the function, returns its value, and releases the lock (even on error)", async () => {
    const file = join(dir, "sub", "credentials");
    expect(await withFileLock(file, async () => existsSync(`${file}.lock`))).toBe(true);
    expect(existsSync(`${file}.lock`)).toBe(false);
    await expect(withFileLock(file, async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it("serialises holders in one process", async () => {
    const file = join(dir, "f");
    const order: string[] = [];
    await Promise.all(
      [1, 2, 3].map((i) =>
        withFileLock(file, async () => {
          order.push(`in${i}`);
          await new Promise((r) => setTimeout(r, 30));
          order.push(`out${i}`);
        }),
      ),
    );
    for (let k = 0; k < order.length; k += 2) expect(order[k + 1]).toBe(order[k]!.replace("in", "out"));
  });

  it("gives up after the timeout with a StoreError naming the lock", async () => {
    const file = join(dir, "f");
    let release!: () => void;
    let locked!: () => void;
    const holding = new Promise<void>((r) => (locked = r));
    const held = withFileLock(file, () => {
      locked();
      return new Promise<void>((r) => (release = r));
    });
    // Wait until the first holder really has the lock (not a fixed sleep: under load it may take longer).
    await holding;
    const started = Date.now();
    const err = await withFileLock(file, async () => "never", { timeoutMs: 400 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).message).toMatch(/^gave up after 400 ms waiting for the lock "f" held by another stsctl \(pid \d+/);
    expect((err as StoreError).hint).toContain(`${file}.lock`);
    expect(Date.now() - started).toBeLessThan(3_000);
    release();
    await held;
  });

  it("takes over the lock of a holder killed with SIGKILL once it is stale", async () => {
    const file = join(dir, "f");
    const child = runTs("holdLockChild.ts", [file]);
    await waitForLine(child, "locked");
    child.kill("SIGKILL");
    await waitExit(child);
    expect(existsSync(`${file}.lock`)).toBe(true); // the dead holder could not clean up
    const started = Date.now();
    expect(await withFileLock(file, async () => "mine", { staleMs: 2_000, timeoutMs: 10_000 })).toBe("mine");
    expect(Date.now() - started).toBeLessThan(8_000);
  }, 30_000);
});
