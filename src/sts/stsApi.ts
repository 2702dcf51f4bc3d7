import type { AwsCredentials, Session } from "../credentials.js";

/** What stsctl needs from STS. The only implementation wraps @aws-sdk/client-sts (client.ts). */
export interface StsApi {
  getCallerIdentity(creds: AwsCredentials): Promise<CallerIdentity>;
  getSessionToken(creds: AwsCredentials, p: { durationSeconds: number; serialNumber?: string; tokenCode?: string }): Promise<Session>;
  assumeRole(creds: AwsCredentials, p: AssumeRoleParams): Promise<Session>;
  assumeRoleWithWebIdentity(p: {
    roleArn: string;
    roleSessionName: string;
    webIdentityToken: string;
    durationSeconds: number;
    policy?: string;
    policyArns?: string[];
  }): Promise<Session>;
  assumeRoleWithSaml(p: {
    roleArn: string;
    principalArn: string;
    samlAssertion: string;
    durationSeconds: number;
    policy?: string;
    policyArns?: string[];
  }): Promise<Session>;
}

export interface CallerIdentity {
  account: string;
  arn: string;
  userId: string;
}

export interface AssumeRoleParams {
  roleArn: string;
  roleSessionName: string;
  durationSeconds: number;
  externalId?: string;
  serialNumber?: string;
  tokenCode?: string;
  policy?: string;
  policyArns?: string[];
  tags?: Record<string, string>;
  transitiveTagKeys?: string[];
  sourceIdentity?: string;
}

export interface StsEndpoint {
  region: string;
  endpoint?: string;
}
