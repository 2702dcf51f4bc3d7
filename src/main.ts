// Entry point: run the command table, render any error once, exit with its code.
import { run } from "./cli.js";
import { renderError } from "./renderError.js";

declare const STSCTL_VERSION: string;

// The AWS SDK warns about Node 20 support on stderr; stsctl's stderr is for the user.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  const name = typeof warning === "string" ? (rest[0] as { type?: string } | string | undefined) : warning.name;
  const type = typeof name === "string" ? name : name?.type;
  if (type === "NodeVersionSupportWarning" || String(warning).includes("NodeVersionSupportWarning")) return;
  (emitWarning as (...a: unknown[]) => void)(warning, ...rest);
}) as typeof process.emitWarning;

const debug = process.argv.includes("--debug") || process.env.STSCTL_DEBUG === "1";

run(process.argv.slice(2), { version: STSCTL_VERSION }).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.exitCode = renderError(err, { debug, write: (s) => process.stderr.write(s) });
  },
);
