// Runs a command inside a real pseudo-terminal (a tmux pane on a private socket),
// so tests see exactly what a user would: prompts on /dev/tty, echo, raw mode,
// Ctrl-C. The command's environment travels in a 0600 file, never on argv.
//
//   const term = await startPty(process.execPath, ["--import", "tsx", "fixture.ts"], { env, cwd });
//   await term.waitFor("Enter MFA code for");
//   await term.sendLine("123456");
//   expect(await term.waitForExit()).toBe(0);
//   await term.kill();
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export interface PtyOptions {
  /** The command's whole environment (not merged with the test's). */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Send the command's stdout to a file instead of the terminal, as `eval "$(...)"` would. */
  captureStdout?: boolean;
  cols?: number;
  rows?: number;
}

export interface Pty {
  /** The visible pane plus scroll-back, wrapped lines joined, with the spaces the program wrote. */
  screen(): Promise<string>;
  /** Polls the screen until it contains `pattern`; returns the screen. Throws with the screen on timeout. */
  waitFor(pattern: string | RegExp, timeoutMs?: number): Promise<string>;
  /** Types `text` literally (no key names interpreted). It passes through tmux's argv: test data only. */
  send(text: string): Promise<void>;
  /** Types `text` then Enter. */
  sendLine(text: string): Promise<void>;
  /** Presses named keys: "Enter", "C-c", "C-d", "BSpace", "Escape", ... */
  key(...names: string[]): Promise<void>;
  /** The command's exit status once it has ended, else null. */
  exitCode(): number | null;
  waitForExit(timeoutMs?: number): Promise<number>;
  /** What the command wrote to stdout (only with captureStdout). */
  stdout(): string;
  /** Ends the tmux server (and the command) and removes the temp dir. Safe to call twice. */
  kill(): Promise<void>;
}

const TMUX_TIMEOUT_MS = 5_000;
const POLL_MS = 50;

export async function startPty(cmd: string, args: string[], opts: PtyOptions = {}): Promise<Pty> {
  const dir = mkdtempSync(path.join(tmpdir(), "stsctl-pty-"));
  const socket = path.join(dir, "tmux.sock");
  const files = {
    env: path.join(dir, "env.sh"),
    run: path.join(dir, "run.sh"),
    conf: path.join(dir, "tmux.conf"),
    exit: path.join(dir, "exit"),
    stdout: path.join(dir, "stdout"),
  };
  const env = opts.env ?? process.env;
  const exports = Object.entries(env)
    .filter(([k, v]) => v !== undefined && /^[A-Za-z_][A-Za-z0-9_]*$/.test(k))
    .map(([k, v]) => `export ${k}=${shq(v!)}`);
  writeFileSync(files.env, exports.join("\n") + "\n", { mode: 0o600 });
  const redirect = opts.captureStdout ? ` >${shq(files.stdout)}` : "";
  writeFileSync(
    files.run,
    [
      `. ${shq(files.env)}`,
      `rm -f ${shq(files.env)}`,
      `cd ${shq(opts.cwd ?? process.cwd())} || exit 127`,
      `${[cmd, ...args].map(shq).join(" ")}${redirect}`,
      // Written then renamed so a reader never sees a half-written status.
      `echo $? >${shq(files.exit + ".tmp")} && mv ${shq(files.exit + ".tmp")} ${shq(files.exit)}`,
    ].join("\n") + "\n",
    { mode: 0o700 },
  );
  // The pane stays after the command ends so its last words can still be read.
  writeFileSync(files.conf, "set -g remain-on-exit on\nset -g status off\nset -g history-limit 10000\n");

  // tmux gets a minimal environment of its own; the command's comes from env.sh.
  const tmuxEnv: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: process.env.HOME ?? dir,
    SHELL: "/bin/sh",
    LANG: "C.UTF-8",
    TERM: "xterm-256color",
  };
  const tmux = (...a: string[]) =>
    new Promise<string>((resolve, reject) => {
      execFile("tmux", ["-u", "-S", socket, ...a], { env: tmuxEnv, timeout: TMUX_TIMEOUT_MS }, (err, stdout, stderr) =>
        err ? reject(new Error(`tmux ${a[0]} failed: ${stderr || err.message}`)) : resolve(stdout),
      );
    });
  const target = "stsctl-test";
  await tmux("-f", files.conf, "new-session", "-d", "-s", target, "-x", String(opts.cols ?? 120), "-y", String(opts.rows ?? 40), `/bin/sh ${shq(files.run)}`);

  let killed = false;
  // If the test process ends without kill() (a crash, a forgotten afterEach), take tmux down with it.
  const onExit = () => {
    try {
      execFileSync("tmux", ["-S", socket, "kill-server"], { env: tmuxEnv, stdio: "ignore", timeout: TMUX_TIMEOUT_MS });
    } catch {
      // Already gone.
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once("exit", onExit);
  const exitCode = (): number | null => {
    try {
      const n = Number.parseInt(readFileSync(files.exit, "utf8").trim(), 10);
      return Number.isNaN(n) ? null : n;
    } catch {
      return null;
    }
  };
  // Trailing blank lines go; trailing spaces the program wrote (a prompt's "code: ") stay.
  const screen = () => tmux("capture-pane", "-p", "-J", "-S", "-", "-t", target).then((s) => s.replace(/(\n[ \t]*)+$/, ""));

  const pty: Pty = {
    screen,
    async waitFor(pattern, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      let last = "";
      for (;;) {
        last = await screen();
        if (typeof pattern === "string" ? last.includes(pattern) : pattern.test(last)) return last;
        if (Date.now() >= deadline) break;
        await delay(POLL_MS);
      }
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${String(pattern)}; screen:\n${last}`);
    },
    async send(text) {
      await tmux("send-keys", "-t", target, "-l", "--", text);
    },
    async sendLine(text) {
      if (text) await tmux("send-keys", "-t", target, "-l", "--", text);
      await tmux("send-keys", "-t", target, "Enter");
    },
    async key(...names) {
      await tmux("send-keys", "-t", target, ...names);
    },
    exitCode,
    async waitForExit(timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const code = exitCode();
        if (code !== null) return code;
        if (Date.now() >= deadline) break;
        await delay(POLL_MS);
      }
      throw new Error(`command still running after ${timeoutMs} ms; screen:\n${await screen().catch(() => "")}`);
    },
    stdout() {
      try {
        return readFileSync(files.stdout, "utf8");
      } catch {
        return "";
      }
    },
    async kill() {
      if (killed) return;
      killed = true;
      process.off("exit", onExit);
      await tmux("kill-server").catch(() => undefined);
      // The dying shell may still write into the directory (history, completion
      // dumps) after the server is gone: clean up now if we can, else a little later.
      // Removing a temp directory is not what any test proves.
      try {
        rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
      } catch {
        setTimeout(() => {
          try {
            rmSync(dir, { recursive: true, force: true });
          } catch {
            // left for the OS's temp cleaning
          }
        }, 2000).unref();
      }
    },
  };
  return pty;
}

function shq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
