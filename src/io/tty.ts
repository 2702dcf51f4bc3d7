// The user's terminal, opened directly (/dev/tty, or CONIN$/CONOUT$ on Windows)
// rather than through stdin/stdout: stdout may be captured by `eval "$(stsctl env)"`
// and stdin may be a pipe from an AWS SDK running credential_process. Kept free of
// heavy imports: this sits on the credential-process path.
import { closeSync, openSync, writeSync } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { ReadStream, isatty } from "node:tty";
import { ExitCode, StsctlError } from "../errors.js";

export interface Tty {
  write(s: string): void;
  /** Reads one line typed on the terminal (without the newline). */
  readLine(opts?: { hidden?: boolean; timeoutMs?: number }): Promise<string>;
  close(): void;
}

/** Ctrl-C (or a terminating signal) during a prompt; rendered by main.ts as exit 130. */
export class PromptInterruptedError extends StsctlError {
  override readonly exitCode = ExitCode.interrupted;
  constructor() {
    super("Interrupted");
  }
}

/** The terminal gave no line: Ctrl-D on an empty line, hang-up, timeout, or closed. Callers turn it into their own error. */
export class TtyReadError extends Error {
  constructor(readonly reason: "eof" | "timeout" | "closed") {
    super(reason === "timeout" ? "no input before the timeout" : reason === "eof" ? "end of input" : "terminal closed");
    this.name = "TtyReadError";
  }
}

export interface TtyFds {
  input: number;
  output: number;
  close(): void;
}

function ttyPaths(platform: NodeJS.Platform): { input: string; output: string } {
  return platform === "win32" ? { input: "CONIN$", output: "CONOUT$" } : { input: "/dev/tty", output: "/dev/tty" };
}

/**
 * Opens the controlling terminal as two raw descriptors (for a child's stdin and
 * stderr), or null when there is none. Any open error (ENXIO with no controlling
 * terminal, ENOENT, EACCES, ...) means "no terminal": callers then fail fast.
 */
export function openTtyFds(platform: NodeJS.Platform = process.platform): TtyFds | null {
  const paths = ttyPaths(platform);
  let input = -1;
  let output = -1;
  const closeBoth = () => {
    for (const fd of [input, output]) if (fd >= 0) closeSync(fd);
    input = output = -1;
  };
  try {
    input = openSync(paths.input, "r");
    output = openSync(paths.output, "w");
    if (!isatty(input) || !isatty(output)) throw new Error("not a terminal");
  } catch {
    try {
      closeBoth();
    } catch {
      // Nothing more to release.
    }
    return null;
  }
  let closed = false;
  return {
    input,
    output,
    close: () => {
      if (closed) return;
      closed = true;
      closeBoth();
    },
  };
}

/** Opens the controlling terminal for prompting, or returns null when the process has none. */
export function openTty(platform: NodeJS.Platform = process.platform): Tty | null {
  const fds = openTtyFds(platform);
  if (!fds) return null;
  let input: ReadStream;
  try {
    input = new ReadStream(fds.input);
  } catch {
    fds.close();
    return null;
  }
  return new TerminalTty(input, fds);
}

const MAX_LINE = 4096;
const CTRL_C = "\x03";
const CTRL_D = "\x04";
const CTRL_BACKSLASH = "\x1c";
const CTRL_U = "\x15";
const ESC = "\x1b";

class TerminalTty implements Tty {
  // Bytes typed after a line's Enter (e.g. a paste of several lines) belong to the next readLine.
  private pending = "";
  private reading = false;
  private closed = false;
  // A CR ends a line; a LF right after it (CRLF, possibly in the next chunk) is not another line.
  private skipLf = false;

  constructor(
    private readonly input: ReadStream,
    private readonly fds: TtyFds,
  ) {}

  write(s: string): void {
    if (this.closed) return;
    const buf = Buffer.from(s, "utf8");
    let off = 0;
    // writeSync may write partially; bounded because each pass writes at least one byte or throws.
    while (off < buf.length) off += writeSync(this.fds.output, buf, off);
  }

