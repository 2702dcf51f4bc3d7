import { cacheDir } from "../cacheDir.js";
import { askAgent } from "./agentClient.js";
import { agentSocketPath, type AgentBackend } from "./agentSocket.js";
import { SECRET_PLACEHOLDER, type HitReply, type HitRequest } from "./hitProtocol.js";
import { keyringMode } from "../keyringMode.js";

// What of the caller's environment the agent gets: what stsctl reads, nothing else.
const SENT_PREFIXES = ["AWS_", "STSCTL_", "XDG_"];
const SENT_NAMES = new Set(["HOME", "USER", "USERNAME", "USERPROFILE", "LOCALAPPDATA", "APPDATA", "SHELL", "PSModulePath"]);
// Secrets no cache hit needs: sent as a placeholder, since whether they are set shapes a plan.
const PLACEHOLDER = new Set(["AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "STSCTL_FILE_PASSPHRASE"]);

/**
 * Asks this build's running key agent to answer `stsctl <argv>` from the session
 * cache. Null whenever it does not (no agent, a miss, --debug, STSCTL_AGENT=0,
 * a slow or confused agent): the caller then runs the command itself.
 */
export function hitFromAgent(argv: string[], env: NodeJS.ProcessEnv, opts: { platform: NodeJS.Platform; cwd: string; self: string; timeoutMs?: number }): Promise<HitReply | null> {
  const backend = agentBackend(env);
  if (!backend || env.STSCTL_AGENT === "0" || env.STSCTL_DEBUG === "1" || argv.includes("--debug")) return Promise.resolve(null);
  // node:os costs a hit 3 ms: without HOME the command finds home itself. No socket (Windows): no agent.
  const socket = env.HOME ? agentSocketPath(cacheDir(env, opts.platform, env.HOME), opts.platform, backend) : undefined;
  if (!socket) return Promise.resolve(null);
  const sent: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined || !(SENT_NAMES.has(k) || SENT_PREFIXES.some((p) => k.startsWith(p)))) continue;
    sent[k] = PLACEHOLDER.has(k) ? SECRET_PLACEHOLDER : v;
  }
  const request = `HIT ${JSON.stringify({ argv, env: sent, cwd: opts.cwd, self: opts.self } satisfies HitRequest)}\n`;

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
