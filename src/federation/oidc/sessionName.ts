import type { JwtClaims } from "./decodeJwt.js";

const FALLBACK = "stsctl-web-identity";

/**
 * A role session name from the token's `email` or `sub`, so CloudTrail shows
 * who it was: characters outside STS's `[\w+=,.@-]` become "-", cut to 64.
 * A one-character subject gets a prefix to reach STS's minimum of 2.
 */
export function sessionNameFromClaims(claims: JwtClaims): string {
  for (const claim of [claims.email, claims.sub]) {
    if (typeof claim !== "string" || claim === "") continue;
    const name = claim.replace(/[^\w+=,.@-]/g, "-").slice(0, 64);
    return name.length >= 2 ? name : `sub-${name}`;
  }
  return FALLBACK;
}
