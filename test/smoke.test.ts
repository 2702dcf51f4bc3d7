import { execFileSync, spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import pkg from "../package.json" with { type: "json" };

const bin = new URL("../bin/stsctl", import.meta.url).pathname;

describe("bin/stsctl", () => {
  it("prints its version", () => {
    expect(execFileSync(bin, ["--version"], { encoding: "utf8" }).trim()).toBe(pkg.version);
  });
  it("without a command shows the help on stderr and exits 2 (usage); --help and help exit 0 with it on stdout", () => {
    const bare = spawnSync(bin, [], { encoding: "utf8" });
    expect(bare.status).toBe(2);
    expect(bare.stdout).toBe("");
    expect(bare.stderr).toContain("Usage: stsctl");
    for (const args of [["--help"], ["help"]]) {
      const r = spawnSync(bin, args, { encoding: "utf8" });
      expect(r.status, args.join(" ")).toBe(0);
      expect(r.stdout).toContain("Usage: stsctl");
    }
  });
  it("rejects an unknown flag with exit code 2 and no stack trace", () => {
    const r = spawnSync(bin, ["--nope"], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("unknown option '--nope'");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("the fast path hands anything unusual to the full command table", () => {
  it.each([
    [["env", "--shell", "nope"], 2, "argument 'nope' is invalid"],
    [["env", "--format=yaml"], 2, "argument 'yaml' is invalid"],
    [["credential-process"], 2, "missing required argument 'profile'"],
    [["credential-process", "a", "b"], 2, "too many arguments"],
  ])("%j exits %i: %s", (args, status, message) => {
    const r = spawnSync(bin, args, { encoding: "utf8", env: { ...process.env, AWS_CONFIG_FILE: "/nonexistent-stsctl-test" } });
    expect(r.status).toBe(status);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(message);
  });

  it.each([["env"], ["credential-process"]])("%s --help shows the command's help", (cmd) => {
    const r = spawnSync(bin, [cmd, "--help"], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`Usage: stsctl ${cmd}`);
  });
});
