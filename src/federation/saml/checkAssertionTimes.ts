import { FederationError } from "../../errors.js";
import { formatDuration } from "../../output/summary.js";
import type { SamlResponseInfo } from "./parseSamlResponse.js";

/** Clocks of laptops and IdPs drift; STS itself allows a few minutes. */
export const CLOCK_SKEW_SECONDS = 300;

/**
 * Refuses an assertion that is already expired or not yet valid (beyond the
 * skew allowance), so a stale file never costs an STS call or a confusing AWS error.
 */
export function checkAssertionTimes(info: Pick<SamlResponseInfo, "notBefore" | "notOnOrAfter">, now: Date, skewSeconds = CLOCK_SKEW_SECONDS): void {
  const skew = skewSeconds * 1000;
  if (info.notOnOrAfter && now.getTime() >= info.notOnOrAfter.getTime() + skew) {
    const ago = formatDuration((now.getTime() - info.notOnOrAfter.getTime()) / 1000);
    throw new FederationError(`the SAML assertion expired ${ago} ago (NotOnOrAfter ${info.notOnOrAfter.toISOString()})`, {
      hint: "sign in to your identity provider again for a fresh assertion (assertions last only minutes)",
    });
  }
  if (info.notBefore && now.getTime() < info.notBefore.getTime() - skew) {
    const ahead = formatDuration((info.notBefore.getTime() - now.getTime()) / 1000);
    throw new FederationError(`the SAML assertion is not valid for another ${ahead} (NotBefore ${info.notBefore.toISOString()})`, {
      hint: "check this computer's clock (and the identity provider's), then sign in again",
    });
  }
}
