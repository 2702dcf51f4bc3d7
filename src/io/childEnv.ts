/**
 * Secrets stsctl itself reads from its environment. A process stsctl starts (exec's
 * command, mfa_process, a token process, a browser, a credential_process) has no use
 * for them, and a user's command line may log or forward its whole environment.
 */
const OWN_SECRETS = new Set(["STSCTL_FILE_PASSPHRASE"]);

/** `env` without stsctl's own secrets, for a child process. Names compare case-blind, as Windows does. */
export function childEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(env)) if (!OWN_SECRETS.has(k.toUpperCase())) out[k] = v;
  return out;
}
