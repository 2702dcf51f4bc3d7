/**
 * An execution plan: where the first credentials come from, then each STS call
 * in order. Every choice carries a human reason, shown by `stsctl plan` and --debug.
 */
export interface Plan {
  /** The profile the user asked for (or "(environment)" for env-only web identity). */
  profile: string;
  region: string;
  /** True when `region` is the us-east-1 fallback (nothing set one): see resolveWhere's regionToExport. */
  regionDefaulted?: true;
  endpoint?: string;
  steps: Step[];
  reasons: string[];
}

export type Step = SourceStep | StsStep;

export type SourceStep =
  /** Long-term or session keys written in the credentials (or config) file; `keys` never appears in JSON (unlisted.ts). */
  | { kind: "StaticKeys"; profile: string; temporary: boolean; keys: StaticKeyPair; reasons: string[] }
  /** Long-term keys stored by `stsctl add` in the OS keychain. */
  | { kind: "KeychainKeys"; profile: string; reasons: string[] }
  /** credential_source = Environment: AWS_ACCESS_KEY_ID etc. of this process. */
  | { kind: "Environment"; profile: string; reasons: string[] }
  /** A source that the AWS SDK resolves: credential_process, SSO, instance or container metadata. */
  | { kind: "SdkProvider"; profile: string; provider: "process" | "sso" | "instance" | "container"; reasons: string[] };

/** The keys of a StaticKeys step, taken from the profile by the planner so that the engine reads no config. */
export interface StaticKeyPair {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface StsStepBase {
  profile: string;
  durationSeconds: number;
  reasons: string[];
}

/** The MFA device a step's call presents a code for, and the profile's command that prints one. */
export interface MfaSource {
  mfaSerial?: string;
  /** The profile's mfa_process (placeMfa.ts mfaProcessOf); only with mfaSerial. */
  mfaProcess?: string;
}

export interface GetSessionTokenStep extends StsStepBase, MfaSource {
  kind: "GetSessionToken";
}

export interface SessionOptions {
  policy?: string;
  policyArns?: string[];
  tags?: Record<string, string>;
  transitiveTagKeys?: string[];
  sourceIdentity?: string;
}

export interface AssumeRoleStep extends StsStepBase, SessionOptions, MfaSource {
  kind: "AssumeRole";
  roleArn: string;
  roleSessionName: string;
  externalId?: string;
  /** Called with a role or GetSessionToken session: AWS caps it at 1 hour. */
  chained: boolean;
}

export type WebIdentityTokenSource =
  | { kind: "file"; path: string }
  | { kind: "process"; command: string }
  | { kind: "oidc"; issuer: string; clientId: string; scopes: string[]; flow: "browser" | "device" };

export interface AssumeRoleWithWebIdentityStep extends StsStepBase, Pick<SessionOptions, "policy" | "policyArns"> {
  kind: "AssumeRoleWithWebIdentity";
  roleArn: string;
  /** Undefined: derived from the token's claims at run time. */
  roleSessionName?: string;
  token: WebIdentityTokenSource;
}

export type SamlAssertionSource = { kind: "file"; path: string } | { kind: "browser"; url: string; browserPath?: string };

export interface AssumeRoleWithSamlStep extends StsStepBase, Pick<SessionOptions, "policy" | "policyArns"> {
  kind: "AssumeRoleWithSAML";
  /** Undefined: chosen from the assertion's roles at run time. */
  roleArn?: string;
  principalArn?: string;
  assertion: SamlAssertionSource;
  /** True when the user did not ask for a duration: the assertion's SessionDuration may set it. */
  durationDefaulted: boolean;
}

export type StsStep = GetSessionTokenStep | AssumeRoleStep | AssumeRoleWithWebIdentityStep | AssumeRoleWithSamlStep;

export function isStsStep(step: Step): step is StsStep {
  return step.kind === "GetSessionToken" || step.kind === "AssumeRole" || step.kind === "AssumeRoleWithWebIdentity" || step.kind === "AssumeRoleWithSAML";
}

/** Steps whose STS call needs an MFA code. */
export function mfaSerialOf(step: Step): string | undefined {
  return step.kind === "GetSessionToken" || step.kind === "AssumeRole" ? step.mfaSerial : undefined;
}
