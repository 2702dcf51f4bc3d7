import type { STSClient, STSClientConfig } from "@aws-sdk/client-sts";
import type { AwsCredentials, Session } from "../credentials.js";
import { NetworkError } from "../errors.js";
import { registerSecret } from "../io/redact.js";
import type { Logger } from "../io/log.js";
import type { AssumeRoleParams, CallerIdentity, StsApi, StsEndpoint } from "./stsApi.js";
import { mapError, where } from "./mapStsError.js";

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
