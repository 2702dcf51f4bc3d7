import { spawn } from "node:child_process";
import { existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ExitCode } from "../../src/errors.js";
import { keyFromAgent } from "../../src/store/agent/agentClient.js";
import { useKeychainWorld } from "../support/keychainWorld.js";
import { writeLoadRecorder } from "../support/loadRecorder.js";
import { BIN, runCli } from "../support/runCli.js";

// `stsctl --help | head -1`: once stdout's reader has gone, every command exits
// with 141 (128 + SIGPIPE, as a shell reports it) and prints no stack trace,
// whichever entry writes: the full table, the fast path, or the front with the
// key agent's answer.

const t = useKeychainWorld({
  afterEach: async (x) => {
    await runCli(["clear", "--all"], { env: x.env });
  },
});

/** Runs stsctl with stdout a pipe whose reading end is already closed. */
function withClosedStdout(args: string[], env: Record<string, string>): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    child.on("error", reject);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stderr });
    });
  });
}

async function agentUp(): Promise<boolean> {
  const dir = join(t.env.STSCTL_CACHE_DIR!, "agent");
  for (let i = 0; i < 60; i++) {
    const sockets = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".sock")) : [];
    for (const s of sockets) if ((await keyFromAgent(join(dir, s))) !== null) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

describe("a closed stdout", () => {
  it("ends help, env and credential-process quietly with the broken-pipe status", async () => {
    const direct = { ...t.env, STSCTL_AGENT: "0" };
    for (const args of [["--help"], ["whoami", "--help"], ["env", "dev"], ["credential-process", "dev"]]) {
      const r = await withClosedStdout(args, direct);
      expect(r.stderr, args.join(" ")).toBe("");
      expect(r.status, args.join(" ")).toBe(ExitCode.brokenPipe);
    }
  });

  it("ends a hit the key agent answered the same way", async () => {
    expect((await runCli(["credential-process", "dev"], { env: t.env })).status).toBe(0);
    expect(await agentUp()).toBe(true);
    const recorder = writeLoadRecorder(t.w.home);
    for (const args of [
      ["credential-process", "dev"],
      ["env", "dev"],
    ]) {
      rmSync(recorder.log, { force: true });
      const r = await withClosedStdout(args, { ...t.env, NODE_OPTIONS: recorder.nodeOptions });
      expect(r.stderr, args.join(" ")).toBe("");
      expect(r.status, args.join(" ")).toBe(ExitCode.brokenPipe);
      // The front wrote the agent's answer: nothing else of stsctl was loaded.
      const own = recorder.read().filter((u) => /\/(dist|bin)\//.test(u) && !u.includes("/node_modules/"));
      expect(own.map((u) => u.replace(/^.*\/(dist|bin)\//, "$1/")).sort(), args.join(" ")).toEqual(["bin/stsctl", "dist/front.cjs"]);
    }
  });
});
