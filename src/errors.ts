// Every failure a user can cause or meet is an StsctlError: a one-line message,
// an optional hint (the next thing to try) and a documented exit code.
// src/app/renderError.ts renders them once; anything else is an internal error.

export const ExitCode = {
  ok: 0,
  internal: 1,
  usage: 2,
  config: 3,
  aws: 4,
  mfa: 5,
  store: 6,
  network: 7,
  federation: 8,
  child: 9,
  interrupted: 130,
  /** stdout's reader went away (`stsctl --help | head -1`): 128 + SIGPIPE, as a shell reports a program the signal ended. */
  brokenPipe: 141,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export interface ErrorOptions {
  hint?: string;
  cause?: unknown;
}

export class StsctlError extends Error {
  readonly exitCode: ExitCode = ExitCode.internal;
  readonly hint?: string;
  constructor(message: string, options: ErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.hint = options.hint;
  }
}

/** Bad flags or arguments. */
export class UsageError extends StsctlError {
  override readonly exitCode = ExitCode.usage;
}

/** ~/.aws/config or credentials: missing, malformed, or describing something impossible. */
export class ConfigError extends StsctlError {
  override readonly exitCode = ExitCode.config;
}

/** STS (or another AWS endpoint) answered with an error. Keeps AWS's code and message. */
export class AwsError extends StsctlError {
  override readonly exitCode = ExitCode.aws;
  readonly awsCode: string;
  readonly awsMessage: string;
  constructor(awsCode: string, awsMessage: string, options: ErrorOptions & { context?: string } = {}) {
    super(`${options.context ? `${options.context}: ` : ""}${awsCode}: ${awsMessage}`, options);
    this.awsCode = awsCode;
    this.awsMessage = awsMessage;
  }
}

/** No MFA code could be had, or the user gave up. */
export class MfaError extends StsctlError {
  override readonly exitCode = ExitCode.mfa;
}

/** Keychain, session cache or lock trouble. */
export class StoreError extends StsctlError {
  override readonly exitCode = ExitCode.store;
}

/** STS unreachable, timed out, or answered garbage. */
export class NetworkError extends StsctlError {
  override readonly exitCode = ExitCode.network;
}

/** SAML or OIDC: an assertion or token refused locally, a sign-in that failed or timed out. */
export class FederationError extends StsctlError {
  override readonly exitCode = ExitCode.federation;
}

/** A child process (`exec`, `mfa_process`, token process) could not start. */
export class ChildError extends StsctlError {
  override readonly exitCode = ExitCode.child;
}

export function isStsctlError(e: unknown): e is StsctlError {
  return e instanceof StsctlError;
}
