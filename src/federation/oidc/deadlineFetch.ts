import type { CustomFetch } from "openid-client";
import { deadlineError, withDeadline } from "../../io/deadline.js";

// Statuses whose Response may not carry a body (Fetch standard, "null body status").
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/**
 * openid-client's fetch (its customFetch option) for every request it makes:
 * discovery, JWKS, token, device and refresh. Each request, its whole body
 * included, must be done within `ms`. openid-client's own `timeout` aborts a
 * request too, but a body still trickling in when it fires surfaced as a parse
 * error; read here, the whole body is under both timers, and either one's expiry
 * reads as a deadline (oidcError.ts). `provider` names the issuer in the message.
 */
export function deadlineFetch(ms: number, provider: string): CustomFetch {
  return (url, init) =>
    withDeadline(
      ms,
      async (deadline) => {
        const signal = init.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
        // openid-client's body types are a subset of fetch's (Uint8Array, string, URLSearchParams, stream).
        const res = await fetch(url, { ...(init as RequestInit), signal });
        const body = NULL_BODY.has(res.status) ? null : await res.arrayBuffer();
        return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
      },
      () => deadlineError(`${provider} did not answer`, ms),
    );
}
