import type { Configuration } from "openid-client";
import { FederationError } from "../../errors.js";
import { oidcError } from "./oidcError.js";

const LOOPBACK = new Set(["127.0.0.1", "[::1]", "localhost"]);

/**
 * The provider's metadata (OpenID discovery) as an openid-client configuration
 * for a public client. ID tokens are checked against the provider's JWKS as
 * well (signature), on top of the issuer, audience, expiry and nonce checks.
 * Plain http is allowed only for a provider on this machine.
 */
export async function discover(issuer: string, clientId: string, opts: { timeoutMs?: number } = {}): Promise<Configuration> {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new FederationError(`"${issuer}" is not an issuer URL`, { hint: "use the provider's issuer identifier, e.g. https://login.example.com" });
  }
  const insecure = url.protocol === "http:";
  if (insecure && !LOOPBACK.has(url.hostname)) {
    throw new FederationError(`refusing plain http for issuer ${issuer}`, { hint: "identity providers must be reached over https (http is allowed only on 127.0.0.1)" });
  }
  if (!clientId) {
    throw new FederationError(`no OIDC client id for issuer ${issuer}`, { hint: "set oidc_client_id in the profile, or pass --client-id" });
  }
  const client = await import("openid-client");
  try {
    return await client.discovery(url, clientId, { token_endpoint_auth_method: "none" }, client.None(), {
      execute: [...(insecure ? [client.allowInsecureRequests] : []), client.enableNonRepudiationChecks],
      timeout: Math.ceil((opts.timeoutMs ?? 10_000) / 1000),
    });
  } catch (e) {
    throw oidcError(e, `OpenID discovery for ${issuer}`, issuer);
  }
}
