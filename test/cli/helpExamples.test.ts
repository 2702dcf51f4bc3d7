import { describe, expect, it } from "vitest";
import { BIN, runCli } from "../support/runCli.js";

// Every command a new user reaches for shows examples under its help, and the
// examples use only flags the command has.

// stsctl's own flags, accepted by every command.
const GLOBAL = ["--profile", "--debug"];
const COMMANDS = ["whoami", "session-token", "setup-profile", "unset", "remove", "list", "clear", "mfa", "doctor", "add"];

describe("help examples", () => {
  it.each(COMMANDS)("stsctl %s --help ends with examples of its own flags", async (name) => {
    const r = await runCli([name, "--help"], { env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: "/nonexistent", NO_COLOR: "1" } });
    expect(r.status, r.stderr).toBe(0);
    const [usage, examples] = r.stdout.split("\nExamples:\n");
    expect(examples, `${BIN} ${name} --help`).toBeDefined();
    const lines = examples!.split("\n").filter((l) => l.startsWith("  $ "));
    expect(lines.length).toBeGreaterThanOrEqual(1);
    for (const line of lines) {
      if (!line.startsWith(`  $ stsctl ${name}`)) continue; // e.g. AWS_PROFILE=... terraform plan
      const flags = (line.replace(/#.*/, "").match(/\s--[\w-]+/g) ?? []).map((f) => f.trim()).filter((f) => !GLOBAL.includes(f));
      for (const flag of flags) expect(usage, `${line}: ${flag}`).toContain(flag);
    }
  });
});
