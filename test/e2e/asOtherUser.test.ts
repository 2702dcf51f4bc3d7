import { chmodSync, chownSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDemoWorld, type DemoWorld } from "../support/demoWorld.js";
import { otherUser } from "../support/otherUser.js";
import { removeTempDir } from "../support/removeTempDir.js";
import { runCli } from "../support/runCli.js";
import { startSts, type StsEmulator } from "../support/sts/index.js";

// stsctl run by an ordinary (non-root) user, for what root's permissions would hide:
// a checkout built by another user, and directories that cannot be written.

const user = otherUser();
const suite = user ? describe : describe.skip;
if (!user) console.warn("asOtherUser: skipped, it needs root to create a second local user who can run this checkout with this Node");

let sts: StsEmulator;
let w: DemoWorld;
let env: Record<string, string>;

/** Gives the whole world (HOME, ~/.aws, the cache) to the other user. */
function chownTree(dir: string): void {
  chownSync(dir, user!.uid, user!.gid);
  for (const f of readdirSync(dir, { recursive: true }) as string[]) chownSync(join(dir, f), user!.uid, user!.gid);
}

suite("stsctl as an ordinary user", () => {
  beforeEach(async () => {
    sts = await startSts();
    w = createDemoWorld(sts);
    env = { ...w.env, STSCTL_KEYRING: "file", STSCTL_FILE_PASSPHRASE: "pass", STSCTL_AGENT: "0" };
    chownTree(w.home);
  });
  afterEach(async () => {
    await sts.close();
    removeTempDir(w.home);
  });

  it("runs from a checkout another user built: dist/ is readable by all who can read the checkout", async () => {
    const dist = join(import.meta.dirname, "..", "..", "dist");
    expect(statSync(dist).mode & 0o055).toBe(0o055);
    const r = await runCli(["--version"], { env, user: user!, cwd: w.home });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const c = await runCli(["credential-process", "dev"], { env, user: user!, cwd: w.home });
    expect(c.status, c.stderr).toBe(0);
  });

  it("a read-only STSCTL_CACHE_DIR is a store error naming the directory, before any STS call", async () => {
    const cache = join(w.home, "readonly-cache");
    mkdirSync(cache);
    chownSync(cache, user!.uid, user!.gid);
    chmodSync(cache, 0o500);
    const r = await runCli(["credential-process", "dev"], { env: { ...env, STSCTL_CACHE_DIR: cache }, user: user!, cwd: w.home });
    expect(r.status, r.stderr).toBe(6);
    expect(r.stderr).toContain(cache);
    expect(r.stderr).toContain("STSCTL_CACHE_DIR");
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(r.stdout).toBe("");
    expect(sts.calls()).toBe(0);
  });
  it("assume --write with a read-only ~/.aws fails before any STS call (the MFA code is not spent), leaving the file as it was", async () => {
    const aws = join(w.home, ".aws");
    const before = readFileSync(join(aws, "credentials"), "utf8");
    chmodSync(aws, 0o500);
    try {
      for (const keyring of ["file", "none"]) {
        const r = await runCli(["assume", "prod-admin", "--write", "--token-code", "123456"], {
          env: { ...env, STSCTL_KEYRING: keyring },
          user: user!,
          cwd: w.home,
        });
        expect(r.status, r.stderr).toBe(3);
        expect(r.stderr).toContain(`cannot write ${join(aws, "credentials")}`);
        expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
      }
      expect(sts.calls()).toBe(0);
      expect(readFileSync(join(aws, "credentials"), "utf8")).toBe(before);
    } finally {
      chmodSync(aws, 0o700);
    }
  });
});
