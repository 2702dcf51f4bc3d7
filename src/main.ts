// Entry point: run the command table, render any error once, exit with its code.
import { tryFastPath } from "./fastPath.js";
import { createLogger } from "./io/log.js";
import { processCtx } from "./processCtx.js";
import { renderError } from "./renderError.js";
import { silenceSdkNodeWarning } from "./silenceSdkNodeWarning.js";

declare const STSCTL_VERSION: string;

silenceSdkNodeWarning();
const argv = process.argv.slice(2);
const debug = argv.includes("--debug") || process.env.STSCTL_DEBUG === "1";
const ctx = processCtx(createLogger({ debug }), debug);

// The command table (and commander) loads only when the fast path declines.
tryFastPath(argv, () => ctx)
  .then(async (code) => code ?? (await import("./cli.js")).run(argv, { version: STSCTL_VERSION }, () => ctx))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.exitCode = renderError(err, { debug, write: (s) => process.stderr.write(s) });
    },
  );
