// The entry of credential-process and env, bundled as one CommonJS file
// (dist/fast.cjs): SDKs and shells run them constantly, and a single CommonJS
// file starts faster than the ESM graph of the full command table. Anything the fast
// path declines goes to the full entry, which parses argv again.
import { tryFastPath } from "./fastPath.js";
import { createLogger } from "./io/log.js";
import { processCtx } from "./processCtx.js";
import { renderError } from "./renderError.js";
import { silenceSdkNodeWarning } from "./silenceSdkNodeWarning.js";

silenceSdkNodeWarning();
const argv = process.argv.slice(2);
const debug = argv.includes("--debug") || process.env.STSCTL_DEBUG === "1";
const ctx = processCtx(createLogger({ debug }), debug);

tryFastPath(argv, () => ctx).then(
  (code) => {
    if (code === undefined) void import("./main.js");
    else process.exitCode = code;
  },
  (err: unknown) => {
    process.exitCode = renderError(err, { debug, write: (s) => process.stderr.write(s) });
  },
);
