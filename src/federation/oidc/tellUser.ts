import { writeSync } from "node:fs";
import type { Logger } from "../../io/log.js";
import { openTtyFds } from "../../io/tty.js";

/**
 * Sign-in instructions (a URL, a device code) must reach the person even when
 * stderr is captured, as the AWS CLI does with credential_process: they go to
 * stderr, and also to the terminal when stderr is not one.
 */
export function tellUser(log: Logger, platform: NodeJS.Platform, stderrIsTty = Boolean(process.stderr.isTTY)): (message: string) => void {
  return (message) => {
    log.info(message);
    if (stderrIsTty) return;
    const tty = openTtyFds(platform);
    if (!tty) return;
    try {
      writeSync(tty.output, `${message}\n`);
    } catch {
      // The terminal went away; stderr has the message.
    } finally {
      tty.close();
    }
  };
}
