// web_identity_token_process: a user-written command line whose stdout is the
// token (a cloud CLI, a vault helper). It runs through the platform shell, like
// the other command lines in ~/.aws/config. Its stdout is a secret: it is
// captured and never shown, not even in part, in any message.
import { ChildError, FederationError } from "../../errors.js";
import { runCommandLine } from "../../io/runCommandLine.js";

const DEFAULT_TIMEOUT_MS = 60_000;
const MAX_OUTPUT_BYTES = 64 * 1024;

export interface TokenProcessOptions {
  env: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** Names the command in messages, e.g. `web_identity_token_process of profile "ci"`. */
  label?: string;
}

export async function runTokenProcess(command: string, opts: TokenProcessOptions): Promise<string> {
  const label = opts.label ?? "web_identity_token_process";
  const hint = `run the ${label} command by hand to see what it does; it must print only the token on stdout`;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // No stdin: under credential_process it would be the SDK's pipe; stderr goes to the user.
  const r = await runCommandLine(command, { env: opts.env, timeoutMs, maxOutputBytes: MAX_OUTPUT_BYTES });
  switch (r.kind) {
    case "notStarted":
      throw new ChildError(`${label} could not be started`, { hint, cause: r.error });
    case "timedOut":
      throw new FederationError(`${label} did not finish within ${Math.round(timeoutMs / 1000)}s and was stopped`, { hint });
    case "tooMuchOutput":
      throw new FederationError(`${label} printed more than ${MAX_OUTPUT_BYTES} bytes; expected one token`, { hint });
    case "signalled":
      throw new FederationError(`${label} was killed by ${r.signal}`, { hint });
    case "exited": {
      if (r.code !== 0) throw new FederationError(`${label} exited with status ${r.code}`, { hint });
      const token = r.stdout.toString("utf8").trim();
      if (token === "") throw new FederationError(`${label} succeeded but printed nothing`, { hint });
      return token;
    }
  }
}
