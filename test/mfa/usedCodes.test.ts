import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { reserveCounter } from "../../src/mfa/usedCodes.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const FIXTURE = path.join(import.meta.dirname, "fixtures/reserve.ts");
const SERIAL = "arn:aws:iam::123456789012:mfa/alice";

let stateDir: string;
beforeEach(() => {
  stateDir = mkdtempSync(path.join(tmpdir(), "stsctl-used-"));
});
afterEach(() => rmSync(stateDir, { recursive: true, force: true }));

describe("reserveCounter", () => {
  it("gives a (serial, window) pair to the first caller only", async () => {
    expect(await reserveCounter(stateDir, SERIAL, 100)).toBe(true);
    expect(await reserveCounter(stateDir, SERIAL, 100)).toBe(false);
    expect(await reserveCounter(stateDir, SERIAL, 101)).toBe(true);
    expect(await reserveCounter(stateDir, "arn:aws:iam::123456789012:mfa/bob", 100)).toBe(true);
  });

  it("keeps its markers private and names them without the serial", async () => {
    await reserveCounter(stateDir, SERIAL, 7);
    const dir = path.join(stateDir, "mfa-used");
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const [name] = readdirSync(dir);
    expect(name).toMatch(/^7-[0-9a-f]{32}$/);
    expect(statSync(path.join(dir, name!)).mode & 0o777).toBe(0o600);
  });

  it("prunes markers of long-past windows but keeps recent ones and other files", async () => {
    const dir = path.join(stateDir, "mfa-used");
    await reserveCounter(stateDir, SERIAL, 1);
    await reserveCounter(stateDir, SERIAL, 12);
    writeFileSync(path.join(dir, "unrelated-file"), "");
    await reserveCounter(stateDir, SERIAL, 20);
    const windows = readdirSync(dir)
      .map((n) => n.split("-")[0])
      .sort();
    expect(windows).toEqual(["12", "20", "unrelated"]);
  });

  it("lets exactly one of several racing processes claim each window", async () => {
    const contenders = 6;
    const first = 57_000_000;
    const windows = 8; // within the pruning horizon, so no marker is pruned mid-race
    const children = Array.from({ length: contenders }, () =>
      spawn(process.execPath, ["--import", "tsx", FIXTURE, stateDir, SERIAL, String(first), String(windows)], {
        cwd: ROOT,
        stdio: ["pipe", "pipe", "inherit"],
      }),
    );
    try {
      const outputs = children.map((c) => createInterface({ input: c.stdout! })[Symbol.asyncIterator]());
      // Barrier: every process is loaded and waiting before any of them races.
      const firstLines = await Promise.all(outputs.map((it) => it.next()));
      expect(firstLines.map((l) => l.value)).toEqual(Array(contenders).fill("ready"));
      for (const c of children) c.stdin!.write("go\n");
      const won = await Promise.all(outputs.map((it) => it.next().then((l) => JSON.parse(l.value as string) as number[])));
      const all = won.flat().sort((a, b) => a - b);
      expect(all).toEqual(Array.from({ length: windows }, (_, i) => first + i));
    } finally {
      for (const c of children) c.kill();
    }
  }, 20_000);
});
