import { connect } from "node:net";

/**
 * Sends one request line to the key agent and returns its whole answer. Any
 * failure (no agent, a stale socket, a slow or confused peer) is null: callers
 * then do the work themselves. Bounded, so a stuck agent costs at most `timeoutMs`.
 */
export function askAgent(socket: string, request: string, opts: { timeoutMs: number; maxBytes: number }): Promise<string | null> {
  return new Promise((resolve) => {
    let data = "";
    let settled = false;
    const done = (reply: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      conn.destroy();
      resolve(reply);
    };
    const timer = setTimeout(() => done(null), opts.timeoutMs);
    const conn = connect(socket, () => conn.end(request));
    conn.setEncoding("utf8");
    conn.on("data", (d: string) => {
      data += d;
      if (data.length > opts.maxBytes) done(null);
    });
    conn.on("end", () => done(data));
    conn.on("error", () => done(null));
  });
}

/** The data key from a running agent, or null (the caller then reads the keychain as usual). */
export async function keyFromAgent(socket: string, timeoutMs = 300): Promise<Buffer | null> {
  const reply = await askAgent(socket, "GET\n", { timeoutMs, maxBytes: 200 });
  const key = reply === null ? null : Buffer.from(reply.trim(), "base64");
  return key?.length === 32 ? key : null;
}

/** Tells a running agent to forget the key and exit (stsctl clear --all). */
export function stopAgent(socket: string, timeoutMs = 300): Promise<boolean> {
  return new Promise((resolve) => {
    const conn = connect(socket, () => conn.end("STOP\n"));
    const timer = setTimeout(() => (conn.destroy(), resolve(false)), timeoutMs);
    conn.on("close", () => (clearTimeout(timer), resolve(true)));
    conn.on("error", () => (clearTimeout(timer), resolve(false)));
  });
}
