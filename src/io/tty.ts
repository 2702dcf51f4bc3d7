// The user's terminal, opened directly (/dev/tty, or CONIN$/CONOUT$ on Windows)
// rather than through stdin/stdout: stdout may be captured by `eval "$(stsctl env)"`
// and stdin may be a pipe from an AWS SDK running credential_process. Kept free of
// heavy imports: this sits on the credential-process path (the prompt library loads
// on the first readLine, in src/io/askLine.ts).
import { ReadStream } from "node:tty";
import { TerminalTty, type Tty } from "./terminalTty.js";
import { openTtyFds, ttyPaths } from "./ttyFds.js";

export type { Tty } from "./terminalTty.js";
export { openTtyFds, type TtyFds } from "./ttyFds.js";
export { PromptInterruptedError, TtyReadError } from "./ttyErrors.js";

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
  return new TerminalTty(input, fds, ttyPaths(platform).output);
}
