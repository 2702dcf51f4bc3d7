import type { STSClient, STSClientConfig } from "@aws-sdk/client-sts";
import type { AwsCredentials, Session } from "../credentials.js";
import { AwsError, NetworkError } from "../errors.js";
import { registerSecret } from "../io/redact.js";
import type { Logger } from "../io/log.js";
import type { AssumeRoleParams, CallerIdentity, StsApi, StsEndpoint } from "./stsApi.js";
import { stsErrorHint } from "./stsErrorHint.js";

export interface StsClientOptions extends StsEndpoint {
  log: Logger;
  /** Per-attempt connect and request timeouts (ms). */
  connectTimeoutMs?: number;
  requestTimeoutMs?: number;
  maxAttempts?: number;
}

/**
 * The only user of @aws-sdk/client-sts, imported on first use so that commands
 * served from the cache never load the SDK.
 */
export function createStsApi(opts: StsClientOptions): StsApi {
  let sdk: Promise<typeof import("@aws-sdk/client-sts")> | undefined;
  const load = () => (sdk ??= import("@aws-sdk/client-sts"));

  const client = async (creds?: AwsCredentials): Promise<STSClient> => {
    const { STSClient } = await load();
    const config: STSClientConfig = {
      region: opts.region,
      maxAttempts: opts.maxAttempts ?? 3,
      // Never read endpoints or credentials from the environment behind our back: the plan decided.
      ignoreConfiguredEndpointUrls: true,
      requestHandler: {
        connectionTimeout: opts.connectTimeoutMs ?? 3000,
        requestTimeout: opts.requestTimeoutMs ?? 10000,
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

  const call = async <T>(action: string, creds: AwsCredentials | undefined, send: (c: STSClient, m: typeof import("@aws-sdk/client-sts")) => Promise<T>): Promise<T> => {
    const started = Date.now();
    opts.log.debug(`STS ${action} → ${opts.endpoint ?? `region ${opts.region}`}`);
    try {
      const [c, m] = await Promise.all([client(creds), load()]);
      const out = await send(c, m);
      opts.log.debug(`STS ${action} ok in ${Date.now() - started} ms`);
      return out;
    } catch (e) {
      opts.log.debug(`STS ${action} failed in ${Date.now() - started} ms`);
      throw mapError(e, action, opts);
    }
  };

  return {
    getCallerIdentity: (creds) =>
      call("GetCallerIdentity", creds, async (c, m) => {
        const r = await c.send(new m.GetCallerIdentityCommand({}));
        return { account: r.Account ?? "", arn: r.Arn ?? "", userId: r.UserId ?? "" } satisfies CallerIdentity;
      }),
    getSessionToken: (creds, p) =>
      call("GetSessionToken", creds, async (c, m) => {
        const r = await c.send(
          new m.GetSessionTokenCommand({ DurationSeconds: p.durationSeconds, SerialNumber: p.serialNumber, TokenCode: p.tokenCode }),
        );
        return toSession(r.Credentials, undefined);
      }),
    assumeRole: (creds, p: AssumeRoleParams) =>
      call("AssumeRole", creds, async (c, m) => {
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
        );
        return roleSession(r);
      }),
    assumeRoleWithWebIdentity: (p) =>
      call("AssumeRoleWithWebIdentity", undefined, async (c, m) => {
        const r = await c.send(
          new m.AssumeRoleWithWebIdentityCommand({
            RoleArn: p.roleArn,
            RoleSessionName: p.roleSessionName,
            WebIdentityToken: p.webIdentityToken,
            DurationSeconds: p.durationSeconds,
            Policy: p.policy,
            PolicyArns: p.policyArns?.map((arn) => ({ arn })),
          }),
        );
        return roleSession(r);
      }),
    assumeRoleWithSaml: (p) =>
      call("AssumeRoleWithSAML", undefined, async (c, m) => {
        const r = await c.send(
          new m.AssumeRoleWithSAMLCommand({
            RoleArn: p.roleArn,
            PrincipalArn: p.principalArn,
            SAMLAssertion: p.samlAssertion,
            DurationSeconds: p.durationSeconds,
            Policy: p.policy,
            PolicyArns: p.policyArns?.map((arn) => ({ arn })),
          }),
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

const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "EPIPE"]);

function mapError(e: unknown, action: string, opts: StsClientOptions): Error {
  const err = e as { name?: string; code?: string; message?: string; $fault?: string; $metadata?: { httpStatusCode?: number } };
  const where = opts.endpoint ?? `STS in ${opts.region}`;
  if (/socket hang up/i.test(err.message ?? "") || err.code === "ECONNRESET") {
    return new NetworkError(`${where} closed the connection during ${action}`, {
      hint: "check --endpoint-url / AWS_ENDPOINT_URL_STS and any proxy in between, then try again",
      cause: e,
    });
  }
  // Timeouts first: a slow STS surfaces as ETIMEDOUT too, and "cannot reach" would mislead.
  if (err.code === "ETIMEDOUT" || err.name === "TimeoutError" || err.name === "RequestTimeout" || /timed? ?out/i.test(err.message ?? "")) {
    return new NetworkError(`${where} did not answer ${action} in time`, {
      hint: "check your network connection and try again (STSCTL_STS_TIMEOUT_MS sets the per-attempt limit)",
      cause: e,
    });
  }
  if (err.code && NETWORK_CODES.has(err.code)) {
    return new NetworkError(`cannot reach ${where} (${err.code}) for ${action}`, {
      hint: "check your network connection, proxy settings, and --endpoint-url / AWS_ENDPOINT_URL_STS",
      cause: e,
    });
  }
  if (err.$metadata?.httpStatusCode && err.name) {
    const status = err.$metadata.httpStatusCode;
    if (status >= 500 && !err.message) {
      return new NetworkError(`${where} failed with HTTP ${status} for ${action}`, { hint: "STS had a problem: try again shortly", cause: e });
    }
    // The wire code (InvalidIdentityToken), not the SDK class name (InvalidIdentityTokenException): what AWS documents and the AWS CLI shows.
    const wire = (e as { Code?: string }).Code;
    const code = wire || (err.name === "Error" || err.name === "Unknown" ? `HTTP${status}` : err.name);
    return new AwsError(code, err.message ?? "", { context: action, hint: stsErrorHint(code, err.message ?? "", action), cause: e });
  }
  if (err.name === "SyntaxError" || /Deserialization|parse/i.test(err.message ?? "")) {
    return new NetworkError(`${where} answered ${action} with something that is not STS XML`, {
      hint: "check --endpoint-url / AWS_ENDPOINT_URL_STS",
      cause: e,
    });
  }
  return e instanceof Error ? e : new Error(String(e));
}
