// The key agent's HIT exchange (src/front.ts asks, src/agentHit.ts answers):
// one line `HIT <HitRequest JSON>`, answered by one line, a HitReply's JSON or MISS.

export interface HitRequest {
  argv: string[];
  /** The variables stsctl reads, secrets replaced by SECRET_PLACEHOLDER. */
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
export const SECRET_PLACEHOLDER = "(set, not sent)";
