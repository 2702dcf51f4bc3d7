// Test helper: an STS client from the AWS SDK pointed at an emulator.
import { STSClient } from "@aws-sdk/client-sts";
import type { StsEmulator } from "../support/sts/index.js";

export interface Keys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export function stsClient(sts: StsEmulator, creds: Keys, opts: { maxAttempts?: number } = {}): STSClient {
  return new STSClient({
    endpoint: sts.url,
    region: "us-east-1",
    credentials: { accessKeyId: creds.accessKeyId, secretAccessKey: creds.secretAccessKey, sessionToken: creds.sessionToken },
    maxAttempts: opts.maxAttempts ?? 1,
  });
}

/** Credentials from an STS result as client keys. */
export function keysOf(c: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string } | undefined): Keys & { sessionToken: string } {
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) throw new Error("result has no credentials");
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
}

/** The error an SDK call rejects with: AWS code, message, HTTP status. */
export async function awsError(p: Promise<unknown>): Promise<{ code: string; message: string; status: number | undefined }> {
  try {
    await p;
  } catch (e) {
    const err = e as { name: string; message: string; Code?: string; $metadata?: { httpStatusCode?: number } };
    return { code: err.Code ?? err.name, message: err.message, status: err.$metadata?.httpStatusCode };
  }
  throw new Error("expected the STS call to fail, it succeeded");
}

/** A raw HTTP exchange with the emulator, for what the SDK would never send. */
export async function rawRequest(
  url: string,
  init: { method?: string; path?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: string; headers: Headers }> {
  const res = await fetch(url + (init.path ?? "/"), {
    method: init.method ?? "POST",
    headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8", ...init.headers },
    body: init.body,
    signal: AbortSignal.timeout(5000),
  });
  return { status: res.status, body: await res.text(), headers: res.headers };
}
