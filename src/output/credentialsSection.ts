// What stsctl puts in a credentials-file section (pure; the writer is credentialsFile.ts).

import type { AwsCredentials } from "../credentials.js";
import { toIsoSeconds } from "./isoSeconds.js";

/** First line of every section stsctl writes; its absence means "not ours, don't touch". */
export const STSCTL_MARKER = "# managed by stsctl: temporary credentials, replaced on each write";

/**
 * Expiry of the written session. botocore and the JS SDK ignore keys they do
 * not know (tested against the AWS CLI), and unlike a comment the `ini`
 * parser keeps it, so stsctl's config reader can see when the section expires.
 */
export const EXPIRATION_KEY = "x_stsctl_expiration";

export function credentialsSectionLines(creds: AwsCredentials): Array<[string, string]> {
  const lines: Array<[string, string]> = [
    ["aws_access_key_id", creds.accessKeyId],
    ["aws_secret_access_key", creds.secretAccessKey],
  ];
  if (creds.sessionToken) lines.push(["aws_session_token", creds.sessionToken]);
  if (creds.expiration) lines.push([EXPIRATION_KEY, toIsoSeconds(creds.expiration)]);
  return lines;
}
