// One line read with @inquirer/prompts' input prompt, drawn on the terminal's own
// streams (src/io/tty.ts), never stdin/stdout. The prompt library loads only here,
// when a prompt is really shown: it is heavy, and the cache-hit path never asks.
import { emitKeypressEvents } from "node:readline";
import type { ReadStream, WriteStream } from "node:tty";
import { PromptInterruptedError, TtyReadError } from "./ttyErrors.js";

export interface AskLineOptions {
  /** The terminal's input; the prompt's readline puts it in raw mode and back. */
  input: ReadStream;
  /** A fresh stream to the terminal: the prompt ends (and so closes) the one it gets. */
  openOutput: () => WriteStream;
  /** Shown as written (the AWS CLI's `Enter MFA code for <serial>: `), the answer after it. */
  message: string;
  /** Nothing typed is shown, not even a mask, and the cursor is hidden meanwhile. */
  hidden?: boolean;
  timeoutMs?: number;
}

// The prompt draws `message value`, and trims the spaces that end a drawn line: a
// no-op escape after the value keeps the prompt's final space on the screen.
const CURSOR_SHOW = "\u001b[?25h";
const CURSOR_HIDE = "\u001b[?25l";
const MAX_LINE = 4096;
// Plain, as the AWS CLI asks: no "?" or tick before the message, no colours.
const THEME = { prefix: { idle: undefined, done: undefined }, style: { message: (text: string) => text } };

type Key = { name?: string; ctrl?: boolean; sequence?: string } | undefined;

/**
 * Reads one line: Ctrl-C (or SIGINT, SIGTERM, SIGHUP) rejects with PromptInterruptedError,
 * Ctrl-D on an empty line or a hang-up with TtyReadError("eof"), the timeout with
 * TtyReadError("timeout"). The terminal is back in line mode whenever it settles.
 */
export async function askLine(o: AskLineOptions): Promise<string> {
  // Every way this side ends the prompt aborts it, with the error to reject with as the reason.
  const controller = new AbortController();
  const timer = o.timeoutMs === undefined ? undefined : setTimeout(() => stop(controller, new TtyReadError("timeout")), o.timeoutMs);
  try {
    const { input: inputPrompt } = await import("@inquirer/prompts");
    // An aborted signal makes the prompt reject after it has set raw mode, never to undo it.
    controller.signal.throwIfAborted();
    return await ask(inputPrompt, o, controller);
  } finally {
    if (timer) clearTimeout(timer);
  }
}

function stop(controller: AbortController, why: Error): void {
  if (!controller.signal.aborted) controller.abort(why);
}

async function ask(inputPrompt: typeof import("@inquirer/prompts").input, o: AskLineOptions, controller: AbortController): Promise<string> {
  let output: WriteStream;
  try {
    output = o.openOutput();
  } catch {
    throw new TtyReadError("closed");
  }
  const hidden = o.hidden === true;
  // What the prompt shows as typed (it passes it to the transformer on every draw).
  let typed = "";
  let signalled: NodeJS.Signals | undefined;
  const restore = () => {
    try {
      o.input.setRawMode(false);
      if (hidden) output.write(CURSOR_SHOW);
    } catch {
      // The terminal may already be gone (hang-up); nothing left to restore.
    }
  };
  // Keys readline would not end the prompt on: Ctrl-D on an empty line closes its
  // interface without an answer, and Ctrl-\ is only a character in raw mode.
  const onKey = (_s: unknown, key: Key) => {
    if (key?.ctrl && key.name === "d" && typed === "") stop(controller, new TtyReadError("eof"));
    else if (key?.sequence === "\x1c") stop(controller, new PromptInterruptedError());
  };
  const onEnd = () => stop(controller, new TtyReadError("eof"));
  const onSignal = (s: NodeJS.Signals) => {
    signalled ??= s;
    restore();
    stop(controller, new PromptInterruptedError());
  };
  const signals: NodeJS.Signals[] = process.platform === "win32" ? ["SIGINT"] : ["SIGINT", "SIGTERM", "SIGHUP"];
  emitKeypressEvents(o.input);
  o.input.on("keypress", onKey);
  o.input.on("end", onEnd);
  o.input.on("error", onEnd);
  for (const s of signals) process.on(s, onSignal);
  process.on("exit", restore);
  try {
    const answer = await inputPrompt(
      {
        // The prompt puts one space between the message and the answer.
        message: o.message.endsWith(" ") ? o.message.slice(0, -1) : o.message,
        theme: THEME,
        transformer: (value, { isFinal }) => {
          typed = value;
          return (hidden ? "" : value) + (hidden && !isFinal ? CURSOR_HIDE : CURSOR_SHOW);
        },
      },
      { input: o.input, output, signal: controller.signal, clearPromptOnDone: false },
    );
    // Tabs and other control characters are not part of an answer.
    return Array.from(answer.replace(/[\u0000-\u001f]/g, ""))
      .slice(0, MAX_LINE)
      .join("");
  } catch (e) {
    if (controller.signal.aborted) throw controller.signal.reason;
    // Ctrl-C, as readline reports it to the prompt.
    if ((e as Error)?.name === "ExitPromptError") throw new PromptInterruptedError();
    throw e;
  } finally {
    o.input.off("keypress", onKey);
    o.input.off("end", onEnd);
    o.input.off("error", onEnd);
    for (const s of signals) process.off(s, onSignal);
    process.off("exit", restore);
    output.destroy();
    // The prompt has let go of the signal too: re-deliver it so the default action (or
    // another handler's) still applies, as src/io/tempFiles.ts does.
    if (signalled && process.listenerCount(signalled) === 0) process.kill(process.pid, signalled);
  }
}
