import { redact } from "./redact.js";

/** Diagnostics go to stderr only, always redacted; stdout is for data. */
export interface Logger {
  debugEnabled: boolean;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
}

export function createLogger(opts: { debug: boolean; write?: (s: string) => void }): Logger {
  const write = opts.write ?? ((s: string) => void process.stderr.write(s));
  const line = (prefix: string, m: string) => write(redact(`${prefix}${m}`) + "\n");
  return {
    debugEnabled: opts.debug,
    debug: (m) => {
      if (opts.debug) line("debug: ", m);
    },
    info: (m) => line("", m),
    warn: (m) => line("warning: ", m),
  };
}
