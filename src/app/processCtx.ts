import { realpathSync } from "node:fs";
import { homedir } from "node:os";
import type { Ctx } from "./ctx.js";
import type { Logger } from "../io/log.js";
import { processName } from "../io/parentProcess.js";

/** The real process's edges, for main.ts and the credential-process fast entry. */
export function processCtx(log: Logger, debug: boolean): Ctx {
  let self: string | undefined;
  let home: string | undefined;
  let cwd: string | undefined;
  // This object, not process.env at call time: an SDK credential_process swaps that one (engine/sourceCredentials.ts).
  const env = process.env;
  return {
    env,
    now: () => new Date(),
    log,
    debug,
    out: (s) => void process.stdout.write(s),
    // Touching process.stdin builds a stream (a socket for a pipe): only commands that read it pay.
    get stdin() {
      return process.stdin;
    },
    platform: process.platform,
    // The one homedir() call: everything else takes ctx.home. Both on first use, so a
    // command that needs neither runs without a passwd entry or in a removed directory.
    get home() {
      return (home ??= env.HOME || homedir());
    },
    get cwd() {
      return (cwd ??= process.cwd());
    },
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
    // Read only by commands that print shell syntax without --shell.
    parentProcess: () => processName(process.ppid, process.platform),
  };
}
