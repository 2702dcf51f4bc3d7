import type { SessionStore } from "../store/sessionStore.js";
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
  /**
   * Serve from these sessions or not at all (the key agent answering a cache hit
   * for another process): anything that would renew a step, read a source's keys
   * or prompt throws CacheMiss instead.
   */
  cacheOnly?: { sessions: SessionStore };
}
