// IAM OIDC identity providers in the emulator's world: registered by issuer URL
// with the client ids (audiences) they accept, as CreateOpenIDConnectProvider
// does. The signing keys are fetched from the issuer itself (discovery, then
// jwks_uri) on every use, so key rotation at the provider is seen at once.
import type { JSONWebKeySet } from "jose";
import { StsError } from "./stsError.js";
import type { OidcProvider, World } from "./world.js";

declare module "./world.js" {
  interface OidcProvider {
    /** The issuer URL as registered, e.g. "http://127.0.0.1:4123". */
    url: string;
    /** The URL without its scheme: the provider's name in its ARN and the prefix of its condition keys. */
    host: string;
    /** Accepted `aud` values. */
    clientIds: string[];
    /** TLS certificate thumbprints, recorded as IAM does; there is no TLS on loopback to check them against. */
    thumbprints: string[];
  }
}

const FETCH_TIMEOUT_MS = 3000;

/** "https://host/path/" → "host/path", the form IAM uses in ARNs and condition keys. */
export function providerHost(url: string): string {
  return url.replace(/^https?:\/\//i, "").replace(/\/+$/, "");
}

export function addOidcProvider(world: World, input: { url: string; clientIds: string[]; thumbprints?: string[]; accountId?: string }): OidcProvider {
  const accountId = input.accountId ?? world.defaultAccountId;
  const host = providerHost(input.url);
  const arn = `arn:aws:iam::${accountId}:oidc-provider/${host}`;
  if (world.oidcProviders.has(arn)) throw new Error(`STS emulator: OIDC provider ${arn} already exists`);
  if (input.clientIds.length === 0) throw new Error("STS emulator: an OIDC provider needs at least one client id");
  const provider: OidcProvider = {
    arn,
    accountId,
    url: input.url.replace(/\/+$/, ""),
    host,
    clientIds: [...input.clientIds],
    thumbprints: input.thumbprints ?? [],
  };
  world.oidcProviders.set(arn, provider);
  return provider;
}

/** The provider registered for a token's `iss` (compared without scheme or trailing slash, as IAM does). */
export function findOidcProvider(world: World, iss: string): OidcProvider | undefined {
  const host = providerHost(iss);
  for (const p of world.oidcProviders.values()) if (p.host === host) return p;
  return undefined;
}

export const idpUnreachable = () =>
  new StsError(
    "IDPCommunicationError",
    "The request could not be fulfilled because the identity provider (IDP) that was asked to verify the incoming identity token could not be reached. Please try again.",
    400,
  );

async function getJson(url: string): Promise<unknown> {
  // Tests never reach past loopback, even with a token naming another issuer.
  const host = new URL(url).hostname;
  if (host !== "127.0.0.1" && host !== "[::1]") throw idpUnreachable();
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: "error" });
  } catch {
    throw idpUnreachable();
  }
  if (!res.ok) throw idpUnreachable();
  try {
    return await res.json();
  } catch {
    throw idpUnreachable();
  }
}

/** The issuer's JSON Web Key Set, found through its discovery document. */
export async function fetchIssuerJwks(provider: OidcProvider): Promise<JSONWebKeySet> {
  const discovery = (await getJson(`${provider.url}/.well-known/openid-configuration`)) as { jwks_uri?: unknown };
  if (typeof discovery?.jwks_uri !== "string") throw idpUnreachable();
  const jwks = (await getJson(discovery.jwks_uri)) as JSONWebKeySet;
  if (!Array.isArray(jwks?.keys)) throw idpUnreachable();
  return jwks;
}
