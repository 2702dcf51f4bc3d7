/** A set of AWS credentials, long-term (no token, no expiry) or temporary. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** Absent for long-term keys. */
  expiration?: Date;
}

/** Temporary credentials as STS returns them, plus what we learned about them. */
export interface Session {
  credentials: AwsCredentials & { sessionToken: string; expiration: Date };
  /** ARN of the identity the session acts as (assumed-role ARN, user ARN, federated user). */
  arn?: string;
  /** Percent of the packed policy limit used by session policies and tags. */
  packedPolicySize?: number;
  sourceIdentity?: string;
}

export function secondsLeft(expiration: Date | undefined, now: Date): number {
  if (!expiration) return Number.POSITIVE_INFINITY;
  return Math.floor((expiration.getTime() - now.getTime()) / 1000);
}
