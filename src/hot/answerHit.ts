// The key agent answering a whole cache hit for a `credential-process` or `env`
// that src/entry/front.ts sent it: the same command code as the fast path, run here
// with the caller's argv, environment and directory, served from the session
// cache only. Anything else (a miss, an error, a prompt) is MISS, and the caller
// runs the command itself, with its own error messages and exit codes.
// Answers run side by side: each has its own Ctx (the caller's home and cwd, which
// every relative path resolves against), and nothing changes the process's directory.
import { isAbsolute, resolve } from "node:path";
import type { Ctx } from "../app/ctx.js";
import { userCacheDir, userDataDir } from "../app/userStores.js";
import { parseFastCall } from "./fastCommands.js";
import { createLogger } from "../io/log.js";
import { processName } from "../io/parentProcess.js";
import { forgetSecrets } from "../io/redact.js";
import { agentSocketPath, type AgentBackend } from "../store/agent/agentSocket.js";
import { storePaths } from "../store/cacheDir.js";
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

/** Answers still running (a late one too, past its deadline). */
let running = 0;

export function answerHit(request: string, served: ThisAgent): Promise<string> {
  running++;
  const work = answer(request, served);
  // No credentials in memory between requests; the registry is process-wide, so it is
  // emptied when the last running answer ends (the others still redact with it).
  const done = () => {
    if (--running === 0) forgetSecrets();
  };
  work.then(done, done);
  return withDeadline(work);
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
  // The caller's process.cwd() is absolute; nothing here may fall back on the agent's own.
  if (!Array.isArray(req.argv) || typeof req.env !== "object" || !req.env || typeof req.cwd !== "string" || !isAbsolute(req.cwd)) return MISS;
  // Whatever a caller sends, a command here sees only the variables a hit may read.
  const env: Record<string, string> = {};
  for (const k of HIT_ENV_SENT) if (typeof req.env[k] === "string") env[k] = req.env[k];
  req.env = env;
  const call = parseFastCall(req.argv);
  // --no-cache cannot reach here (the fast path has no such flag); refuse it anyway.
  if (!call || call.opts.debug || call.opts.cache === false) return MISS;
  // A caller asks only with HOME set (src/hot/hitClient.ts): it names the cache directory.
  const home = req.env.HOME;
  if (!home) return MISS;
  const where = { env: req.env, platform: process.platform, home, cwd: req.cwd };
  const dir = userCacheDir(where);
  // Only callers of this agent's cache directory and backend: its key seals only those sessions.
  const socket = agentSocketPath(dir, where.platform, served.backend);
  if (!socket || resolve(socket) !== resolve(served.socket)) return MISS;
  const paths = storePaths(dir, userDataDir(where));
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
    platform: where.platform,
    home,
    cwd: req.cwd,
    selfPath: typeof req.self === "string" ? req.self : "",
    // The caller's parent (its shell), never this agent's; detectShell takes only a known shell's name.
    parentProcess: () => processName(typeof req.ppid === "number" ? req.ppid : undefined, where.platform),
    cacheOnly: { sessions },
  };
  try {
    const { default: run } = await call.load();
    const code = await run(ctx, call.positional, call.opts);
    return JSON.stringify({ code, out, err } satisfies HitReply);
  } catch {
    return MISS;
  }
}
