// bin/stsctl's first stop for credential-process and env (dist/front.cjs): ask the
// key agent, which has the hit code loaded already, to answer from the session
// cache. On a hit this process loads nothing of stsctl but this file; otherwise
// bin/stsctl goes on to dist/fast.cjs, which runs the command itself.
import { hitFromAgent } from "./store/agent/hitClient.js";

/** True when the agent answered and this process has nothing left to do. */
export async function served(): Promise<boolean> {
  const reply = await hitFromAgent(process.argv.slice(2), process.env, { platform: process.platform, cwd: process.cwd(), self: process.argv[1] ?? "" });
  if (!reply) return false;
  if (reply.err) process.stderr.write(reply.err);
  process.stdout.write(reply.out);
  process.exitCode = reply.code;
  return true;
}
