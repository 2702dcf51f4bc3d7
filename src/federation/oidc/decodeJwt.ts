import { FederationError } from "../../errors.js";

/** The registered claims stsctl looks at, plus whatever else the issuer put in. */
export interface JwtClaims {
  iss?: unknown;
  sub?: unknown;
  aud?: unknown;
  exp?: unknown;
  iat?: unknown;
  email?: unknown;
  [claim: string]: unknown;
}

const HINT = "a web identity token is a signed JWT (three base64url parts joined by dots), as an OIDC provider issues it";

/**
 * Reads a JWT's header and claims without verifying it: verification is STS's
 * job (and openid-client's for tokens we obtain). This only lets stsctl refuse
 * a token that cannot work, before any STS call. `source` names where the token
 * came from; the token itself never appears in a message.
 */
export function decodeJwt(token: string, source: string): { header: Record<string, unknown>; claims: JwtClaims } {
  const parts = token.split(".");
  if (parts.length !== 3) {
    throw new FederationError(`the token from ${source} is not a JWT: expected 3 dot-separated parts, found ${parts.length}`, { hint: HINT });
  }
  const header = part(parts[0]!, "header", source);
  const claims = part(parts[1]!, "claims", source);
  if (parts[2] === "" || header.alg === "none") {
    throw new FederationError(`the token from ${source} is unsigned (alg "none"); STS accepts only signed tokens`, { hint: HINT });
  }
  return { header, claims };
}

function part(text: string, name: "header" | "claims", source: string): Record<string, unknown> {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) {
    throw new FederationError(`the token from ${source} is not a JWT: its ${name} is not base64url`, { hint: HINT });
  }
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    throw new FederationError(`the token from ${source} is not a JWT: its ${name} is not JSON`, { hint: HINT });
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new FederationError(`the token from ${source} is not a JWT: its ${name} is not a JSON object`, { hint: HINT });
  }
  return value as Record<string, unknown>;
}
