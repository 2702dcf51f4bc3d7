import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { processName } from "../../src/io/parentProcess.js";

// The name of the program a process runs, read the way stsctl reads its parent's.

describe("processName", () => {
  it.skipIf(process.platform === "win32")("names a running process's program", async () => {
    const child = spawn("sleep", ["30"], { stdio: "ignore" });
    try {
      await new Promise((r) => child.once("spawn", r));
      expect(await processName(child.pid, process.platform)).toBe("sleep");
    } finally {
      child.kill("SIGKILL");
    }
  });

  it("is undefined for no parent, init, a process that is gone, or Windows", async () => {
    const gone = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
    await new Promise((r) => gone.once("exit", r));
    for (const pid of [undefined, 0, 1, -5, 1.5, gone.pid]) expect(await processName(pid, process.platform), String(pid)).toBeUndefined();
    expect(await processName(process.pid, "win32")).toBeUndefined();
  });
});
