// The key agent answering a whole cache hit for a `credential-process` or `env`
// that src/front.ts sent it: the same command code as the fast path, run here
// with the caller's argv, environment and directory, served from the session
// cache only. Anything else (a miss, an error, a prompt) is MISS, and the caller
// runs the command itself, with its own error messages and exit codes.
import { homedir } from "node:os";
import { dirname } from "node:path";
import type { Ctx } from "./commands/ctx.js";
import { parseFastCall } from "./fastPath.js";
import { createLogger } from "./io/log.js";
import { agentSocketPath, type AgentBackend } from "./store/agent/agentSocket.js";
import { cacheDir, storePaths } from "./store/cacheDir.js";
import { encryptedSessionStore } from "./store/sessionStore.js";

export interface HitRequest {
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  /** The caller's bin/stsctl, as its ctx.selfPath. */
  self: string;
}

export interface HitReply {
  code: number;
  out: string;
  err: string;
}

export const MISS = "MISS";

// One at a time: each answer runs in the caller's directory (process.chdir), which is process-wide.
let queue: Promise<unknown> = Promise.resolve();

export function answerHit(request: string, served: { socket: string; backend: AgentBackend; key: Buffer }): Promise<string> {
  const next = queue.then(() => answer(request, served));
  queue = next.catch(() => undefined);
  return next;
}

async function answer(request: string, served: { socket: string; backend: AgentBackend; key: Buffer }): Promise<string> {
  let req: HitRequest;
  try {
    req = JSON.parse(request) as HitRequest;
  } catch {
    return MISS;
  }
  if (!Array.isArray(req.argv) || typeof req.env !== "object" || !req.env || typeof req.cwd !== "string") return MISS;
  const call = parseFastCall(req.argv);
  if (!call || call.opts.debug) return MISS;
  const platform = process.platform;
  const dir = cacheDir(req.env, platform, req.env.HOME || homedir());
  // Only callers of this agent's cache directory and backend: its key seals only those sessions.
  if (agentSocketPath(dir, platform, served.backend) !== served.socket) return MISS;

  const sessions = encryptedSessionStore({ dir: storePaths(dir).sessions(served.backend), dataKey: async () => served.key, backend: served.backend });
  let out = "";
  let err = "";
  const ctx: Ctx = {
    env: req.env,
    now: () => new Date(),
    log: createLogger({ debug: false, write: (s) => void (err += s) }),
    debug: false,
    out: (s) => void (out += s),
    get stdin(): NodeJS.ReadStream {
      throw new Error("no stdin in the agent");
    },
    platform,
    selfPath: typeof req.self === "string" ? req.self : "",
    cacheOnly: { sessions },
  };
  try {
    process.chdir(req.cwd);
    const { default: run } = await call.load();
    const code = await run(ctx, call.positional, call.opts);
    return JSON.stringify({ code, out, err } satisfies HitReply);
  } catch {
    return MISS;
  } finally {
    // Keep no user directory busy between requests.
    try {
      process.chdir(dirname(served.socket));
    } catch {
      // the next request changes it anyway
    }
  }
}
