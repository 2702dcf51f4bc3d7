// Entry point: run the command table, render any error once, exit with its code.
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { tryFastPath } from "./fastPath.js";
import { createLogger } from "./io/log.js";
import type { Ctx } from "./commands/ctx.js";
import { renderError } from "./renderError.js";

declare const STSCTL_VERSION: string;

// The AWS SDK warns about Node 20 support on stderr; stsctl's stderr is for the user.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  if (String(typeof warning === "string" ? `${warning} ${JSON.stringify(rest)}` : warning.name).includes("NodeVersionSupportWarning")) return;
  (emitWarning as (...a: unknown[]) => void)(warning, ...rest);
}) as typeof process.emitWarning;

const argv = process.argv.slice(2);
const debug = argv.includes("--debug") || process.env.STSCTL_DEBUG === "1";
const log = createLogger({ debug });

const ctx = (): Ctx => ({
  env: process.env,
  now: () => new Date(),
  log,
  debug,
  out: (s) => void process.stdout.write(s),
  stdin: process.stdin,
  platform: process.platform,
  selfPath: selfPath(),
});

// The command table (and commander) loads only when the fast path declines.
tryFastPath(argv, ctx)
  .then(async (code) => code ?? (await import("./cli.js")).run(argv, { version: STSCTL_VERSION }, ctx))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.exitCode = renderError(err, { debug, write: (s) => process.stderr.write(s) });
    },
  );

function selfPath(): string {
  // dist/main.js → bin/stsctl, resolved through npm's symlinks.
  const bin = fileURLToPath(new URL("../bin/stsctl", import.meta.url));
  try {
    return realpathSync(bin);
  } catch {
    return bin;
  }
}
