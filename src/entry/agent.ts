// The key agent's process (see src/store/agent/agentServer.ts). Started detached
// by the first stsctl that reads the data key from the keychain; the key arrives
// on stdin, never in argv or the environment.
import { serveKey } from "../store/agent/agentServer.js";

const [socket, idle, life, backend] = process.argv.slice(2);
let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (d: string) => (input += d));
process.stdin.on("end", () => {
  const key = Buffer.from(input.trim(), "base64");
  input = "";
  if (!socket || key.length !== 32) process.exit(2);
  // Whole cache hits too, with the hit code loaded on the first request.
  const answer =
    backend === "keychain" || backend === "file"
      ? async (request: string) => (await import("../hot/answerHit.js")).answerHit(request, { socket, backend, key })
      : undefined;
  serveKey({ socket, key, idleMs: Number(idle), maxLifeMs: Number(life), ...(answer ? { answer } : {}) }).then(
    (server) => {
      if (!server) process.exit(0);
      server.on("close", () => process.exit(0));
    },
    () => process.exit(1),
  );
});
