import type { Configuration } from "openid-client";
import { FederationError } from "../../errors.js";
import { deadlineFetch } from "./deadlineFetch.js";
import { oidcError } from "./oidcError.js";

const LOOPBACK = new Set(["127.0.0.1", "[::1]", "localhost"]);

/**
 * The provider's metadata (OpenID discovery) as an openid-client configuration
 * for a public client. ID tokens are checked against the provider's JWKS as
 * well (signature), on top of the issuer, audience, expiry and nonce checks.
 * Plain http is allowed only for a provider on this machine. Every request made
 * with the configuration (this one, JWKS, token, device, refresh) must be done
 * within `timeoutMs`.
 */
export async function discover(issuer: string, clientId: string, opts: { timeoutMs: number }): Promise<Configuration> {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new FederationError(`"${issuer}" is not an issuer URL`, { hint: "use the provider's issuer identifier, e.g. https://login.example.com" });
  }
  const insecure = url.protocol === "http:";
  if (insecure && !LOOPBACK.has(url.hostname)) {
    throw new FederationError(`refusing plain http for issuer ${issuer}`, {
      hint: "identity providers must be reached over https (http is allowed only on 127.0.0.1)",
    });
  }
  if (!clientId) {
    throw new FederationError(`no OIDC client id for issuer ${issuer}`, { hint: "set oidc_client_id in the profile, or pass --client-id" });
  }
  const client = await import("openid-client");
  try {
    return await client.discovery(url, clientId, { token_endpoint_auth_method: "none" }, client.None(), {
      execute: [...(insecure ? [client.allowInsecureRequests] : []), client.enableNonRepudiationChecks],
      // Seconds; kept by the configuration for its later requests, as is the fetch.
      timeout: opts.timeoutMs / 1000,
      [client.customFetch]: deadlineFetch(opts.timeoutMs, issuer),
    });
  } catch (e) {
    throw oidcError(e, `OpenID discovery for ${issuer}`, issuer, opts.timeoutMs);
  }
}

/** The per-request deadline a configuration from discover() carries (openid-client keeps it in seconds). */
export const requestTimeoutMs = (config: Configuration): number => (config.timeout ?? 30) * 1000;
