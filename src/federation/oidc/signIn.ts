import { FederationError, StoreError } from "../../errors.js";
import { DEFAULT_TIMEOUT_MS } from "../../io/deadline.js";
import type { Logger } from "../../io/log.js";
import { registerSecret } from "../../io/redact.js";
import type { SecretStore } from "../../store/secretStore.js";
import { browserSignIn } from "./browserFlow.js";
import { deviceSignIn } from "./deviceFlow.js";
import { discover, requestTimeoutMs } from "./discover.js";
import { oidcError } from "./oidcError.js";
import type { SignInIo, TokenSet } from "./signInTypes.js";

export interface OidcSource {
  issuer: string;
  clientId: string;
  scopes: string[];
  flow: "browser" | "device";
}

export interface SignInDeps extends SignInIo {
  log: Logger;
  /** The keychain-protected store for refresh tokens; opened only when needed. */
  secrets: () => Promise<SecretStore>;
  /** How long each request to the provider may take (STSCTL_STS_TIMEOUT_MS). */
  httpTimeoutMs?: number;
}

/** Where the refresh token for an issuer and client is kept. */
export const refreshTokenName = (s: Pick<OidcSource, "issuer" | "clientId">) => `oidc:${s.issuer}|${s.clientId}`;

/**
 * A fresh, validated ID token: from the stored refresh token when there is one
 * (no browser, no prompt), else by signing in (browser or device code). A new
 * or rotated refresh token is stored for next time.
 */
export async function oidcIdToken(source: OidcSource, deps: SignInDeps): Promise<string> {
  const config = await discover(source.issuer, source.clientId, { timeoutMs: deps.httpTimeoutMs ?? DEFAULT_TIMEOUT_MS });
  const client = await import("openid-client");
  const name = refreshTokenName(source);
  const secrets = await safely(deps, () => deps.secrets());

  const stored = secrets ? await safely(deps, () => secrets.get(name)) : null;
  if (stored) {
    registerSecret(stored);
    try {
      const tokens = await client.refreshTokenGrant(config, stored);
      if (tokens.id_token) {
        deps.log.debug(`OIDC: new ID token from ${source.issuer} with the stored refresh token`);
        return await keep(tokens, source, secrets, deps);
      }
      deps.log.debug(`OIDC: the refresh at ${source.issuer} returned no ID token`);
    } catch (e) {
      deps.log.debug(`OIDC: refresh failed: ${oidcError(e, "refresh", source.issuer, requestTimeoutMs(config)).message}`);
    }
    deps.log.info(`The stored sign-in for ${source.issuer} no longer works; signing in again.`);
    await safely(deps, () => secrets!.delete(name));
  }

  const tokens = source.flow === "device" ? await deviceSignIn(config, source.scopes, deps) : await browserSignIn(config, source.scopes, deps);
  if (!tokens.id_token) {
    throw new FederationError(`${source.issuer} signed you in but returned no ID token`, {
      hint: 'include "openid" in oidc_scopes / --scope',
    });
  }
  return keep(tokens, source, secrets, deps);
}

async function keep(tokens: TokenSet, source: OidcSource, secrets: SecretStore | undefined, deps: SignInDeps): Promise<string> {
  for (const t of [tokens.id_token, tokens.access_token, tokens.refresh_token]) registerSecret(t);
  if (tokens.refresh_token && secrets) {
    try {
      await secrets.set(refreshTokenName(source), tokens.refresh_token);
    } catch (e) {
      const why = e instanceof StoreError ? e.message : String(e);
      deps.log.warn(`could not keep the sign-in for next time (${why}); you will be asked to sign in again`);
    }
  }
  return tokens.id_token!;
}

/** The store is a convenience here: when it fails, sign-in still works, just without remembering. */
async function safely<T>(deps: SignInDeps, fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (e) {
    deps.log.debug(`OIDC: secret store unavailable: ${(e as Error).message}`);
    return undefined;
  }
}
