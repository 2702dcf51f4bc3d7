/** A profile from ~/.aws/config + ~/.aws/credentials, with every key we use parsed and checked. */
export interface Profile {
  name: string;
  region?: string;
  // Static keys (credentials file, or config file, which the AWS tools also accept).
  awsAccessKeyId?: string;
  awsSecretAccessKey?: string;
  awsSessionToken?: string;
  // Role settings.
  roleArn?: string;
  sourceProfile?: string;
  credentialSource?: CredentialSource;
  mfaSerial?: string;
  mfaProcess?: string;
  externalId?: string;
  roleSessionName?: string;
  durationSeconds?: number;
  sessionTags?: Record<string, string>;
  transitiveSessionTags?: string[];
  sourceIdentity?: string;
  // Web identity.
  webIdentityTokenFile?: string;
  webIdentityTokenProcess?: string;
  // Where STS is.
  endpointUrl?: string;
  stsRegionalEndpoints?: "regional" | "legacy";
  // Sources only the AWS SDK resolves (credential_process of another tool, SSO).
  credentialProcess?: string;
  ssoSession?: string;
  ssoStartUrl?: string;
  // stsctl's own keys.
  /** `stsctl_credentials = keychain`: the long-term keys live in the OS keychain (`stsctl add`). */
  keysInKeychain?: boolean;
  samlUrl?: string;
  samlRoleArn?: string;
  samlPrincipalArn?: string;
  samlBrowser?: string;
  oidcIssuer?: string;
  oidcClientId?: string;
  oidcScopes?: string[];
  oidcFlow?: "browser" | "device";
  /** Where each key was set, for messages: "~/.aws/config line 12". */
  where: Record<string, string>;
}

export const CREDENTIAL_SOURCES = ["Environment", "Ec2InstanceMetadata", "EcsContainer"] as const;
export type CredentialSource = (typeof CREDENTIAL_SOURCES)[number];
