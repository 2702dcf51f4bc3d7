import { execFileSync, spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import pkg from "../package.json" with { type: "json" };

const bin = new URL("../bin/stsctl", import.meta.url).pathname;

describe("bin/stsctl", () => {
  it("prints its version", () => {
    expect(execFileSync(bin, ["--version"], { encoding: "utf8" }).trim()).toBe(pkg.version);
  });
  it("rejects an unknown flag with exit code 2 and no stack trace", () => {
    const r = spawnSync(bin, ["--nope"], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("unknown option '--nope'");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
