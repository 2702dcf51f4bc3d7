import { cacheDir } from "../cacheDir.js";
import { askAgent } from "./agentClient.js";
import { agentSocketPath } from "./agentSocket.js";

// What of the caller's environment the agent gets: what stsctl reads, nothing else.
const SENT_PREFIXES = ["AWS_", "STSCTL_", "XDG_"];
const SENT_NAMES = new Set(["HOME", "USER", "USERNAME", "USERPROFILE", "LOCALAPPDATA", "APPDATA", "SHELL", "PSModulePath"]);
// Secrets no cache hit needs: sent as a placeholder, since whether they are set shapes a plan.
const PLACEHOLDER = new Set(["AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "STSCTL_FILE_PASSPHRASE"]);
export const SECRET_PLACEHOLDER = "(set, not sent)";

export interface Served {
  code: number;
  out: string;
  err: string;
}

/**
 * Asks this build's running key agent to answer `stsctl <argv>` from the session
 * cache. Null whenever it does not (no agent, a miss, --debug, STSCTL_AGENT=0,
 * a slow or confused agent): the caller then runs the command itself.
 */
export function hitFromAgent(argv: string[], env: NodeJS.ProcessEnv, opts: { platform: NodeJS.Platform; cwd: string; self: string; timeoutMs?: number }): Promise<Served | null> {
  const mode = (env.STSCTL_KEYRING ?? "").trim().toLowerCase();
  const backend = mode === "" || mode === "keychain" ? "keychain" : mode === "file" ? "file" : undefined;
  if (!backend || env.STSCTL_AGENT === "0" || env.STSCTL_DEBUG === "1" || argv.includes("--debug")) return Promise.resolve(null);
  // node:os costs a hit 3 ms: without HOME the command finds home itself. No socket (Windows): no agent.
  const socket = env.HOME ? agentSocketPath(cacheDir(env, opts.platform, env.HOME), opts.platform, backend) : undefined;
  if (!socket) return Promise.resolve(null);
  const sent: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined || !(SENT_NAMES.has(k) || SENT_PREFIXES.some((p) => k.startsWith(p)))) continue;
    sent[k] = PLACEHOLDER.has(k) ? SECRET_PLACEHOLDER : v;
  }
  const request = `HIT ${JSON.stringify({ argv, env: sent, cwd: opts.cwd, self: opts.self })}\n`;

  // Hits are answered in about a millisecond; 500 ms covers an agent's first request (loading the command code).
  return askAgent(socket, request, { timeoutMs: opts.timeoutMs ?? 500, maxBytes: 1 << 20 }).then((reply) => (reply === null ? null : parse(reply)));
}

function parse(reply: string): Served | null {
  if (!reply.startsWith("{")) return null;
  try {
    const r = JSON.parse(reply) as Partial<Served>;
    return typeof r.code === "number" && typeof r.out === "string" && typeof r.err === "string" ? (r as Served) : null;
  } catch {
    return null;
  }
}
