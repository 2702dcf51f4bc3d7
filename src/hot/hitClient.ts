import { cacheDir } from "../store/cacheDir.js";
import { askAgent } from "../store/agent/agentClient.js";
import { agentSocketPath, type AgentBackend } from "../store/agent/agentSocket.js";
import { HIT_ENV_DECLINED, HIT_ENV_SENT, type HitReply, type HitRequest } from "./hitProtocol.js";
import { keyringMode } from "../store/keyringMode.js";
import { socketIsTrusted } from "../io/ownership.js";

/**
 * Asks this build's running key agent to answer `stsctl <argv>` from the session
 * cache. Null whenever it does not (no agent, a miss, --debug, STSCTL_AGENT=0,
 * a secret in the environment, a socket or directory another user could have
 * made, a slow or confused agent): the caller then runs the command itself.
 */
export function hitFromAgent(
  argv: string[],
  env: NodeJS.ProcessEnv,
  opts: { platform: NodeJS.Platform; cwd: string; self: string; ppid?: number; timeoutMs?: number },
): Promise<HitReply | null> {
  const backend = agentBackend(env);
  if (!backend || env.STSCTL_AGENT === "0" || env.STSCTL_DEBUG === "1" || argv.includes("--debug")) return Promise.resolve(null);
  if (HIT_ENV_DECLINED.some((k) => env[k] !== undefined)) return Promise.resolve(null);
  // node:os costs a hit 3 ms: without HOME the command finds home itself. No socket (Windows): no agent.
  const dir = env.HOME ? cacheDir(env, opts.platform, env.HOME) : undefined;
  const socket = dir ? agentSocketPath(dir, opts.platform, backend) : undefined;
  // Only an agent that can be nobody but this user: the command itself then says what is wrong.
  if (!socket || !socketIsTrusted(socket, dir!)) return Promise.resolve(null);
  const sent: Record<string, string> = {};
  for (const k of HIT_ENV_SENT) {
    const v = env[k];
    if (v !== undefined) sent[k] = v;
  }
  const ask: HitRequest = { argv, env: sent, cwd: opts.cwd, self: opts.self, ...(opts.ppid !== undefined ? { ppid: opts.ppid } : {}) };
  const request = `HIT ${JSON.stringify(ask)}\n`;

  // Hits are answered in about a millisecond; 500 ms covers an agent's first request (loading the command code).
  return askAgent(socket, request, { timeoutMs: opts.timeoutMs ?? 500, maxBytes: 1 << 20 }).then((reply) => (reply === null ? null : parse(reply)));
}

/** The backend whose agent could answer; none for STSCTL_KEYRING=none or a value the command itself will reject. */
function agentBackend(env: NodeJS.ProcessEnv): AgentBackend | undefined {
  try {
    const mode = keyringMode(env);
    return mode === "none" ? undefined : mode;
  } catch {
    return undefined;
  }
}

function parse(reply: string): HitReply | null {
  if (!reply.startsWith("{")) return null;
  try {
    const r = JSON.parse(reply) as Partial<HitReply>;
    return typeof r.code === "number" && typeof r.out === "string" && typeof r.err === "string" ? (r as HitReply) : null;
  } catch {
    return null;
  }
}
