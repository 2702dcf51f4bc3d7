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
  /** The user's home directory: HOME, else the OS account's (computed once, in processCtx.ts). */
  home: string;
  /**
   * The directory relative paths from the environment or flags resolve against
   * (AWS_CONFIG_FILE, STSCTL_CACHE_DIR, …): the caller's, which in the key agent
   * is not the process's own (src/hot/answerHit.ts).
   */
  cwd: string;
  /** Absolute path of the running stsctl executable (for credential_process lines). */
  selfPath: string;
  /**
   * The name of the program that ran stsctl, usually the shell that reads its exports
   * (src/io/parentProcess.ts); in the key agent, the caller's parent, never the agent's.
   * Absent or undefined: unknown.
   */
  parentProcess?: () => Promise<string | undefined>;
  /**
   * Serve from these sessions or not at all (the key agent answering a cache hit
   * for another process): anything that would renew a step, read a source's keys
   * or prompt throws CacheMiss instead.
   */
  cacheOnly?: { sessions: SessionStore };
}
