import type { Configuration } from "openid-client";
import { FederationError } from "../../errors.js";
import { requestTimeoutMs } from "./discover.js";
import { oidcError } from "./oidcError.js";
import type { SignInIo, TokenSet } from "./signInTypes.js";

/**
 * Device authorization grant (RFC 8628), for machines without a browser: show
 * where to go and the code to enter, then poll the token endpoint at the
 * interval the provider asks for (openid-client backs off on slow_down and stops
 * when the device code expires, or at our own timeout if that comes first).
 */
export async function deviceSignIn(config: Configuration, scopes: string[], io: SignInIo): Promise<TokenSet> {
  const client = await import("openid-client");
  const issuer = config.serverMetadata().issuer;
  const what = `device sign-in at ${issuer}`;
  let start: Awaited<ReturnType<typeof client.initiateDeviceAuthorization>>;
  try {
    start = await client.initiateDeviceAuthorization(config, {
      scope: scopes.join(" "),
      ...(scopes.includes("offline_access") ? { prompt: "consent" } : {}),
    });
  } catch (e) {
    throw oidcError(e, what, issuer, requestTimeoutMs(config));
  }
  io.say(
    `To sign in, visit ${start.verification_uri} and enter the code ${start.user_code}` +
      (start.verification_uri_complete ? `\n  (or open ${start.verification_uri_complete})` : ""),
  );
  const signal = AbortSignal.timeout(Math.min(io.timeoutMs, start.expires_in * 1000));
  try {
    return await client.pollDeviceAuthorizationGrant(config, start, undefined, { signal });
  } catch (e) {
    if (signal.aborted) {
      throw new FederationError(`${what}: the code was not approved within ${Math.round(Math.min(io.timeoutMs, start.expires_in * 1000) / 1000)}s`, {
        hint: "run the command again and approve the new code at the address it shows",
      });
    }
    throw oidcError(e, what, issuer, requestTimeoutMs(config));
  }
}
