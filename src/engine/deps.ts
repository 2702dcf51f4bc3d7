import type { AwsCredentials } from "../credentials.js";
import type { AwsError } from "../errors.js";
import type { Logger } from "../io/log.js";
import type { SamlAssertionHook } from "../federation/saml/samlAssertionHook.js";
import type { SourceStep, AssumeRoleWithWebIdentityStep } from "../plan/steps.js";
import type { StsApi, StsEndpoint } from "../sts/stsApi.js";
import type { SessionStore } from "../store/sessionStore.js";

/** Everything the engine touches, passed in so tests can run it against real peers or fakes. */
export interface EngineDeps {
  env: NodeJS.ProcessEnv;
  now: () => Date;
  log: Logger;
  sts: (where: StsEndpoint) => StsApi;
  sessions: Pick<SessionStore, "get" | "put">;
  /** Runs fn holding the cross-process lock `name`; a value from `whileWaiting` ends the wait without it. */
  withLock: <T>(name: string, fn: () => Promise<T>, whileWaiting?: () => Promise<T | undefined>) => Promise<T>;
  /**
   * An MFA code for `serial`, from the first source that has one; `mfaProcess` is the step's (steps.ts MfaSource).
   * With `refused` (STS refused the last code as invalid): another code if the source can ask again, else it throws.
   */
  mfaCode: (req: { profile: string; serial: string; mfaProcess?: string }, refused?: AwsError) => Promise<string>;
  /** Credentials of a source step (static keys, keychain, environment, SDK providers). */
  sourceCredentials: (step: SourceStep) => Promise<AwsCredentials>;
  /** A web identity token for the step (token file, process, OIDC sign-in). */
  webIdentityToken?: (step: AssumeRoleWithWebIdentityStep) => Promise<{ token: string; sessionName: string }>;
  /** A SAML assertion and the role to assume with it (file, browser). */
  samlAssertion?: SamlAssertionHook;
}
