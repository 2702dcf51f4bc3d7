import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { shellFunction } from "../../src/commands/shellInit.js";
import { BIN, runCli } from "../support/runCli.js";
import { hasShell, runShell } from "../support/shells.js";

// The function text itself: the binary's path, however odd, is quoted for
// each shell; PowerShell (not in Debian) is checked as text.

const odd = mkdtempSync(join(tmpdir(), "stsctl-init-"));
const weirdDir = join(odd, `it's "$HOME" \`x\` \\ dir`);
mkdirSync(weirdDir);
const weirdBin = join(weirdDir, "stsctl");
symlinkSync(BIN, weirdBin);
afterAll(() => rmSync(odd, { recursive: true, force: true }));

describe.each(["bash", "zsh", "fish"] as const)("%s function with an odd binary path", (shell) => {
  it.skipIf(!hasShell(shell))("calls exactly that binary and keeps exit codes", async () => {
    const text = shellFunction(shell, { bin: weirdBin, node: process.execPath });
    const status = shell === "fish" ? "$status" : "$?";
    const script = `${text}\nstsctl --version\necho "rc=${status}"\nstsctl no-such-command\necho "rc=${status}"\n`;
    const r = await runShell(shell, script, { env: { PATH: process.env.PATH ?? "/usr/bin:/bin" } });
    expect(r.stdout, r.stderr).toMatch(/^\d+\.\d+\.\d+\nrc=0\nrc=2\n$/);
    expect(r.stderr).toContain("unknown command 'no-such-command'");
  });
});

describe("stsctl shell-init", () => {
  it("prints the function for the asked shell, with this binary's absolute path", async () => {
    const r = await runCli(["shell-init", "zsh"], { env: { PATH: process.env.PATH ?? "" } });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^stsctl\(\) \{$/m);
    expect(r.stdout).toContain(`local __stsctl_bin='${BIN}'`);
    expect(r.stdout).toContain("assume --export --shell zsh");
    // env's exports pass through, in this shell's syntax whatever the parent process or $SHELL.
    expect(r.stdout).toContain('"$__stsctl_bin" env --shell zsh "$@"');
    expect(shellFunction("fish", { bin: "/x/stsctl", node: "node" })).toContain("command $bin env --shell fish $argv[2..]");
    const bad = await runCli(["shell-init", "tcsh"], { env: { PATH: process.env.PATH ?? "" } });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("Allowed choices are bash, zsh, fish, powershell");
  });

  it("writes a PowerShell function that quotes its paths and evaluates only after success", () => {
    const text = shellFunction("powershell", { bin: "C:\\Users\\O'Brien\\stsctl\\bin\\stsctl", node: "C:\\Program Files\\nodejs\\node.exe" });
    expect(text).toMatch(/^function stsctl \{$/m);
    expect(text).toContain("$node = 'C:\\Program Files\\nodejs\\node.exe'");
    expect(text).toContain("$bin = 'C:\\Users\\O''Brien\\stsctl\\bin\\stsctl'");
    // Pass-through for everything else, help included, with the arguments splatted unchanged.
    expect(text).toContain("$sub -notin @('assume', 'unset', 'env')");
    expect(text).toContain("$_ -in @('-h', '--help', '-V', '--version')");
    expect(text).toContain("& $node $bin @args");
    expect(text).toContain("& $node $bin env --shell powershell @rest");
    // assume: arguments checked first; each step returns on failure before anything is evaluated.
    const steps = [
      "$profileName = & $node $bin __complete assume-profile @rest",
      "if ($LASTEXITCODE -ne 0) { return }",
      "$out = & $node $bin assume --export --shell powershell @rest",
      "if ($LASTEXITCODE -ne 0) { return }",
      "Invoke-Expression (@($out) -join [Environment]::NewLine)",
      "$Env:STSCTL_PROFILE = [string]$profileName",
    ];
    let at = 0;
    for (const s of steps) {
      const i = text.indexOf(s, at);
      expect(i, s).toBeGreaterThan(at - 1);
      at = i + s.length;
    }
    expect(text).toContain("$out = & $node $bin unset @unsetArgs --shell powershell");
    // Balanced braces and parentheses: a cheap stand-in for a parser we do not have.
    for (const [open, close] of [
      ["{", "}"],
      ["(", ")"],
    ] as const) {
      expect(text.split(open).length, open).toBe(text.split(close).length);
    }
  });
});
