import type { SessionOptions } from "./steps.js";

/** The environment as plain data: the planner reads variables, never process.env itself. */
export type PlanEnv = Readonly<Record<string, string | undefined>>;

export interface PlanOptions extends SessionOptions {
  /** Seconds, from --duration. */
  duration?: number;
  /** --mfa: demand MFA even if no profile names a serial. */
  mfa?: boolean;
  mfaSerial?: string;
  /** --role-arn: an ad-hoc role assumed on top of the profile's credentials. */
  roleArn?: string;
  externalId?: string;
  sessionName?: string;
  region?: string;
  endpointUrl?: string;
  /**
   * "session": the caller wants temporary credentials (assume, env, exec,
   * credential-process): bare IAM-user keys get a GetSessionToken step.
   * "session-token": the last step must be GetSessionToken (stsctl session-token).
   * "any": any working credentials will do (whoami).
   */
  want: "session" | "session-token" | "any";
  env: PlanEnv;
  /** Used when neither --session-name nor role_session_name is set; stable so cached sessions match. */
  defaultSessionName: string;
}
