// The terminal as prompts use it (opened by openTty in src/io/tty.ts): messages
// written straight to it, lines read through src/io/askLine.ts (the prompt library,
// loaded on the first read).
import { closeSync, openSync, writeSync } from "node:fs";
import { WriteStream, type ReadStream } from "node:tty";
import type { TtyFds } from "./ttyFds.js";
import { TtyReadError } from "./ttyErrors.js";

export interface Tty {
  /** Shows text on the terminal; what follows its last line break is the next readLine's prompt. */
  write(s: string): void;
  /**
   * Reads one line typed on the terminal (without the newline), the prompt and the
   * answer left on the screen. Ctrl-C rejects with PromptInterruptedError; Ctrl-D on
   * an empty line, a hang-up or the timeout with TtyReadError.
   */
  readLine(opts?: { hidden?: boolean; timeoutMs?: number }): Promise<string>;
  close(): void;
}

export class TerminalTty implements Tty {
  // Text after the last line break written: the prompt of the next readLine, which
  // the prompt library draws itself (with the answer after it), so it waits until then.
  private pending = "";
  private reading = false;
  private closed = false;

  constructor(
    private readonly input: ReadStream,
    private readonly fds: TtyFds,
    private readonly outputPath: string,
  ) {}

  write(s: string): void {
    if (this.closed) return;
    const text = this.pending + s;
    const end = text.lastIndexOf("\n") + 1;
    this.pending = text.slice(end);
    if (end > 0) this.writeNow(text.slice(0, end));
  }

  async readLine(opts: { hidden?: boolean; timeoutMs?: number } = {}): Promise<string> {
    if (this.closed) throw new TtyReadError("closed");
    if (this.reading) throw new Error("readLine is already in progress on this terminal");
    this.reading = true;
    const message = this.pending;
    this.pending = "";
    try {
      const { askLine } = await import("./askLine.js");
      return await askLine({
        input: this.input,
        openOutput: () => this.openOutput(),
        message,
        ...opts,
      });
    } finally {
      this.reading = false;
    }
  }

  close(): void {
    if (this.closed) return;
    if (this.pending) this.writeNow(this.pending);
    this.closed = true;
    // The stream owns the input descriptor; destroying it closes that fd.
    this.input.destroy();
    try {
      closeSync(this.fds.output);
    } catch {
      // Already closed.
    }
  }

  // Its own descriptor: the prompt ends the stream it writes to, which closes it.
  private openOutput(): WriteStream {
    const fd = openSync(this.outputPath, "w");
    try {
      return new WriteStream(fd);
    } catch (e) {
      closeSync(fd);
      throw e;
    }
  }

  private writeNow(s: string): void {
    const buf = Buffer.from(s, "utf8");
    let off = 0;
    // writeSync may write partially; bounded because each pass writes at least one byte or throws.
    while (off < buf.length) off += writeSync(this.fds.output, buf, off);
  }
}
