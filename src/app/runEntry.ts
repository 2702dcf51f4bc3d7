import type { Ctx } from "./ctx.js";
import { exitOnClosedStdout } from "../io/closedStdout.js";
import { createLogger } from "../io/log.js";
import { processCtx } from "./processCtx.js";
import { renderError } from "./renderError.js";
import { silenceSdkNodeWarning } from "./silenceSdkNodeWarning.js";

/**
 * What every built entry does around its command: the process context, the one
 * error renderer, the exit code. `run` resolves to an exit code, or undefined when
 * it handed the process to another entry.
 */
export function runEntry(run: (argv: string[], ctx: () => Ctx) => Promise<number | undefined>): void {
  silenceSdkNodeWarning();
  exitOnClosedStdout();
  const argv = process.argv.slice(2);
  const debug = argv.includes("--debug") || process.env.STSCTL_DEBUG === "1";
  const ctx = processCtx(createLogger({ debug }), debug);
  run(argv, () => ctx).then(
    (code) => {
      if (code !== undefined) process.exitCode = code;
    },
    (err: unknown) => {
      process.exitCode = renderError(err, { debug, write: (s) => process.stderr.write(s) });
    },
  );
}
