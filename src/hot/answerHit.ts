// The key agent answering a whole cache hit for a `credential-process` or `env`
// that src/entry/front.ts sent it: the same command code as the fast path, run here
// with the caller's argv, environment and directory, served from the session
// cache only. Anything else (a miss, an error, a prompt) is MISS, and the caller
// runs the command itself, with its own error messages and exit codes.
import { homedir } from "node:os";
import { resolve } from "node:path";
import type { Ctx } from "../app/ctx.js";
import { parseFastCall } from "./fastCommands.js";
import { createLogger } from "../io/log.js";
import { forgetSecrets } from "../io/redact.js";
import { agentSocketPath, type AgentBackend } from "../store/agent/agentSocket.js";
import { cacheDir, dataDir, storePaths } from "../store/cacheDir.js";
import { HIT_ENV_SENT, MISS, type HitReply, type HitRequest } from "./hitProtocol.js";
import { keyOpensVault } from "../store/dataKey.js";
import { encryptedSessionStore } from "../store/sessionStore.js";

/** A hit takes about a millisecond; one stuck on a hung file system must not hold up the rest. */
const ANSWER_DEADLINE_MS = 2000;

interface ThisAgent {
  socket: string;
  backend: AgentBackend;
  key: Buffer;
}

// One at a time: each answer runs in the caller's directory (process.chdir), which is process-wide.
let queue: Promise<unknown> = Promise.resolve();

export function answerHit(request: string, served: ThisAgent): Promise<string> {
  const next = queue.then(() => withDeadline(answer(request, served)));
  queue = next.catch(() => undefined);
  return next;
}

function withDeadline(work: Promise<string>): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((r) => (timer = setTimeout(() => r(MISS), ANSWER_DEADLINE_MS)));
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

async function answer(request: string, served: ThisAgent): Promise<string> {
  let req: HitRequest;
  try {
    req = JSON.parse(request) as HitRequest;
  } catch {
    return MISS;
  }
  if (!Array.isArray(req.argv) || typeof req.env !== "object" || !req.env || typeof req.cwd !== "string") return MISS;
  // Whatever a caller sends, a command here sees only the variables a hit may read.
  const env: Record<string, string> = {};
  for (const k of HIT_ENV_SENT) if (typeof req.env[k] === "string") env[k] = req.env[k];
  req.env = env;
  const call = parseFastCall(req.argv);
  // --no-cache cannot reach here (the fast path has no such flag); refuse it anyway.
  if (!call || call.opts.debug || call.opts.cache === false) return MISS;
  const platform = process.platform;
  const home = req.env.HOME || homedir();
  const dir = resolve(req.cwd, cacheDir(req.env, platform, home));
  // Only callers of this agent's cache directory and backend: its key seals only those sessions.
  const socket = agentSocketPath(dir, platform, served.backend);
  if (!socket || resolve(socket) !== resolve(served.socket)) return MISS;
  const paths = storePaths(dir, resolve(req.cwd, dataDir(req.env, platform, home)));
  // A file vault reset since this agent started (a new salt): its key must not serve old sessions.
  if (served.backend === "file" && !(await keyOpensVault(served.key, paths.vaultSalt))) return MISS;

  const sessions = encryptedSessionStore({ dir: paths.sessions(served.backend), dataKey: async () => served.key, backend: served.backend });
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
    // Keep no user directory busy between requests, and no credentials in memory.
    try {
      process.chdir(dir);
    } catch {
      // the next request changes it anyway
    }
    forgetSecrets();
  }
}
