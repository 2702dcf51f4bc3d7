import type { STSClient, STSClientConfig } from "@aws-sdk/client-sts";
import type { AwsCredentials, Session } from "../credentials.js";
import { AwsError, NetworkError, StsctlError } from "../errors.js";
import { registerSecret } from "../io/redact.js";
import type { Logger } from "../io/log.js";
import type { AssumeRoleParams, CallerIdentity, StsApi, StsEndpoint } from "./stsApi.js";
import { stsErrorHint } from "./stsErrorHint.js";

export interface StsClientOptions extends StsEndpoint {
  log: Logger;
  /** How long one call may take, every attempt included (ms; STSCTL_STS_TIMEOUT_MS, default 10 s). */
  timeoutMs?: number;
  maxAttempts?: number;
}

// A silent address should still leave time for the next attempt within the deadline.
const CONNECT_TIMEOUT_MS = 3000;

/**
 * The only user of @aws-sdk/client-sts, imported on first use so that commands
 * served from the cache never load the SDK.
 */
export function createStsApi(opts: StsClientOptions): StsApi {
  let sdk: Promise<typeof import("@aws-sdk/client-sts")> | undefined;
  const load = () => (sdk ??= import("@aws-sdk/client-sts"));

  const client = async (creds: AwsCredentials | undefined, timeoutMs: number): Promise<STSClient> => {
    const { STSClient } = await load();
    const config: STSClientConfig = {
      region: opts.region,
      maxAttempts: opts.maxAttempts ?? 3,
      // Never read endpoints or credentials from the environment behind our back: the plan decided.
      ignoreConfiguredEndpointUrls: true,
      // Per attempt, and only while the socket is idle: the whole call is bounded by the deadline in call().
      requestHandler: {
        connectionTimeout: Math.min(CONNECT_TIMEOUT_MS, timeoutMs),
        requestTimeout: timeoutMs,
        throwOnRequestTimeout: true,
      },
      credentials: creds
        ? { accessKeyId: creds.accessKeyId, secretAccessKey: creds.secretAccessKey, sessionToken: creds.sessionToken }
        : // The federation calls are unsigned; an empty identity keeps the SDK from searching for one.
          async () => ({ accessKeyId: "", secretAccessKey: "" }),
      ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
    };
    return new STSClient(config);
  };

  type Send<T> = (c: STSClient, m: typeof import("@aws-sdk/client-sts"), abortSignal: AbortSignal) => Promise<T>;
  const call = async <T>(action: string, creds: AwsCredentials | undefined, send: Send<T>): Promise<T> => {
    const started = Date.now();
    opts.log.debug(`STS ${action} → ${opts.endpoint ?? `region ${opts.region}`}`);
    try {
      const { DEFAULT_TIMEOUT_MS, deadlineError, withDeadline } = await import("../io/deadline.js");
      const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      const [c, m] = await Promise.all([client(creds, timeoutMs), load()]);
      // One deadline for the call, retries and the response body included (the SDK aborts its request on the signal).
      const out = await withDeadline(
        timeoutMs,
        (signal) => send(c, m, signal),
        () => deadlineError(`${where(opts)} did not answer ${action}`, timeoutMs),
      );
      opts.log.debug(`STS ${action} ok in ${Date.now() - started} ms`);
      return out;
    } catch (e) {
      opts.log.debug(`STS ${action} failed in ${Date.now() - started} ms`);
      throw mapError(e, action, opts);
    }
  };

  return {
    getCallerIdentity: (creds) =>
      call("GetCallerIdentity", creds, async (c, m, abortSignal) => {
        const r = await c.send(new m.GetCallerIdentityCommand({}), { abortSignal });
        return { account: r.Account ?? "", arn: r.Arn ?? "", userId: r.UserId ?? "" } satisfies CallerIdentity;
      }),
    getSessionToken: (creds, p) =>
      call("GetSessionToken", creds, async (c, m, abortSignal) => {
        const r = await c.send(new m.GetSessionTokenCommand({ DurationSeconds: p.durationSeconds, SerialNumber: p.serialNumber, TokenCode: p.tokenCode }), {
          abortSignal,
        });
        return toSession(r.Credentials, undefined);
      }),
    assumeRole: (creds, p: AssumeRoleParams) =>
      call("AssumeRole", creds, async (c, m, abortSignal) => {
        const r = await c.send(
          new m.AssumeRoleCommand({
            RoleArn: p.roleArn,
            RoleSessionName: p.roleSessionName,
            DurationSeconds: p.durationSeconds,
            ExternalId: p.externalId,
            SerialNumber: p.serialNumber,
            TokenCode: p.tokenCode,
            Policy: p.policy,
            PolicyArns: p.policyArns?.map((arn) => ({ arn })),
            Tags: p.tags ? Object.entries(p.tags).map(([Key, Value]) => ({ Key, Value })) : undefined,
            TransitiveTagKeys: p.transitiveTagKeys,
            SourceIdentity: p.sourceIdentity,
          }),
          { abortSignal },
        );
        return roleSession(r);
      }),
    assumeRoleWithWebIdentity: (p) =>
      call("AssumeRoleWithWebIdentity", undefined, async (c, m, abortSignal) => {
        const r = await c.send(
          new m.AssumeRoleWithWebIdentityCommand({
            RoleArn: p.roleArn,
            RoleSessionName: p.roleSessionName,
            WebIdentityToken: p.webIdentityToken,
            DurationSeconds: p.durationSeconds,
            Policy: p.policy,
            PolicyArns: p.policyArns?.map((arn) => ({ arn })),
          }),
          { abortSignal },
        );
        return roleSession(r);
      }),
    assumeRoleWithSaml: (p) =>
      call("AssumeRoleWithSAML", undefined, async (c, m, abortSignal) => {
        const r = await c.send(
          new m.AssumeRoleWithSAMLCommand({
            RoleArn: p.roleArn,
            PrincipalArn: p.principalArn,
            SAMLAssertion: p.samlAssertion,
            DurationSeconds: p.durationSeconds,
            Policy: p.policy,
            PolicyArns: p.policyArns?.map((arn) => ({ arn })),
          }),
          { abortSignal },
        );
        return roleSession(r);
      }),
  };
}

/** What every AssumeRole* response carries. */
interface RoleSessionResponse {
  Credentials?: SdkCredentials;
  AssumedRoleUser?: { Arn?: string };
  PackedPolicySize?: number;
  SourceIdentity?: string;
}

const roleSession = (r: RoleSessionResponse): Session => toSession(r.Credentials, r.AssumedRoleUser?.Arn, r.PackedPolicySize, r.SourceIdentity);

type SdkCredentials = { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string; Expiration?: Date } | undefined;

function toSession(c: SdkCredentials, arn?: string, packedPolicySize?: number, sourceIdentity?: string): Session {
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration) {
    throw new NetworkError("STS answered without complete credentials", { hint: "check --endpoint-url: is it really STS?" });
  }
  registerSecret(c.SecretAccessKey);
  registerSecret(c.SessionToken);
  return {
    credentials: {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration: new Date(c.Expiration),
    },
    ...(arn ? { arn } : {}),
    ...(packedPolicySize !== undefined ? { packedPolicySize } : {}),
    ...(sourceIdentity ? { sourceIdentity } : {}),
  };
}

const where = (opts: StsClientOptions) => opts.endpoint ?? `STS in ${opts.region}`;

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

function mapError(e: unknown, action: string, opts: StsClientOptions): Error {
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
