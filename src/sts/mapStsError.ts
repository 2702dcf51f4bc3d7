// How a failed STS call is told to the user: AWS's own code and message with a
// hint, or a network error that says which endpoint and what to check.
import { AwsError, NetworkError, StsctlError } from "../errors.js";
import type { StsEndpoint } from "./stsApi.js";
import { stsErrorHint } from "./stsErrorHint.js";

/** The endpoint a message names: the configured URL, else the region. */
export const where = (opts: StsEndpoint) => opts.endpoint ?? `STS in ${opts.region}`;

// Socket-level failures (Node.js system errors); any other error carrying a syscall is one too.
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EAI_FAIL",
  "EAI_NONAME",
  "EHOSTUNREACH",
  "EHOSTDOWN",
  "ENETUNREACH",
  "ENETDOWN",
  "EADDRNOTAVAIL",
  "EPIPE",
  "ENOTCONN",
]);
// A TLS handshake with something that does not speak TLS: typically https:// to a plain-http port
// (OpenSSL's "wrong version number"), surfacing as EPROTO or an ERR_SSL_* code.
const isHandshakeFailure = (code: string) => code === "EPROTO" || code.startsWith("ERR_SSL_");
// Certificate checks that failed (OpenSSL verify codes as Node.js reports them, and Node's own host name check).
const CERT_CODES = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "CERT_UNTRUSTED",
  "CERT_REVOKED",
  "CERT_SIGNATURE_FAILURE",
  "CERT_REJECTED",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);
const ENDPOINT_SETTINGS = "--endpoint-url / AWS_ENDPOINT_URL_STS";

export function mapError(e: unknown, action: string, opts: StsEndpoint): Error {
  if (e instanceof StsctlError) return e;
  const err = e as { name?: string; code?: string; message?: string; syscall?: string; $fault?: string; $metadata?: { httpStatusCode?: number } };
  const at = where(opts);
  if (/socket hang up/i.test(err.message ?? "") || err.code === "ECONNRESET") {
    return new NetworkError(`${at} closed the connection during ${action}`, {
      hint: `check ${ENDPOINT_SETTINGS} and any proxy in between, then try again`,
      cause: e,
    });
  }
  if (err.code && isHandshakeFailure(err.code)) {
    return new NetworkError(`cannot talk TLS to ${at} (${err.code}) for ${action}: it does not answer like an https server`, {
      hint: `the endpoint's scheme or port is probably wrong (https:// to a plain-http port?): check ${ENDPOINT_SETTINGS}`,
      cause: e,
    });
  }
  if (err.code && CERT_CODES.has(err.code)) {
    return new NetworkError(`${at} presented a TLS certificate that was refused (${err.code}) for ${action}`, {
      hint: `check the host name in ${ENDPOINT_SETTINGS}; if a private CA signs the certificate, name its PEM file in NODE_EXTRA_CA_CERTS`,
      cause: e,
    });
  }
  if (/without establishing a connection/i.test(err.message ?? "")) {
    return new NetworkError(`cannot reach ${at} (connection timed out) for ${action}`, {
      hint: `check your network connection, proxy settings, and ${ENDPOINT_SETTINGS}`,
      cause: e,
    });
  }
  // Timeouts first: a slow STS surfaces as ETIMEDOUT too, and "cannot reach" would mislead.
  if (err.code === "ETIMEDOUT" || err.name === "TimeoutError" || err.name === "RequestTimeout" || /timed? ?out/i.test(err.message ?? "")) {
    return new NetworkError(`${at} did not answer ${action} in time`, {
      hint: "check your network connection and try again",
      cause: e,
    });
  }
  if (err.code && (NETWORK_CODES.has(err.code) || typeof err.syscall === "string")) {
    return new NetworkError(`cannot reach ${at} (${err.code}) for ${action}`, {
      hint: `check your network connection, proxy settings, and ${ENDPOINT_SETTINGS}`,
      cause: e,
    });
  }
  if (err.$metadata?.httpStatusCode && err.name) {
    const status = err.$metadata.httpStatusCode;
    if (status >= 500 && !err.message) {
      return new NetworkError(`${at} failed with HTTP ${status} for ${action}`, { hint: "STS had a problem: try again shortly", cause: e });
    }
    // The wire code (InvalidIdentityToken), not the SDK class name (InvalidIdentityTokenException): what AWS documents and the AWS CLI shows.
    const wire = (e as { Code?: string }).Code;
    const code = wire || (err.name === "Error" || err.name === "Unknown" ? `HTTP${status}` : err.name);
    return new AwsError(code, err.message ?? "", { context: action, hint: stsErrorHint(code, err.message ?? "", action), cause: e });
  }
  if (err.name === "SyntaxError" || /Deserialization|parse/i.test(err.message ?? "")) {
    return new NetworkError(`${at} answered ${action} with something that is not STS XML`, {
      hint: `check ${ENDPOINT_SETTINGS}`,
      cause: e,
    });
  }
  return e instanceof Error ? e : new Error(String(e));
}
