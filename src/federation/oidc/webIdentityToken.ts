import type { Logger } from "../../io/log.js";
import { registerSecret } from "../../io/redact.js";
import { parseDuration } from "../../plan/durations.js";
import type { AssumeRoleWithWebIdentityStep } from "../../plan/steps.js";
import type { SecretStore } from "../../store/secretStore.js";
import { checkToken } from "./checkToken.js";
import { openBrowser } from "./openBrowser.js";
import { readTokenFile } from "./readTokenFile.js";
import { runTokenProcess } from "./runTokenProcess.js";
import { sessionNameFromClaims } from "./sessionName.js";
import { tellUser } from "./tellUser.js";

export interface WebIdentityDeps {
  env: NodeJS.ProcessEnv;
  now: () => Date;
  log: Logger;
  platform: NodeJS.Platform;
  secrets: () => Promise<SecretStore>;
  /** Tells the user where to sign in (default: stderr, and the terminal if stderr is not one). */
  say?: (message: string) => void;
  /** How long each request to an OIDC provider may take (STSCTL_STS_TIMEOUT_MS; default 10 s). */
  httpTimeoutMs?: number;
}

/** How long an interactive sign-in may take (STSCTL_SIGNIN_TIMEOUT overrides). */
const SIGN_IN_TIMEOUT_S = 300;

/**
 * The engine's hook for AssumeRoleWithWebIdentity steps: a token from the
 * step's source (the file, read anew each time; the command; or an OIDC
 * sign-in), refused here if STS could not accept it, and the session name its
 * claims suggest. Called only when STS must be asked, under the step's lock.
 */
export async function webIdentityToken(step: AssumeRoleWithWebIdentityStep, deps: WebIdentityDeps): Promise<{ token: string; sessionName: string }> {
  const src = step.token;
  let token: string;
  let source: string;
  switch (src.kind) {
    case "file":
      source = `web identity token file ${src.path}`;
      token = readTokenFile(src.path);
      break;
    case "process":
      source = `web_identity_token_process of profile "${step.profile}"`;
      token = await runTokenProcess(src.command, { env: deps.env, label: source });
      break;
    case "oidc": {
      source = `the ID token from ${src.issuer}`;
      const { oidcIdToken } = await import("./signIn.js");
      token = await oidcIdToken(src, {
        log: deps.log,
        secrets: deps.secrets,
        say: deps.say ?? tellUser(deps.log, deps.platform),
        openBrowser: (url) => openBrowser(url, deps.env, deps.platform),
        timeoutMs: (deps.env.STSCTL_SIGNIN_TIMEOUT ? parseDuration(deps.env.STSCTL_SIGNIN_TIMEOUT) : SIGN_IN_TIMEOUT_S) * 1000,
        ...(deps.httpTimeoutMs ? { httpTimeoutMs: deps.httpTimeoutMs } : {}),
      });
      break;
    }
  }
  registerSecret(token);
  const claims = checkToken(token, source, deps.now());
  deps.log.debug(`web identity: token from ${source} for sub ${String(claims.sub)}, expires ${new Date(Number(claims.exp) * 1000).toISOString()}`);
  return { token, sessionName: sessionNameFromClaims(claims) };
}
