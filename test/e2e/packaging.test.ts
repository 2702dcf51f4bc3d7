import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { COMMAND_TABLE } from "../../src/cli/commandTable.js";
import type { CommandDecl } from "../../src/cli/commandDecl.js";
import { removeTempDir } from "../support/removeTempDir.js";

// What the published package holds (npm pack, scripts off: the files list alone),
// and what `npm ci --omit=dev` in a checkout meets in `prepare` without esbuild.

const REPO = new URL("../..", import.meta.url).pathname;
const temps: string[] = [];
afterEach(() => {
  for (const d of temps.splice(0)) removeTempDir(d);
});

function packedFiles(): string[] {
  const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
    cwd: REPO,
    encoding: "utf8",
    timeout: 60_000,
    stdio: ["ignore", "pipe", "ignore"],
  });
  return (JSON.parse(out) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((f) => f.path);
}

const helpTexts = (d: CommandDecl): string[] => [d.helpAfter ?? "", ...(d.subcommands ?? []).flatMap(helpTexts)];

describe("the package", () => {
  it("ships LICENSE and every docs/ page the help points to", () => {
    const files = packedFiles();
    expect(files).toContain("LICENSE");
    const pointed = [...new Set(helpTexts(COMMAND_TABLE).flatMap((h) => h.match(/docs\/[\w-]+\.md/g) ?? []))];
    expect(pointed).toEqual(expect.arrayContaining(["docs/saml.md", "docs/oidc.md"]));
    for (const page of pointed) expect(files).toContain(page);
    const license = readFileSync(join(REPO, "LICENSE"), "utf8");
    expect(license).toMatch(/^MIT License\n\nCopyright \(c\) 2026 the stsctl authors\n/);
    expect(JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")).license).toBe("MIT");
  }, 90_000);
});

describe("prepare without esbuild (npm ci --omit=dev in a checkout)", () => {
  /** A checkout's package.json and scripts/, with no node_modules: esbuild cannot be found. */
  function checkout(withDist: boolean): string {
    const dir = mkdtempSync(join(tmpdir(), "stsctl-checkout-"));
    temps.push(dir);
    cpSync(join(REPO, "package.json"), join(dir, "package.json"));
    cpSync(join(REPO, "scripts"), join(dir, "scripts"), { recursive: true });
    if (withDist) {
      mkdirSync(join(dir, "dist"));
      for (const f of ["main.js", "front.cjs", "fast.cjs", "agent.js", "keychainHelper.cjs"]) writeFileSync(join(dir, "dist", f), "// built\n");
    }
    return dir;
  }
  const prepare = (dir: string) => {
    const script = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).scripts.prepare as string;
    return spawnSync("/bin/sh", ["-c", script], { cwd: dir, encoding: "utf8", timeout: 30_000, env: { PATH: process.env.PATH ?? "/usr/bin:/bin" } });
  };

  it("keeps a dist/ built earlier, with a one-line note", () => {
    const dir = checkout(true);
    const r = prepare(dir);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe("stsctl: esbuild is not installed (npm ci --omit=dev?): keeping the dist/ built earlier\n");
    expect(readFileSync(join(dir, "dist", "main.js"), "utf8")).toBe("// built\n");
  });

  it("fails with what to run when there is no dist/ to keep", () => {
    const r = prepare(checkout(false));
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      "stsctl: cannot build dist/: esbuild is not installed (npm ci --omit=dev?). Run `npm ci` once to build it, then `npm ci --omit=dev` keeps it.\n",
    );
  });
});
