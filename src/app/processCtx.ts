import { realpathSync } from "node:fs";
import type { Ctx } from "./ctx.js";
import type { Logger } from "../io/log.js";

/** The real process's edges, for main.ts and the credential-process fast entry. */
export function processCtx(log: Logger, debug: boolean): Ctx {
  let self: string | undefined;
  return {
    env: process.env,
    now: () => new Date(),
    log,
    debug,
    out: (s) => void process.stdout.write(s),
    // Touching process.stdin builds a stream (a socket for a pipe): only commands that read it pay.
    get stdin() {
      return process.stdin;
    },
    platform: process.platform,
    // bin/stsctl, resolved through npm's symlinks; computed only by commands that need it.
    get selfPath() {
      if (self === undefined) {
        const script = process.argv[1] ?? "";
        try {
          self = realpathSync(script);
        } catch {
          self = script;
        }
      }
      return self;
    },
  };
}
