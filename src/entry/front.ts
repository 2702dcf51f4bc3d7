// dist/front.cjs, where bin/stsctl starts every command. A hot command first asks
// the key agent, which has the command code loaded already, to answer from the
// session cache: on a hit this process loads nothing of stsctl but this file.
// Otherwise the hot commands go on to dist/fast.cjs and everything else to
// dist/main.js. Kept tiny: node builtins, src/hot/hitClient.ts and one EPIPE handler.
import { hitFromAgent } from "../hot/hitClient.js";
import { isHotCommand } from "../hot/hotCommands.js";
import { exitOnClosedStdout } from "../io/closedStdout.js";

export function start(): void {
  if (!isHotCommand(process.argv[2])) {
    void import("./main.js");
    return;
  }
  const fast = () => require("./fast.cjs");
  served().then((done) => done || fast(), fast);
}

/** True when the agent answered and this process has nothing left to do. */
async function served(): Promise<boolean> {
  const reply = await hitFromAgent(process.argv.slice(2), process.env, {
    platform: process.platform,
    cwd: process.cwd(),
    self: process.argv[1] ?? "",
    // The agent reads this process's parent (the shell) for env's syntax: it cannot know it otherwise.
    ppid: process.ppid,
  });
  if (!reply) return false;
  exitOnClosedStdout();
  if (reply.err) process.stderr.write(reply.err);
  process.stdout.write(reply.out);
  process.exitCode = reply.code;
  return true;
}
