import { FederationError } from "../../errors.js";
import { decodeJwt, type JwtClaims } from "./decodeJwt.js";

/** Clock difference forgiven between this machine and the issuer. */
export const EXPIRY_SKEW_SECONDS = 30;

/**
 * Refuses, naming the claim, a token STS would refuse anyway: not a JWT, no
 * issuer, subject or audience, no `exp`, or expired. Returns its claims.
 */
export function checkToken(token: string, source: string, now: Date): JwtClaims {
  const { claims } = decodeJwt(token, source);
  const hint = hintFor(source);
  for (const claim of ["iss", "sub"] as const) {
    if (typeof claims[claim] !== "string" || claims[claim] === "") {
      throw new FederationError(`the token from ${source} has no "${claim}" claim`, { hint });
    }
  }
  const aud = claims.aud;
  if (!(typeof aud === "string" && aud !== "") && !(Array.isArray(aud) && aud.length > 0)) {
    throw new FederationError(`the token from ${source} has no "aud" claim`, { hint });
  }
  if (claims.exp === undefined) throw new FederationError(`the token from ${source} has no "exp" claim`, { hint });
  if (typeof claims.exp !== "number" || !Number.isFinite(claims.exp)) {
    throw new FederationError(`the token from ${source} has an "exp" claim that is not a number of seconds`, { hint });
  }
  const expiresAt = new Date(claims.exp * 1000);
  if (claims.exp + EXPIRY_SKEW_SECONDS <= now.getTime() / 1000) {
    throw new FederationError(`the token from ${source} expired at ${expiresAt.toISOString()} ("exp" claim)`, {
      hint: source.startsWith("web identity token file")
        ? "the token file was not renewed: check whatever writes it (CI job, Kubernetes projected volume) is still running"
        : hint,
    });
  }
  return claims;
}

function hintFor(source: string): string {
  if (source.startsWith("web identity token file")) return "check what writes the token file: it must hold a current OIDC ID token";
  if (source.startsWith("web_identity_token_process")) return "run the token command by hand and check it prints a current OIDC ID token";
  return "sign in again (stsctl clear, then retry) and check the identity provider's client settings";
}
