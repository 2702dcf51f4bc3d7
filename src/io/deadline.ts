import { NetworkError } from "../errors.js";

/** The setting that bounds every HTTP call stsctl makes (STS and the OIDC provider), retries included. */
export const TIMEOUT_SETTING = "STSCTL_STS_TIMEOUT_MS";
export const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Runs `call` with a signal that aborts after `ms`, and fails at that moment with
 * `expired()` whatever the call then does: an HTTP client that notices the abort
 * late (a body trickling in) or reports it as another error never stretches the
 * deadline. An idle timeout alone does not bound a call: a server that sends one
 * byte a second is never idle.
 */
export async function withDeadline<T>(ms: number, call: (signal: AbortSignal) => Promise<T>, expired: () => Error): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      // Reject first, so the race settles on the deadline, then stop the call's sockets.
      reject(expired());
      controller.abort(new Error(`no answer within ${ms} ms`));
    }, ms);
  });
  try {
    return await Promise.race([call(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** The error of a call that hit the deadline; `didNotAnswer` is e.g. "https://sts.amazonaws.com did not answer AssumeRole". */
export function deadlineError(didNotAnswer: string, ms: number, cause?: unknown): NetworkError {
  return new NetworkError(`${didNotAnswer} in time: no complete answer within ${seconds(ms)} (${TIMEOUT_SETTING})`, {
    hint: `check the endpoint and your network connection, then try again; ${TIMEOUT_SETTING} (milliseconds, default ${DEFAULT_TIMEOUT_MS}) sets how long one call may take, retries included`,
    ...(cause === undefined ? {} : { cause }),
  });
}

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(3))} s`;
