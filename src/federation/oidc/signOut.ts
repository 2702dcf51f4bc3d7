import { DEFAULT_TIMEOUT_MS } from "../../io/deadline.js";
import type { Logger } from "../../io/log.js";
import { registerSecret } from "../../io/redact.js";
import type { SecretStore } from "../../store/secretStore.js";
import { discover, requestTimeoutMs } from "./discover.js";
import { oidcError } from "./oidcError.js";
import { type OidcSource, refreshTokenName } from "./signIn.js";

export interface SignOutDeps {
  log: Logger;
  secrets: () => Promise<SecretStore>;
  /** How long each request to the provider may take (STSCTL_STS_TIMEOUT_MS). */
  httpTimeoutMs?: number;
}

export interface SignOutResult {
  /** A refresh token was stored for the issuer and client (and is now deleted). */
  signedIn: boolean;
  /** The provider accepted its revocation (RFC 7009); false when it has no revocation endpoint or refused. */
  revoked: boolean;
}

/**
 * Signs out of an issuer for one client: revokes the stored refresh token at the
 * provider's revocation endpoint (RFC 7009), if it has one, and deletes it here. The
 * token is deleted even when the provider cannot be reached: the user asked to be
 * signed out of this machine, and a token kept only for the provider's sake is a risk.
 */
export async function oidcSignOut(source: Pick<OidcSource, "issuer" | "clientId">, deps: SignOutDeps): Promise<SignOutResult> {
  const secrets = await deps.secrets();
  const name = refreshTokenName(source);
  const token = await secrets.get(name);
  if (!token) return { signedIn: false, revoked: false };
  registerSecret(token);
  let revoked = false;
  try {
    revoked = await revoke(source, token, deps.httpTimeoutMs ?? DEFAULT_TIMEOUT_MS);
    if (!revoked) deps.log.debug(`OIDC: ${source.issuer} has no revocation endpoint; forgetting the refresh token here only`);
  } catch (e) {
    deps.log.warn(`${e instanceof Error ? e.message : String(e)}; the refresh token is deleted here, but the provider may still honour it until it expires`);
  }
  await secrets.delete(name);
  return { signedIn: true, revoked };
}

async function revoke(source: Pick<OidcSource, "issuer" | "clientId">, token: string, timeoutMs: number): Promise<boolean> {
  const config = await discover(source.issuer, source.clientId, { timeoutMs });
  if (!config.serverMetadata().revocation_endpoint) return false;
  const client = await import("openid-client");
  try {
    await client.tokenRevocation(config, token, { token_type_hint: "refresh_token" });
    return true;
  } catch (e) {
    throw oidcError(e, `revoking the refresh token at ${source.issuer}`, source.issuer, requestTimeoutMs(config));
  }
}
