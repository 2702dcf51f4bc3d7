import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// A writer stopped in mid-write (Ctrl-C, a terminal closed, a supervisor's SIGTERM)
// must not leave its 0600 temp file of secrets behind, and must still die of the signal.

const MODULE = join(import.meta.dirname, "..", "..", "src", "io", "tempFiles.ts");

function runWriter(signal: NodeJS.Signals, file: string, opts: { untrack?: boolean } = {}): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const script = `
    import { writeFileSync } from "node:fs";
    import { trackTemp, untrackTemp } from ${JSON.stringify(MODULE)};
    const file = process.argv.at(-1);
    writeFileSync(file, "secret", { mode: 0o600 });
    trackTemp(file);
    ${opts.untrack ? "untrackTemp(file);" : ""}
    process.kill(process.pid, ${JSON.stringify(signal)});
    setTimeout(() => process.exit(3), 10_000);
  `;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script, file], { stdio: "inherit" });
  return new Promise((resolve) => child.on("exit", (code, sig) => resolve({ code, signal: sig })));
}

describe("temp files of a writer stopped by a signal", () => {
  it.each(["SIGTERM", "SIGINT", "SIGHUP"] as const)(
    "are removed on %s, and the process still dies of it",
    async (signal) => {
      const dir = mkdtempSync(join(tmpdir(), "stsctl-temp-"));
      try {
        const file = join(dir, ".credentials.123.abc.stsctl-tmp");
        expect(await runWriter(signal, file)).toEqual({ code: null, signal });
        expect(existsSync(file)).toBe(false);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    20_000,
  );

  it("control: a file no longer tracked (renamed into place) is left alone", async () => {
    const dir = mkdtempSync(join(tmpdir(), "stsctl-temp-"));
    try {
      const file = join(dir, "credentials");
      writeFileSync(file, "");
      expect(await runWriter("SIGTERM", file, { untrack: true })).toEqual({ code: null, signal: "SIGTERM" });
      expect(existsSync(file)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 20_000);
});
