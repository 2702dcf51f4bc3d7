// Runs a script in a real shell, the script fed on stdin (never argv, where
// other users could read it in `ps`), with no rc files, a private HOME and a
// UTF-8 locale, and a hard timeout. stdin is a 0600 temporary file rather
// than a pipe: fish 3.6 cannot read a script from the socketpair Node uses
// for piped stdio ("Unable to read input file: Is a directory").

import { spawn, spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";

export type RealShell = "bash" | "zsh" | "fish" | "sh";

export interface ShellResult {
  stdout: string;
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
}

// Each shell reading its script from stdin, with user configuration off.
const ARGS: Record<RealShell, string[]> = {
  bash: ["--norc", "--noprofile", "-s"],
  zsh: ["-f", "-s"],
  fish: ["--no-config"],
  sh: ["-s"],
};

let sandbox: string | undefined;
function sandboxHome(): string {
  if (!sandbox) {
    const dir = mkdtempSync(join(tmpdir(), "stsctl-shell-home-"));
    process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
    sandbox = dir;
  }
  return sandbox;
}

export function hasShell(shell: RealShell): boolean {
  return spawnSync(shell, ["-c", "exit 0"], { stdio: "ignore", timeout: 5_000 }).status === 0;
}

/**
 * Runs `script` in `shell`. The environment is minimal (PATH, HOME, locale)
 * plus `opts.env`, so nothing from the test runner's environment leaks in.
 */
export function runShell(
  shell: RealShell,
  script: string,
  opts: { env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {},
): Promise<ShellResult> {
  const home = sandboxHome();
  const env = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: home,
    XDG_CONFIG_HOME: join(home, ".config"),
    XDG_DATA_HOME: join(home, ".local/share"),
    LC_ALL: "C.UTF-8",
    TERM: "dumb",
    ...opts.env,
  };
  const scriptFile = join(home, `script-${randomBytes(6).toString("hex")}`);
  writeFileSync(scriptFile, script, { mode: 0o600, flag: "wx" });
  const fd = openSync(scriptFile, "r");
  unlinkSync(scriptFile); // the open descriptor is all the shell needs
  return new Promise<ShellResult>((resolve, reject) => {
    const child = spawn(shell, ARGS[shell], { env, cwd: opts.cwd ?? home, stdio: [fd, "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 20_000);
    child.stdout?.on("data", (b: Buffer) => out.push(b));
    child.stderr?.on("data", (b: Buffer) => err.push(b));
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8"), code, signal });
    });
  }).finally(() => closeSync(fd));
}

/** Parses `env -0` output into a map (values may hold newlines and "="). */
export function parseEnv0(stdout: string): Map<string, string> {
  const vars = new Map<string, string>();
  for (const entry of stdout.split("\0")) {
    const eq = entry.indexOf("=");
    if (eq > 0) vars.set(entry.slice(0, eq), entry.slice(eq + 1));
  }
  return vars;
}
