import { spawnSync } from "node:child_process";
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.js";
import { resolveWriteTarget, writeFileAtomic } from "../../src/io/atomicWrite.js";
import { crashContent } from "./fixtures/crashContent.js";
import { runTs, waitExit, waitForLine } from "./fixtures/runTs.js";

let root: string;
let home: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "stsctl-atomic-"));
  home = join(root, "home");
  mkdirSync(home);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const mode = (p: string) => statSync(p).mode & 0o777;
const temps = (dir: string) => readdirSync(dir).filter((n) => n.endsWith(".stsctl-tmp"));

describe("writeFileAtomic", () => {
  it("creates the file 0600 and missing parent directories 0700", async () => {
    const file = join(home, ".aws", "deep", "credentials");
    await writeFileAtomic(file, "secret\n", { home });
    expect(readFileSync(file, "utf8")).toBe("secret\n");
    expect(mode(file)).toBe(0o600);
    expect(mode(join(home, ".aws"))).toBe(0o700);
    expect(mode(join(home, ".aws", "deep"))).toBe(0o700);
    expect(temps(join(home, ".aws", "deep"))).toEqual([]);
  });

  it("writes bytes exactly (Buffer in, Buffer out)", async () => {
    const file = join(home, "bin");
    const bytes = Buffer.from([0, 255, 13, 10, 0xef, 0xbb, 0xbf]);
    await writeFileAtomic(file, bytes, { home });
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it("tightens a looser mode and keeps a stricter one", async () => {
    const loose = join(home, "loose");
    writeFileSync(loose, "old");
    chmodSync(loose, 0o644);
    await writeFileAtomic(loose, "new", { home });
    expect(mode(loose)).toBe(0o600);

    const strict = join(home, "strict");
    writeFileSync(strict, "old");
    chmodSync(strict, 0o400);
    await writeFileAtomic(strict, "new", { home });
    expect(mode(strict)).toBe(0o400);
    expect(readFileSync(strict, "utf8")).toBe("new");
  });

  it("applies a requested mode exactly, whatever the umask", async () => {
    const file = join(home, "config");
    const old = process.umask(0o077);
    try {
      await writeFileAtomic(file, "x", { mode: 0o644, home });
    } finally {
      process.umask(old);
    }
    expect(mode(file)).toBe(0o644);
  });

  it("writes through a symlink that stays in the home directory, keeping the link", async () => {
    mkdirSync(join(home, "dotfiles"));
    mkdirSync(join(home, ".aws"));
    const real = join(home, "dotfiles", "credentials");
    writeFileSync(real, "old");
    const link = join(home, ".aws", "credentials");
    symlinkSync(real, link);
    await writeFileAtomic(link, "new", { home });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(real);
    expect(readFileSync(real, "utf8")).toBe("new");
    expect(await resolveWriteTarget(link, { home })).toBe(real);
  });

  it("writes through a symlink into the link's own directory tree", async () => {
    const tree = join(root, "project");
    mkdirSync(join(tree, "sub"), { recursive: true });
    writeFileSync(join(tree, "sub", "creds"), "old");
    symlinkSync("sub/creds", join(tree, "creds"));
    await writeFileAtomic(join(tree, "creds"), "new", { home });
    expect(readFileSync(join(tree, "sub", "creds"), "utf8")).toBe("new");
  });

  it("refuses a symlink leading anywhere else, and a dangling one, touching nothing", async () => {
    const elsewhere = join(root, "elsewhere");
    mkdirSync(elsewhere);
    writeFileSync(join(elsewhere, "victim"), "untouched");
    mkdirSync(join(home, ".aws"));
    const link = join(home, ".aws", "credentials");
    symlinkSync(join(elsewhere, "victim"), link);
    await expect(writeFileAtomic(link, "new", { home })).rejects.toThrow(ConfigError);
    await expect(writeFileAtomic(link, "new", { home })).rejects.toThrow(/symlink to .*victim, outside your home/);
    expect(readFileSync(join(elsewhere, "victim"), "utf8")).toBe("untouched");
    expect(lstatSync(link).isSymbolicLink()).toBe(true);

    const dangling = join(home, "dangling");
    symlinkSync(join(home, "missing"), dangling);
    await expect(writeFileAtomic(dangling, "new", { home })).rejects.toThrow(/symlink to a missing file/);
    expect(temps(home)).toEqual([]);
    expect(temps(join(home, ".aws"))).toEqual([]);
  });

  it("refuses to replace something that is not a regular file", async () => {
    mkdirSync(join(home, "adir"));
    await expect(writeFileAtomic(join(home, "adir"), "x", { home })).rejects.toThrow(/not a regular file/);
  });

  it("leaves no temporary file behind when the write fails", async () => {
    const file = join(home, "f");
    writeFileSync(file, "old");
    const err = await writeFileAtomic(file, 42 as unknown as string, { home }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect(readFileSync(file, "utf8")).toBe("old");
    expect(temps(home)).toEqual([]);
  });

  it("sweeps temporary files of dead writers once they are old, and only those", async () => {
    const dead = spawnSync("true").pid!; // a pid that has exited
    const file = join(home, "credentials");
    const stale = join(home, `.credentials.${dead}.aaaaaaaaaaaa.stsctl-tmp`);
    const young = join(home, `.credentials.${dead}.bbbbbbbbbbbb.stsctl-tmp`);
    const alive = join(home, `.credentials.${process.pid}.cccccccccccc.stsctl-tmp`);
    const other = join(home, `.config.${dead}.dddddddddddd.stsctl-tmp`);
    for (const p of [stale, young, alive, other]) writeFileSync(p, "x");
    const old = new Date(Date.now() - 120_000);
    for (const p of [stale, alive, other]) utimesSync(p, old, old);
    await writeFileAtomic(file, "new", { home });
    expect(temps(home).sort()).toEqual([alive, other, young].map((p) => p.slice(home.length + 1)).sort());
  });
});

describe("writeFileAtomic under SIGKILL", () => {
  it("leaves the old or the new file, never a torn one, and no extra temporary files", async () => {
    const dir = join(home, ".aws");
    const file = join(dir, "credentials");
    await writeFileAtomic(file, "initial\n", { home });
    const valid = new Set([crashContent(0), crashContent(1)]);
    let crashes = 0;
    for (let i = 0; i < 6; i++) {
      const child = runTs("atomicWriteLoop.ts", [file], { HOME: home });
      await waitForLine(child, "ready");
      await new Promise((r) => setTimeout(r, Math.random() * 150));
      child.kill("SIGKILL");
      await waitExit(child);
      crashes++;
      const content = readFileSync(file, "utf8");
      expect(valid.has(content), `torn file after crash ${crashes} (${content.length} bytes)`).toBe(true);
      expect(mode(file)).toBe(0o600);
      // Each crash may leave its own temp file; nothing else accumulates.
      expect(temps(dir).length).toBeLessThanOrEqual(crashes);
      for (const t of temps(dir)) expect(t).toMatch(/^\.credentials\.\d+\.[0-9a-f]{12}\.stsctl-tmp$/);
    }
    // Nearly all of the child's time is spent inside a write, so some kills must have hit one.
    const leftovers = temps(dir);
    expect(leftovers.length).toBeGreaterThan(0);
    // Once the dead writers' files are old enough, the next write removes them.
    const old = new Date(Date.now() - 60_000);
    for (const t of leftovers) utimesSync(join(dir, t), old, old);
    await writeFileAtomic(file, "after\n", { home });
    expect(temps(dir)).toEqual([]);
    expect(readFileSync(file, "utf8")).toBe("after\n");
  }, 120_000);
});
