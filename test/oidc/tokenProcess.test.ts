// runTokenProcess on its own, in a process of its own (fixtures/tokenProcessChild.ts):
// what a command leaves running in the background must not hold stsctl.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const FIXTURE = fileURLToPath(new URL("./fixtures/tokenProcessChild.ts", import.meta.url));

/** Runs the fixture; `exited` resolves with its exit code, or rejects if it still runs after `boundMs` (then it is killed). */
function run(command: string, limitMs: number, boundMs: number): { exited: Promise<number | null>; out: () => string } {
  const child = spawn(process.execPath, ["--import", "tsx", FIXTURE, command, String(limitMs)], { stdio: ["ignore", "pipe", "ignore"] });
  let out = "";
  child.stdout.on("data", (b: Buffer) => (out += b.toString()));
  const exited = new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the process still runs after ${boundMs} ms; stdout: ${out}`));
    }, boundMs);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
  return { exited, out: () => out };
}

describe("runTokenProcess and background processes", () => {
  it("past its time limit, stops the command and lets stsctl exit while a background process still holds stdout", { timeout: 30_000 }, async () => {
    // The shell is stopped at the limit; the sleeps it started keep the pipe for 20 s more.
    const r = run("(sleep 20 2>/dev/null &); sleep 20", 500, 10_000);
    expect(await r.exited).toBe(0);
    expect(r.out()).toBe("error web_identity_token_process did not finish within 1s and was stopped\n");
  });
});
