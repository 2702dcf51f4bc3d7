// The pure parts: what a token must look like before stsctl sends it to STS,
// and the session name its claims give.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FederationError } from "../../src/errors.js";
import { checkToken } from "../../src/federation/oidc/checkToken.js";
import { sessionNameFromClaims } from "../../src/federation/oidc/sessionName.js";

const NOW = new Date("2026-06-01T12:00:00Z");
const now = NOW.getTime() / 1000;
const b64 = (o: unknown) => Buffer.from(typeof o === "string" ? o : JSON.stringify(o)).toString("base64url");
const jwt = (claims: Record<string, unknown>, header: Record<string, unknown> = { alg: "RS256", kid: "k" }) => `${b64(header)}.${b64(claims)}.c2lnbmF0dXJl`;
const good = { iss: "https://token.actions.example.com", sub: "repo:acme/app", aud: "sts.amazonaws.com", exp: now + 300 };
const refusal = (token: string) => {
  try {
    checkToken(token, "web identity token file /t", NOW);
  } catch (e) {
    expect(e).toBeInstanceOf(FederationError);
    expect((e as FederationError).hint).toBeTruthy();
    return (e as Error).message;
  }
  throw new Error("expected the token to be refused");
};

describe("checkToken", () => {
  it("accepts a well-formed current token and returns its claims", () => {
    expect(checkToken(jwt(good), "x", NOW)).toEqual(good);
    expect(checkToken(jwt({ ...good, aud: ["a", "b"] }), "x", NOW).aud).toEqual(["a", "b"]);
  });

  it("names what is wrong with a malformed token", () => {
    expect(refusal("abc")).toBe("the token from web identity token file /t is not a JWT: expected 3 dot-separated parts, found 1");
    expect(refusal(`${b64({ alg: "RS256" })}.${b64("[1]")}.sig`)).toMatch(/its claims is not a JSON object$/);
    expect(refusal(`${b64("{")}.${b64(good)}.sig`)).toMatch(/its header is not JSON$/);
    expect(refusal(`a+b.${b64(good)}.sig`)).toMatch(/its header is not base64url$/);
    expect(refusal(`${b64({ alg: "none" })}.${b64(good)}.`)).toMatch(/is unsigned \(alg "none"\)/);
  });

  it("names a missing claim", () => {
    for (const claim of ["iss", "sub", "aud", "exp"] as const) {
      const { [claim]: _dropped, ...rest } = good;
      expect(refusal(jwt(rest))).toBe(`the token from web identity token file /t has no "${claim}" claim`);
    }
    expect(refusal(jwt({ ...good, exp: "soon" }))).toMatch(/"exp" claim that is not a number/);
  });

  it("refuses an expired token with its expiry time, forgiving 30 seconds of clock skew", () => {
    expect(refusal(jwt({ ...good, exp: now - 31 }))).toBe(
      `the token from web identity token file /t expired at ${new Date((now - 31) * 1000).toISOString()} ("exp" claim)`,
    );
    expect(() => checkToken(jwt({ ...good, exp: now - 29 }), "x", NOW)).not.toThrow();
  });
});

describe("sessionNameFromClaims", () => {
  it("prefers email, then sub, replacing characters STS does not allow", () => {
    expect(sessionNameFromClaims({ email: "Ann.Lee+aws@example.com", sub: "123" })).toBe("Ann.Lee+aws@example.com");
    expect(sessionNameFromClaims({ sub: "repo:acme/app:ref:refs/heads/main" })).toBe("repo-acme-app-ref-refs-heads-main");
    expect(sessionNameFromClaims({ sub: "system:serviceaccount:ns:app" })).toBe("system-serviceaccount-ns-app");
    expect(sessionNameFromClaims({ sub: "7" })).toBe("sub-7");
    expect(sessionNameFromClaims({})).toBe("stsctl-web-identity");
  });

  it("always gives a name STS accepts", () => {
    fc.assert(
      fc.property(fc.option(fc.string({ unit: "grapheme" }), { nil: undefined }), fc.option(fc.string(), { nil: undefined }), (email, sub) => {
        expect(sessionNameFromClaims({ email, sub })).toMatch(/^[\w+=,.@-]{2,64}$/);
      }),
    );
  });
});
