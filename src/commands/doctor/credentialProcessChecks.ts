import { spawn } from "node:child_process";
import { accessSync, constants, openSync, readSync, closeSync, statSync } from "node:fs";
import path from "node:path";
import type { Ctx } from "../../app/ctx.js";
import { profileNames } from "../../config/getProfile.js";
import type { LoadedConfig } from "../../config/load.js";
import { displayPath } from "../../config/paths.js";
import { ExitCode } from "../../errors.js";
import { type Check, fail, ok, warn } from "./check.js";
import { splitCommandLine } from "./splitCommandLine.js";

// Each credential_process line that runs stsctl, checked as an IDE or GUI app
// would run it: without a shell (the AWS CLI), with a minimal PATH. That PATH is
// what launchd gives GUI apps on macOS; node installed elsewhere (Homebrew, nvm)
// is not on it, so a line relying on `#!/usr/bin/env node` fails there.

const MINIMAL_PATH = "/usr/bin:/bin:/usr/sbin:/sbin";
const RUN_TIMEOUT_MS = 10_000;

type Run = { kind: "exited"; code: number; stdout: string; stderr: string } | { kind: "timedOut" } | { kind: "notStarted"; code: string };

export async function credentialProcessChecks(ctx: Ctx, config: LoadedConfig): Promise<Check[]> {
  const checks: Check[] = [];
  // Profiles written by setup-profile share one command: run each command once.
  const runs = new Map<string, Promise<Run>>();
  for (const name of profileNames(config)) {
    const line = config.profiles.get(name)?.settings.get("credential_process")?.value;
    if (!line) continue;
    const what = `credential_process ${name}`;
    const words = splitCommandLine(line, ctx.platform);
    if (!words) {
      if (line.includes("stsctl"))
        checks.push(fail(what, "the line has an unclosed quote: the AWS CLI cannot split it", setupFix("PROFILE", name), ExitCode.config));
      continue;
    }
    const at = words.indexOf("credential-process");
    if (at < 1 || !isStsctl(words[at - 1]!)) continue; // not stsctl's: not ours to judge
    const source = words.slice(at + 1).find((w) => w !== "--") ?? "PROFILE";
    checks.push(await checkCommand(ctx, what, words.slice(0, at), setupFix(source, name), runs));
  }
  return checks;
}

const isStsctl = (word: string) => /^stsctl(\.(cmd|ps1|exe|js|cjs|mjs))?$/i.test(path.basename(word));

async function checkCommand(ctx: Ctx, what: string, command: string[], fix: string, runs: Map<string, Promise<Run>>): Promise<Check> {
  const first = command[0]!;
  const shown = (p: string) => displayPath(p, ctx.home);
  let exe: string;
  if (path.isAbsolute(first)) exe = first;
  else if (!first.includes("/") && !first.includes("\\")) {
    const found = onPath(first, minimalPath(ctx));
    if (!found)
      return fail(
        what,
        `"${first}" is looked up on PATH, and a minimal PATH (${minimalPath(ctx)}) has none: IDEs and GUI apps cannot start it`,
        fix,
        ExitCode.config,
      );
    exe = found;
  } else return fail(what, `"${first}" is relative to whatever directory the caller runs in`, fix, ExitCode.config);

  const problem = executableProblem(exe);
  if (problem) return fail(what, `${shown(exe)} ${problem}`, fix, ExitCode.config);
  const key = JSON.stringify([exe, ...command.slice(1)]);
  if (!runs.has(key)) runs.set(key, runVersion(exe, command.slice(1), ctx));
  const run = await runs.get(key)!;
  const named = [exe, ...command.slice(1)].map(shown).join(" ");
  if (run.kind === "timedOut") return fail(what, `${named} --version did not finish within ${RUN_TIMEOUT_MS / 1000} s`, fix, ExitCode.config);
  if (run.kind === "notStarted") return fail(what, `${named} could not be started (${run.code})`, fix, ExitCode.config);
  if (run.code !== 0) {
    const why = run.stderr.trim().split("\n")[0] || `exit code ${run.code}`;
    return fail(what, `${named} --version failed with a minimal PATH: ${why}`, fix, ExitCode.config);
  }
  const version = run.stdout.trim().split("\n")[0]?.slice(0, 40) ?? "";
  if (command.length === 1 && usesEnvShebang(exe)) {
    return warn(what, `${named} runs only because node is on the minimal PATH here: it starts with #!/usr/bin/env`, fix);
  }
  return ok(what, `${named} runs with PATH=${minimalPath(ctx)} (stsctl ${version})`);
}

const setupFix = (source: string, name: string) =>
  `write it again with the absolute path of node: stsctl setup-profile ${shq(source)} --name ${shq(name)} (add --force if stsctl did not write that section)`;

const shq = (s: string) => (/^[\w@%+:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`);

function minimalPath(ctx: Ctx): string {
  if (ctx.platform !== "win32") return MINIMAL_PATH;
  const root = ctx.env.SystemRoot ?? "C:\\Windows";
  return `${root}\\System32;${root}`;
}

function onPath(name: string, searchPath: string): string | undefined {
  const sep = searchPath.includes(";") ? ";" : ":";
  for (const dir of searchPath.split(sep)) {
    const candidate = path.join(dir, name);
    if (!executableProblem(candidate)) return candidate;
  }
  return undefined;
}

function executableProblem(p: string): string | null {
  try {
    if (!statSync(p).isFile()) return "is not a regular file";
  } catch {
    return "does not exist";
  }
  if (process.platform === "win32") return null; // no execute bit: Windows goes by the extension
  try {
    accessSync(p, constants.X_OK);
    return null;
  } catch {
    return "is not executable";
  }
}

/** Whether the file starts with `#!/usr/bin/env`: its interpreter is looked up on PATH. */
function usesEnvShebang(file: string): boolean {
  const buf = Buffer.alloc(64);
  let fd: number | undefined;
  try {
    fd = openSync(file, "r");
    const n = readSync(fd, buf, 0, buf.length, 0);
    return /^#!\s*\/usr\/bin\/env\s/.test(buf.subarray(0, n).toString("latin1"));
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** `exe ...args --version` without a shell, with nothing of our environment but a minimal PATH; bounded. */
function runVersion(exe: string, args: string[], ctx: Ctx): Promise<Run> {
  return new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = { PATH: minimalPath(ctx), ...(ctx.platform === "win32" && ctx.env.SystemRoot ? { SystemRoot: ctx.env.SystemRoot } : {}) };
    const child = spawn(exe, [...args, "--version"], { env, stdio: ["ignore", "pipe", "pipe"], windowsHide: true });
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve({ kind: "timedOut" });
    }, RUN_TIMEOUT_MS);
    child.stdout.on("data", (d: Buffer) => (stdout = (stdout + d.toString()).slice(0, 4096)));
    child.stderr.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(0, 4096)));
    child.on("error", (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ kind: "notStarted", code: e.code ?? e.message });
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ kind: "exited", code: code ?? 1, stdout, stderr });
    });
  });
}
