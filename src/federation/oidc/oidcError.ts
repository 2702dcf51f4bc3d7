import { FederationError, NetworkError, StsctlError } from "../../errors.js";
import { deadlineError } from "../../io/deadline.js";

/**
 * openid-client's failures as one-line stsctl errors: what the provider said
 * (an OAuth error code and description), a check that failed on its answer
 * (issuer, audience, nonce, signature...), or a network problem. `timeoutMs`
 * is the per-request deadline the configuration was made with (discover.ts).
 */
export function oidcError(e: unknown, what: string, issuer: string, timeoutMs: number): StsctlError {
  if (e instanceof StsctlError) return e;
  // Our own fetch's failures (deadlineFetch.ts) come back wrapped as the cause of a generic ClientError.
  const ours = causeChain(e).find((c): c is StsctlError => c instanceof StsctlError);
  if (ours instanceof NetworkError) return new NetworkError(`${what}: ${ours.message}`, { hint: ours.hint, cause: e });
  if (ours) return ours;
  const err = e as { name?: string; code?: string; message?: string; error?: string; error_description?: string; cause?: unknown };
  const hint = `check the issuer URL (${issuer}) and that the client id is registered there as a public client`;
  if (err.code === "OAUTH_RESPONSE_BODY_ERROR" || err.code === "OAUTH_AUTHORIZATION_RESPONSE_ERROR") {
    const said = `${err.error}${err.error_description ? ` (${err.error_description})` : ""}`;
    return new FederationError(`${what}: the identity provider answered ${said}`, {
      hint: err.error === "access_denied" ? "the sign-in was refused or cancelled: try again and approve the request" : hint,
      cause: e,
    });
  }
  const cause = err.cause as { code?: string } | undefined;
  // openid-client's own per-request timer (the same length as ours) can fire first.
  if (err.code === "OAUTH_TIMEOUT" || err.name === "TimeoutError" || err.name === "AbortError" || cause?.code === "UND_ERR_CONNECT_TIMEOUT") {
    return deadlineError(`${what}: ${issuer} did not answer`, timeoutMs, e);
  }
  if (err.name === "TypeError" && /fetch failed/i.test(err.message ?? "")) {
    const tls = cause?.code === "EPROTO" || cause?.code?.startsWith("ERR_SSL_");
    return new NetworkError(`${what}: cannot reach ${issuer}${cause?.code ? ` (${cause.code})` : ""}`, {
      hint: tls ? "the issuer URL's scheme or port is probably wrong (https:// to a plain-http port?)" : "check the issuer URL and your network connection",
      cause: e,
    });
  }
  // openid-client's own messages are generic ("invalid response encountered"); the check that failed is in its cause.
  const detail = err.name === "ClientError" && err.cause instanceof Error ? ` (${err.cause.message})` : "";
  const tokenCheck = /JWT|signature|claim|nonce|issuer/i.test(`${err.message} ${detail}`);
  return new FederationError(`${what}: ${err.message ?? String(e)}${detail}`, {
    hint: tokenCheck
      ? `stsctl refused the ID token: check that the issuer URL is exactly the provider's issuer (${issuer}) and the client id is right; a signature failure means the provider's published keys do not match its tokens`
      : hint,
    cause: e,
  });
}

function causeChain(e: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let c = e; c !== undefined && c !== null && chain.length < 8; c = (c as { cause?: unknown }).cause) chain.push(c);
  return chain;
}
