// The key agent's HIT exchange (src/entry/front.ts asks, src/hot/answerHit.ts answers):
// one line `HIT <HitRequest JSON>`, answered by one line, a HitReply's JSON or MISS.

export interface HitRequest {
  argv: string[];
  /** The caller's values of HIT_ENV_SENT, and nothing else. */
  env: Record<string, string>;
  cwd: string;
  /** The caller's bin/stsctl, as its ctx.selfPath. */
  self: string;
  /**
   * The caller's parent process id: the agent reads that program's name for the shell
   * of env's exports (ctx.parentProcess), as the caller would; its own parent is not the caller's.
   */
  ppid?: number;
}

export interface HitReply {
  code: number;
  out: string;
  err: string;
}

export const MISS = "MISS";

/**
 * The variables a cache hit reads that hold no secret: sent by value, and the only
 * ones sent. test/store/hitEnv.test.ts checks every variable src/ reads is here,
 * in HIT_ENV_DECLINED or in HIT_ENV_UNUSED.
 */
export const HIT_ENV_SENT: readonly string[] = [
  "HOME",
  "USER",
  "USERNAME",
  "USERPROFILE",
  "LOCALAPPDATA",
  "APPDATA",
  "SHELL",
  "PSModulePath",
  "XDG_CACHE_HOME",
  "XDG_DATA_HOME",
  "AWS_PROFILE",
  "AWS_DEFAULT_PROFILE",
  "AWS_CONFIG_FILE",
  "AWS_SHARED_CREDENTIALS_FILE",
  "AWS_REGION",
  "AWS_DEFAULT_REGION",
  "AWS_ENDPOINT_URL",
  "AWS_ENDPOINT_URL_STS",
  "AWS_STS_REGIONAL_ENDPOINTS",
  "AWS_ROLE_ARN",
  "AWS_ROLE_SESSION_NAME",
  "AWS_WEB_IDENTITY_TOKEN_FILE",
  "AWS_CREDENTIAL_EXPIRATION",
  "STSCTL_PROFILE",
  "STSCTL_KEYRING",
  "STSCTL_CACHE_DIR",
  "STSCTL_DATA_DIR",
  "STSCTL_MIN_TTL",
  "STSCTL_EXEC",
  "STSCTL_IN_CREDENTIAL_PROCESS",
  "STSCTL_STS_TIMEOUT_MS",
];

/**
 * Secrets (and the key id that pairs with one) that a command may read: when any is
 * set the caller does not ask the agent at all and runs the command itself, so none
 * of them ever leaves the process, not even as "set".
 */
export const HIT_ENV_DECLINED: readonly string[] = [
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_SECURITY_TOKEN",
  "STSCTL_FILE_PASSPHRASE",
];

/** Read by stsctl, but never on a path the agent can answer (prompts, browsers, the agent's own settings). */
export const HIT_ENV_UNUSED: readonly string[] = [
  "STSCTL_AGENT",
  "STSCTL_AGENT_TTL",
  // stsctl doctor only.
  "SystemRoot",
  "XDG_CONFIG_HOME",
  "ZDOTDIR",
  "STSCTL_DEBUG",
  "STSCTL_BROWSER",
  "STSCTL_BROWSER_ARGS",
  "STSCTL_BROWSER_HEADLESS",
  "STSCTL_SAML_BROWSER_PROFILE",
  "STSCTL_SIGNIN_TIMEOUT",
  "ProgramFiles",
  "DISPLAY",
  "WAYLAND_DISPLAY",
  "TERM",
  "NO_COLOR",
  "FORCE_COLOR",
];