  readLine(opts: { hidden?: boolean; timeoutMs?: number } = {}): Promise<string> {
    if (this.closed) return Promise.reject(new TtyReadError("closed"));
    if (this.reading) return Promise.reject(new Error("readLine is already in progress on this terminal"));
    this.reading = true;
    return new Promise<string>((resolve, reject) => {
      const hidden = opts.hidden === true;
      const decoder = new StringDecoder("utf8");
      let line = "";
      let inEscape = false;
      let settled = false;
      let timer: NodeJS.Timeout | undefined;

      // Raw mode: no echo, no line discipline, no SIGINT from Ctrl-C; we edit the line
      // ourselves so Ctrl-C can restore the terminal before anything else happens.
      const restore = () => {
        try {
          this.input.setRawMode(false);
        } catch {
          // The terminal may already be gone (hang-up); nothing left to restore.
        }
      };
      const onSignal = (signal: NodeJS.Signals) => {
        finish(new PromptInterruptedError());
        // Re-deliver so the default action (or the caller's own handler) still applies.
        if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
      };
      const signals: NodeJS.Signals[] = process.platform === "win32" ? ["SIGINT"] : ["SIGINT", "SIGTERM", "SIGHUP"];
      const onExit = () => restore();
      const onEnd = () => finish(new TtyReadError("eof"));
      const onError = () => finish(new TtyReadError("eof"));

      const finish = (result: string | Error) => {
        if (settled) return;
        settled = true;
        if (timer) clearTimeout(timer);
        this.input.off("data", onData);
        this.input.off("end", onEnd);
        this.input.off("error", onError);
        for (const s of signals) process.off(s, onSignal);
        process.off("exit", onExit);
        this.input.pause();
        restore();
        this.reading = false;
        if (typeof result === "string") {
          this.write("\n");
          resolve(result);
        } else {
          if (result instanceof PromptInterruptedError) this.write("\n");
          reject(result);
        }
      };

      const handle = (text: string) => {
        const chars = Array.from(text);
        for (let i = 0; i < chars.length && !settled; i++) {
          const ch = chars[i]!;
          if (this.skipLf) {
            this.skipLf = false;
            if (ch === "\n") continue;
          }
          if (inEscape) {
            // Drop cursor keys and the like: ESC [ ... final byte (@..~), or ESC O x.
            if (ch !== "[" && ch !== "O" && ch >= "@" && ch <= "~") inEscape = false;
            continue;
          }
          if (ch === "\r" || ch === "\n") {
            this.skipLf = ch === "\r";
            this.pending = chars.slice(i + 1).join("");
            finish(line);
            return;
          }
          if (ch === CTRL_C || ch === CTRL_BACKSLASH) return finish(new PromptInterruptedError());
          if (ch === CTRL_D) {
            if (line === "") return finish(new TtyReadError("eof"));
            continue;
          }
          if (ch === "\x7f" || ch === "\b") {
            if (line.length > 0) {
              const cut = Array.from(line);
              cut.pop();
              line = cut.join("");
              if (!hidden) this.write("\b \b");
            }
            continue;
          }
          if (ch === CTRL_U) {
            if (!hidden) this.write("\b \b".repeat(Array.from(line).length));
            line = "";
            continue;
          }
          if (ch === ESC) {
            inEscape = true;
            continue;
          }
          if (ch < " ") continue; // other control characters
          if (line.length >= MAX_LINE) continue;
          line += ch;
          if (!hidden) this.write(ch);
        }
      };
      const onData = (chunk: Buffer | string) => handle(typeof chunk === "string" ? chunk : decoder.write(chunk));

      try {
        this.input.setRawMode(true);
      } catch {
        this.reading = false;
        reject(new TtyReadError("closed"));
        return;
      }
      for (const s of signals) process.on(s, onSignal);
      process.on("exit", onExit);
      if (opts.timeoutMs !== undefined) timer = setTimeout(() => finish(new TtyReadError("timeout")), opts.timeoutMs);
      this.input.on("end", onEnd);
      this.input.on("error", onError);
      const leftover = this.pending;
      this.pending = "";
      if (leftover) handle(leftover);
      if (settled) return;
      this.input.on("data", onData);
      this.input.resume();
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    // The stream owns the input descriptor; destroying it closes that fd.
    this.input.destroy();
    try {
      closeSync(this.fds.output);
    } catch {
      // Already closed.
    }
  }
}
