import { ExitCode } from "../errors.js";

/**
 * Exits quietly once stdout's reader has gone (`stsctl --help | head -1`). Node
 * ignores SIGPIPE, so a write to a closed pipe becomes an EPIPE 'error' event,
 * which unhandled is a stack trace and exit 1; nothing more can be said on
 * stdout anyway. Any other error stays what it was.
 */
export function exitOnClosedStdout(): void {
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code !== "EPIPE") throw e;
    process.exit(ExitCode.brokenPipe);
  });
}
