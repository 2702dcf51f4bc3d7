import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { keyFromAgent } from "../../src/store/agent/agentClient.js";
import { writeLoadRecorder } from "../support/loadRecorder.js";
import { runCli, type CliResult } from "../support/runCli.js";
import { useKeychainWorld } from "../support/keychainWorld.js";
import { totp } from "../support/sts/index.js";

// The key agent answering whole cache hits of credential-process and env: the
// caller reads only bin/stsctl and dist/front.cjs, and must print exactly what
// it would have printed running the command itself (STSCTL_AGENT=0).

const t = useKeychainWorld({
  afterEach: async (x) => {
    await runCli(["clear", "--all"], { env: x.env });
  },
});

const agentDir = () => join(t.env.STSCTL_CACHE_DIR!, "agent");

/** Runs a cold call (which starts the agent) and waits until the agent serves. */
async function warm(args: string[], env = t.env): Promise<CliResult> {
  const first = await runCli(args, { env });
  expect(first.status, first.stderr).toBe(0);
  for (let i = 0; i < 60; i++) {
    const sockets = existsSync(agentDir()) ? readdirSync(agentDir()).filter((f) => f.startsWith("keychain-") && f.endsWith(".sock")) : [];
    for (const socket of sockets) if (await keyFromAgent(join(agentDir(), socket))) return first;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("the key agent did not start");
}

/** The files of stsctl's own that a run loads, as dist/ or bin/ paths. */
async function loadedBy(args: string[], env: Record<string, string>): Promise<{ run: CliResult; own: string[] }> {
  const recorder = writeLoadRecorder(t.w.home);
  rmSync(recorder.log, { force: true });
  const run = await runCli(args, { env: { ...env, NODE_OPTIONS: recorder.nodeOptions } });
  const own = recorder
    .read()
    .filter((u) => /\/(dist|bin)\//.test(u) && !u.includes("/node_modules/"))
    .map((u) => u.replace(/^.*\/(dist|bin)\//, "$1/"));
  return { run, own };
}

const direct = (env: Record<string, string>) => ({ ...env, STSCTL_AGENT: "0" });

describe("cache hits answered by the key agent", () => {
  it("credential-process: the caller loads only the front file and prints what the command prints", async () => {
    await warm(["credential-process", "dev"]);
    t.sts.resetCalls();
    const { run, own } = await loadedBy(["credential-process", "dev"], t.env);
    expect(run.status, run.stderr).toBe(0);
    expect(own.sort()).toEqual(["bin/stsctl", "dist/front.cjs"]);
    const self = await runCli(["credential-process", "dev"], { env: direct(t.env) });
    expect(self.status, self.stderr).toBe(0);
    expect(run.stdout).toBe(self.stdout);
    expect(run.stderr).toBe(self.stderr);
    expect(t.sts.calls()).toBe(0);
  });

  it("env, in each format and for the current session, prints what the command prints", async () => {
    await warm(["assume", "dev"]);
    const cases = [
      ["env", "dev", "--shell", "bash"],
      ["env", "dev", "--format", "fish"],
      ["env", "--profile", "dev", "--format=json"],
      ["env", "dev", "--format", "dotenv"],
      ["env"],
      ["env", "--unset", "--shell", "zsh"],
    ];
    for (const args of cases) {
      const { run, own } = await loadedBy(args, t.env);
      const self = await runCli(args, { env: direct(t.env) });
      expect(self.status, `${args.join(" ")}: ${self.stderr}`).toBe(0);
      expect(run.status, run.stderr).toBe(0);
      expect(own.sort(), args.join(" ")).toEqual(["bin/stsctl", "dist/front.cjs"]);
      expect(run.stdout, args.join(" ")).toBe(self.stdout);
      expect(run.stderr, args.join(" ")).toBe(self.stderr);
    }
  });

  it("env with the profile from AWS_DEFAULT_PROFILE: the caller sends it, and the agent answers for that profile", async () => {
    const env = { ...t.env, AWS_DEFAULT_PROFILE: "dev" };
    await warm(["env", "--shell", "bash"], env);
    t.sts.resetCalls();
    const { run, own } = await loadedBy(["env", "--shell", "bash"], env);
    expect(run.status, run.stderr).toBe(0);
    expect(own.sort()).toEqual(["bin/stsctl", "dist/front.cjs"]);
    expect(run.stdout).toBe((await runCli(["env", "dev", "--shell", "bash"], { env: direct(t.env) })).stdout);
    expect(t.sts.calls()).toBe(0);
  });

  it("serves a chained role (two cached steps, the first with MFA) without a code", async () => {
    // audit chains through prod-admin (MFA): fill its cache with a code, then hits need none.
    await warm(["assume", "audit", "--token-code", totp(t.w.mfa.seed, new Date())]);
    const { run, own } = await loadedBy(["credential-process", "audit"], t.env);
    const self = await runCli(["credential-process", "audit"], { env: direct(t.env) });
    expect(run.status, run.stderr).toBe(0);
    expect(own.sort()).toEqual(["bin/stsctl", "dist/front.cjs"]);
    expect(run.stdout).toBe(self.stdout);
    expect(run.stderr).toBe(self.stderr);
  });

  it("leaves misses and errors to the caller: same output, same exit code, and the caller renews", async () => {
    await warm(["credential-process", "dev"]);
    for (const args of [
      ["credential-process", "no-such-profile"],
      ["env", "dev", "--format", "yaml"],
      ["credential-process", "dev", "--region"],
    ]) {
      const { run, own } = await loadedBy(args, t.env);
      const self = await runCli(args, { env: direct(t.env) });
      expect(run.status, args.join(" ")).toBe(self.status);
      expect(run.status, args.join(" ")).not.toBe(0);
      expect(run.stdout).toBe("");
      expect(run.stderr).toBe(self.stderr);
      expect(own).toContain(args[0] === "env" || args.length > 2 ? "dist/main.js" : "dist/fast.cjs");
    }
    // A session inside the refresh window is renewed by the caller, under its lock, not by the agent.
    // STS's clock 50 minutes behind: the 1h session cached now ends in 10 minutes.
    expect((await runCli(["clear", "dev"], { env: t.env })).status).toBe(0);
    t.sts.clock.set(new Date(Date.now() - 50 * 60_000));
    expect((await runCli(["credential-process", "dev"], { env: direct(t.env) })).status).toBe(0);
    t.sts.clock.set(new Date());
    t.sts.resetCalls();
    const { run, own } = await loadedBy(["credential-process", "dev"], t.env);
    expect(run.status, run.stderr).toBe(0);
    expect(own).toContain("dist/fast.cjs");
    expect(t.sts.calls("AssumeRole")).toBe(1);
  });

  it("runs in the caller's directory and reads the caller's config every time", async () => {
    await warm(["credential-process", "dev"]);
    const here = join(t.w.home, "project");
    mkdirSync(here);
    const config = readFileSync(t.env.AWS_CONFIG_FILE!, "utf8");
    // The same dev profile under another name, in a config named relative to the caller's directory.
    writeFileSync(join(here, "config"), config.replace("[profile dev]", "[profile dev-here]"));
    writeFileSync(join(t.w.home, "config"), config);
    const relative = { ...t.env, AWS_CONFIG_FILE: "config" };
    const hit = await runCli(["credential-process", "dev-here"], { env: relative, cwd: here });
    const self = await runCli(["credential-process", "dev-here"], { env: direct(relative), cwd: here });
    expect(self.status, self.stderr).toBe(0);
    expect(hit.status, hit.stderr).toBe(0);
    expect(hit.stdout).toBe(self.stdout);
    // Without the profile in the caller's config, no hit: the agent kept nothing of the last one.
    const gone = await runCli(["credential-process", "dev-here"], { env: relative, cwd: t.w.home });
    expect(gone.status).not.toBe(0);
    expect(gone.stderr).toContain("dev-here");
  });

  it("does not serve sessions sealed under a file vault that was reset since the agent started", async () => {
    const vault = (pass: string) => ({ ...t.env, STSCTL_KEYRING: "file", STSCTL_FILE_PASSPHRASE: pass });
    const first = await runCli(["credential-process", "dev"], { env: vault("first passphrase") });
    expect(first.status, first.stderr).toBe(0);
    for (let i = 0; i < 60 && !(existsSync(agentDir()) && readdirSync(agentDir()).some((f) => f.startsWith("file-"))); i++)
      await new Promise((r) => setTimeout(r, 50));
    // The user resets the vault (a new salt and passphrase); the old agent still runs with the old key.
    rmSync(t.env.STSCTL_DATA_DIR!, { recursive: true, force: true });
    t.sts.resetCalls();
    const { run, own } = await loadedBy(["credential-process", "dev"], vault("second passphrase"));
    expect(run.status, run.stderr).toBe(0);
    expect(own).toContain("dist/fast.cjs"); // the agent declined
    expect(t.sts.calls("AssumeRole")).toBe(1); // renewed under the new vault, as without any agent
    expect(JSON.parse(run.stdout).AccessKeyId).not.toBe(JSON.parse(first.stdout).AccessKeyId);
  });

  it("works with a relative STSCTL_CACHE_DIR (the agent runs elsewhere, on an absolute socket)", async () => {
    const env = { ...t.env, STSCTL_CACHE_DIR: "relcache" };
    const first = await runCli(["credential-process", "dev"], { env, cwd: t.w.home });
    expect(first.status, first.stderr).toBe(0);
    const sockets = () =>
      existsSync(join(t.w.home, "relcache", "agent")) ? readdirSync(join(t.w.home, "relcache", "agent")).filter((f) => f.endsWith(".sock")) : [];
    for (let i = 0; i < 60 && sockets().length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(sockets()).toHaveLength(1);
    let hit: CliResult | undefined;
    for (let i = 0; i < 20; i++) {
      hit = await runCli(["credential-process", "dev"], { env: { ...env, NODE_OPTIONS: writeLoadRecorder(t.w.home).nodeOptions }, cwd: t.w.home });
      if (!readFileSync(join(t.w.home, "bench-loads.log"), "utf8").includes("/dist/fast.cjs")) break;
      rmSync(join(t.w.home, "bench-loads.log"));
      await new Promise((r) => setTimeout(r, 100)); // the agent may still be starting
    }
    expect(hit!.status, hit!.stderr).toBe(0);
    expect(hit!.stdout).toBe(first.stdout);
    expect(readFileSync(join(t.w.home, "bench-loads.log"), "utf8")).not.toContain("/dist/fast.cjs");
    await runCli(["clear", "--all"], { env, cwd: t.w.home });
  });

  it("never asks an agent of another build or release, and clear --all stops those too", async () => {
    mkdirSync(agentDir(), { recursive: true, mode: 0o700 });
    const requests: string[] = [];
    const stops: string[] = [];
    // An agent of another build: this build must not ask it for hits, but clear --all stops it.
    const listen = (name: string) => {
      const server = createServer((c) => c.on("data", (d) => (d.toString().startsWith("STOP") ? stops : requests).push(d.toString()) && c.end()));
      return new Promise<typeof server>((r) => server.listen(join(agentDir(), name), () => r(server)));
    };
    // One of another build, and one of a release before sockets carried the build.
    const others = [await listen("keychain-0123456789ab.sock"), await listen("keychain.sock")];
    try {
      await warm(["credential-process", "dev"]);
      requests.length = 0; // warm() itself looked for an agent on every socket
      const hit = await loadedBy(["credential-process", "dev"], t.env);
      expect(hit.run.status, hit.run.stderr).toBe(0);
      expect(hit.own.sort()).toEqual(["bin/stsctl", "dist/front.cjs"]);
      expect(requests).toEqual([]);
      const cleared = await runCli(["clear", "--all"], { env: t.env });
      expect(cleared.status, cleared.stderr).toBe(0);
      expect(stops).toHaveLength(2);
    } finally {
      for (const other of others) await new Promise((r) => other.close(r));
    }
  });
});
