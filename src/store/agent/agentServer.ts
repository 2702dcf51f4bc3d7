import { promises as fs } from "node:fs";
import { connect, createServer, type Server } from "node:net";
import path from "node:path";
import { ensurePrivateDir } from "../../io/privateDir.js";

export interface AgentOptions {
  socket: string;
  key: Buffer;
  /** Exit after this long without a request. */
  idleMs: number;
  /** Exit after this long whatever happens, so a key never lives in memory indefinitely. */
  maxLifeMs: number;
  /** Answers a `HIT <json>` request (a cache hit asked for by src/entry/front.ts) with one line. */
  answer?: (request: string) => Promise<string>;
}

/** A HIT request carries the caller's argv, environment and cwd. */
const MAX_REQUEST = 1 << 20;

/**
 * Serves the data key to this user's stsctl processes over a private socket,
 * so a cache hit needs no keychain round trip, and answers whole cache hits
 * (`answer`), so a hit needs not even load stsctl. Holds the key in memory only;
 * exits when idle, at its maximum age, on STOP, or if another agent owns the socket.
 */
export async function serveKey(opts: AgentOptions): Promise<Server | undefined> {
  // Ours and 0700, or no agent: a socket another user can reach or replace is no agent of ours.
  await ensurePrivateDir(path.dirname(opts.socket));
  if (await alive(opts.socket)) return undefined; // another agent already serves this user
  await fs.rm(opts.socket, { force: true }); // a dead agent's socket
  const encoded = opts.key.toString("base64") + "\n";
  let idle: NodeJS.Timeout;
  // Half-open: a caller sends its request and ends its side; a HIT answer comes later.
  const server = createServer({ allowHalfOpen: true }, (conn) => {
    refresh();
    let line = "";
    let handled = false;
    conn.setEncoding("utf8");
    conn.setTimeout(2000, () => conn.destroy());
    conn.on("data", (d: string) => {
      line += d;
      const end = line.indexOf("\n");
      if (end < 0) {
        if (line.length > (line.startsWith("HIT ") ? MAX_REQUEST : 64)) conn.destroy();
        return;
      }
      if (line.startsWith("STOP")) {
        conn.end();
        stop();
      } else if (line.startsWith("HIT ") && opts.answer) {
        opts.answer(line.slice(4, end)).then(
          (reply) => conn.end(reply + "\n"),
          () => conn.end("MISS\n"),
        );
      } else conn.end(line.startsWith("GET") ? encoded : "");
      handled = true;
      conn.removeAllListeners("data");
    });
    conn.on("end", () => {
      if (!handled) conn.end();
    });
    conn.on("error", () => undefined);
  });
  const stop = () => {
    clearInterval(watch);
    clearTimeout(idle);
    clearTimeout(life);
    opts.key.fill(0);
    server.close();
  };
  const refresh = () => {
    clearTimeout(idle);
    idle = setTimeout(stop, opts.idleMs);
  };
  const life = setTimeout(stop, opts.maxLifeMs);
  // A removed socket (a cleared cache dir, a deleted HOME) means nobody can reach us: leave.
  const watch = setInterval(() => {
    fs.access(opts.socket).catch(stop);
  }, 5000);
  watch.unref();
  const previous = process.umask(0o177); // the socket file is created 0600
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(opts.socket, () => resolve());
    });
  } finally {
    process.umask(previous);
  }
  refresh();
  return server;
}

function alive(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const c = connect(socket, () => (c.destroy(), resolve(true)));
    c.on("error", () => resolve(false));
  });
}
