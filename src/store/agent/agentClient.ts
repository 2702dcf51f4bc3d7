import { connect } from "node:net";

/**
 * Asks a running key agent for the data key. Any failure (no agent, a stale
 * socket, a slow or confused peer) is just "no key": the caller then reads the
 * keychain as usual. Bounded, so a stuck agent costs at most `timeoutMs`.
 */
export function keyFromAgent(socket: string, timeoutMs = 300): Promise<Buffer | null> {
  return new Promise((resolve) => {
    let data = "";
    let settled = false;
    const done = (key: Buffer | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      conn.destroy();
      resolve(key);
    };
    const timer = setTimeout(() => done(null), timeoutMs);
    const conn = connect(socket, () => conn.end("GET\n"));
    conn.setEncoding("utf8");
    conn.on("data", (d: string) => {
      data += d;
      if (data.length > 200) done(null);
    });
    conn.on("end", () => {
      const key = Buffer.from(data.trim(), "base64");
      done(key.length === 32 ? key : null);
    });
    conn.on("error", () => done(null));
  });
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
