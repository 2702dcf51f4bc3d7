// The credential_process contract (docs/aws-limits.md): one JSON object on stdout and
// nothing else. Expiration is always present: without it SDKs treat the keys
// as long-term and never ask again.

import type { AwsCredentials } from "../credentials.js";
import { toIsoSeconds } from "./isoSeconds.js";

export function formatCredentialProcess(creds: AwsCredentials & { expiration: Date }): string {
  const out: Record<string, string | number> = {
    Version: 1,
    AccessKeyId: creds.accessKeyId,
    SecretAccessKey: creds.secretAccessKey,
  };
  if (creds.sessionToken) out.SessionToken = creds.sessionToken;
  out.Expiration = toIsoSeconds(creds.expiration);
  return JSON.stringify(out) + "\n";
}

/**
 * The same object for `--json` and `env --format json`, which may also carry
 * long-term keys: then there is no Expiration to give.
 */
export function formatCredentialsJson(creds: AwsCredentials): string {
  if (creds.expiration) return formatCredentialProcess({ ...creds, expiration: creds.expiration });
  return (
    JSON.stringify({
      Version: 1,
      AccessKeyId: creds.accessKeyId,
      SecretAccessKey: creds.secretAccessKey,
      ...(creds.sessionToken ? { SessionToken: creds.sessionToken } : {}),
    }) + "\n"
  );
}
