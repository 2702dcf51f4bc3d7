import type { Configuration } from "openid-client";
import { FederationError } from "../../errors.js";
import { requestTimeoutMs } from "./discover.js";
import { listenForRedirect } from "./loopbackListener.js";
import { oidcError } from "./oidcError.js";
import type { SignInIo, TokenSet } from "./signInTypes.js";

/**
 * Authorization code flow with PKCE (S256), `state` and `nonce`, for a native
 * app: the browser comes back to a listener on 127.0.0.1. openid-client checks
 * the response's state and issuer, then the ID token's signature (JWKS),
 * issuer, audience, expiry and nonce.
 */
export async function browserSignIn(config: Configuration, scopes: string[], io: SignInIo): Promise<TokenSet> {
  const client = await import("openid-client");
  const issuer = config.serverMetadata().issuer;
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const listener = await listenForRedirect(state);
  try {
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: listener.redirectUri,
      scope: scopes.join(" "),
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      state,
      nonce,
      // OpenID Connect issues offline access (a refresh token) only with explicit consent.
      ...(scopes.includes("offline_access") ? { prompt: "consent" } : {}),
    });
    io.say(`Sign in to ${issuer} in your browser. If it does not open, visit:\n  ${url.href}`);
    if (!(await io.openBrowser(url.href))) io.say("(could not open a browser: open the address above yourself)");
    const redirected = await withTimeout(listener.callback, io.timeoutMs, issuer);
    try {
      return await client.authorizationCodeGrant(config, redirected, {
        pkceCodeVerifier: verifier,
        expectedState: state,
        expectedNonce: nonce,
        idTokenExpected: true,
      });
    } catch (e) {
      throw oidcError(e, `sign-in at ${issuer}`, issuer, requestTimeoutMs(config));
    }
  } finally {
    listener.close();
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, issuer: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new FederationError(`no sign-in at ${issuer} within ${Math.round(ms / 1000)}s`, {
            hint: "finish the sign-in in the browser sooner, or use --flow device on a machine without a browser",
          }),
        ),
      ms,
    );
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
