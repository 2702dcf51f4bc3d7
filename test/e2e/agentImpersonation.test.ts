import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDemoWorld, type DemoWorld } from "../support/demoWorld.js";
import { otherUser, type OtherUser } from "../support/otherUser.js";
import { removeTempDir } from "../support/removeTempDir.js";
import { runCli } from "../support/runCli.js";
import { startSts, type StsEmulator } from "../support/sts/index.js";

// Another local user who can create stsctl's cache directory first (a shared
// XDG_CACHE_HOME or STSCTL_CACHE_DIR under /tmp) listens where the key agent
// would. stsctl must not talk to it: no output of its reaches a shell or an SDK,
// no data key of its seals a session, and no request reaches it.

const mallory = otherUser();
const suite = mallory ? describe : describe.skip;
if (!mallory) console.warn("agentImpersonation: skipped, it needs root to create a second local user who can run this checkout with this Node");

// The fake agent, run as the other user: answers every hit with a shell command
// and every key request with a key of its choosing, and writes down what it got.
const FAKE_AGENT = `
const net = require("node:net"), fs = require("node:fs");
const [socket, log] = process.argv.slice(1);
net.createServer({ allowHalfOpen: true }, (c) => {
  let data = "";
  c.on("error", () => {});
  c.on("data", (d) => (data += d));
  c.on("end", () => {
    fs.appendFileSync(log, JSON.stringify(data) + "\\n");
    if (data.startsWith("HIT ")) c.end(JSON.stringify({ code: 0, out: "echo PWNED; export AWS_ACCESS_KEY_ID=ASIAFAKEFAKEFAKEFAKE\\n", err: "" }) + "\\n");
    else c.end(Buffer.alloc(32, 65).toString("base64") + "\\n");
  });
}).listen(socket, () => { fs.chmodSync(socket, 0o777); process.stdout.write("ready\\n"); });
`;

let sts: StsEmulator;
let w: DemoWorld;
let shared: string;
let buildId: string;
const fakes: ChildProcess[] = [];

/** The build's socket name, learned from an agent this build starts in a private cache. */
async function learnBuildId(): Promise<string> {
  const s = await startSts();
  const world = createDemoWorld(s);
  try {
    const env: Record<string, string> = { ...world.env, STSCTL_KEYRING: "file", STSCTL_FILE_PASSPHRASE: "pass" };
    const r = await runCli(["assume", "dev"], { env });
    expect(r.status, r.stderr).toBe(0);
    const dir = join(env.STSCTL_CACHE_DIR!, "agent");
    for (let i = 0; i < 100 && !(existsSync(dir) && readdirSync(dir).some((f) => f.endsWith(".sock"))); i++) await new Promise((r) => setTimeout(r, 50));
    const name = readdirSync(dir).find((f) => /^file-\w+\.sock$/.test(f))!;
    await runCli(["clear", "--all"], { env });
    return /^file-(\w+)\.sock$/.exec(name)![1]!;
  } finally {
    await s.close();
    removeTempDir(world.home);
  }
}

/** Starts the fake agent as `user` at `socket`, logging requests to `log`. */
async function fakeAgent(user: OtherUser, socket: string, log: string): Promise<void> {
  const child = spawn(user.node, ["-e", FAKE_AGENT, socket, log], { uid: user.uid, gid: user.gid, stdio: ["ignore", "pipe", "inherit"], cwd: "/" });
  fakes.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", () => resolve());
    child.on("exit", (code) => reject(new Error(`fake agent exited with ${code}`)));
  });
}

/** A directory made by the other user, as it would be before the victim's first run. */
function theirDir(user: OtherUser, path: string, mode: number): string {
  mkdirSync(path, { recursive: true });
  chownSync(path, user.uid, user.gid);
  chmodSync(path, mode);
  return path;
}

suite("a key agent posed by another local user", () => {
  beforeAll(async () => {
    buildId = await learnBuildId();
  }, 30_000);
  beforeEach(async () => {
    sts = await startSts();
    w = createDemoWorld(sts);
    // Like /tmp: everyone may create entries, nobody may remove another's.
    shared = mkdtempSync(join(tmpdir(), "stsctl-shared-"));
    chmodSync(shared, 0o1777);
  });
  afterEach(async () => {
    for (const f of fakes.splice(0)) f.kill("SIGKILL");
    await sts.close();
    removeTempDir(w.home);
    removeTempDir(shared);
  });

  it("refuses a cache directory another user made, and never asks the agent listening in it", async () => {
    const user = mallory!;
    const cache = theirDir(user, join(shared, "cache"), 0o755);
    theirDir(user, join(cache, "agent"), 0o755);
    const log = join(shared, "requests.log");
    writeFileSync(log, "");
    chownSync(log, user.uid, user.gid);
    await fakeAgent(user, join(cache, "agent", `keychain-${buildId}.sock`), log);
    const env = { ...w.env, STSCTL_CACHE_DIR: cache };
    delete (env as Record<string, string>).STSCTL_KEYRING;

    for (const args of [
      ["env", "dev"],
      ["credential-process", "dev"],
      ["assume", "dev"],
    ]) {
      const r = await runCli(args, { env });
      expect(r.stdout, args.join(" ")).not.toContain("PWNED");
      expect(r.stdout).not.toContain("ASIAFAKE");
      expect(r.status, `${args.join(" ")}: ${r.stderr}`).toBe(6);
      expect(r.stderr).toContain(`stsctl will not keep credentials under ${cache}`);
      expect(r.stderr).toContain(`owner uid ${user.uid}`);
      expect(r.stderr).toContain("STSCTL_CACHE_DIR");
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
    expect(readFileSync(log, "utf8")).toBe(""); // no request, so no variable, reached it
    expect(sts.calls()).toBe(0);
  });

  it("refuses a cache directory of one's own inside a directory another user controls", async () => {
    const user = mallory!;
    const theirs = theirDir(user, join(shared, "theirs"), 0o777);
    const cache = join(theirs, "cache");
    const r = await runCli(["credential-process", "dev"], {
      env: { ...w.env, STSCTL_CACHE_DIR: cache, STSCTL_KEYRING: "file", STSCTL_FILE_PASSPHRASE: "pass" },
    });
    expect(r.status, r.stderr).toBe(6);
    expect(r.stderr).toContain(`stsctl will not keep credentials under ${theirs}`);
    expect(r.stdout).toBe("");
    expect(sts.calls()).toBe(0);
  });

  it("control: a cache directory of one's own under the same shared directory works", async () => {
    const cache = join(shared, "mine");
    const env = { ...w.env, STSCTL_CACHE_DIR: cache, STSCTL_KEYRING: "file", STSCTL_FILE_PASSPHRASE: "pass" };
    const r = await runCli(["credential-process", "dev"], { env });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).AccessKeyId).toMatch(/^ASIA/);
    await runCli(["clear", "--all"], { env });
  });
});
