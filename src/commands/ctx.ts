import type { Logger } from "../io/log.js";

/** What every command gets from main: the process's edges, passed in so tests can run commands in-process. */
export interface Ctx {
  env: NodeJS.ProcessEnv;
  now: () => Date;
  log: Logger;
  debug: boolean;
  /** stdout: data only. */
  out: (s: string) => void;
  stdin: NodeJS.ReadStream;
  platform: NodeJS.Platform;
  /** Absolute path of the running stsctl executable (for credential_process lines). */
  selfPath: string;
}
