// web_identity_token_process: a user-written command line whose stdout is the
// token (a cloud CLI, a vault helper). It runs through the platform shell, like
// the other command lines in ~/.aws/config. Its stdout is a secret: it is
// captured and never shown, not even in part, in any message.
import { spawn } from "node:child_process";
import { ChildError, FederationError } from "../../errors.js";

const DEFAULT_TIMEOUT_MS = 60_000;
const MAX_OUTPUT_BYTES = 64 * 1024;
const KILL_GRACE_MS = 2_000;

export interface TokenProcessOptions {
  env: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** Names the command in messages, e.g. `web_identity_token_process of profile "ci"`. */
  label?: string;
}

export function runTokenProcess(command: string, opts: TokenProcessOptions): Promise<string> {
  const label = opts.label ?? "web_identity_token_process";
  const hint = `run the ${label} command by hand to see what it does; it must print only the token on stdout`;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Promise<string>((resolve, reject) => {
    // No stdin: under credential_process it would be the SDK's pipe; stderr goes to the user.
    const child = spawn(command, { shell: true, env: opts.env, stdio: ["ignore", "pipe", "inherit"], windowsHide: true });
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: string | Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (typeof result === "string") resolve(result);
      else reject(result);
    };
    const stop = () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), KILL_GRACE_MS).unref();
    };
    const timer = setTimeout(() => {
      stop();
      settle(new FederationError(`${label} did not finish within ${Math.round(timeoutMs / 1000)}s and was stopped`, { hint }));
    }, timeoutMs);
    child.stdout!.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_OUTPUT_BYTES) {
        stop();
        settle(new FederationError(`${label} printed more than ${MAX_OUTPUT_BYTES} bytes; expected one token`, { hint }));
      } else chunks.push(chunk);
    });
    child.on("error", (e) => settle(new ChildError(`${label} could not be started`, { hint, cause: e })));
    child.on("close", (code, signal) => {
      if (signal) return settle(new FederationError(`${label} was killed by ${signal}`, { hint }));
      if (code !== 0) return settle(new FederationError(`${label} exited with status ${code}`, { hint }));
      const token = Buffer.concat(chunks).toString("utf8").trim();
      if (token === "") return settle(new FederationError(`${label} succeeded but printed nothing`, { hint }));
      settle(token);
    });
  });
}
