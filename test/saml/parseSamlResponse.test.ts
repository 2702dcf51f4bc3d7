import { beforeAll, describe, expect, it } from "vitest";
import { checkAssertionTimes } from "../../src/federation/saml/checkAssertionTimes.js";
import { MAX_SAML_BYTES } from "../../src/federation/saml/decodeSamlInput.js";
import { parseSamlResponse } from "../../src/federation/saml/parseSamlResponse.js";
import { FederationError } from "../../src/errors.js";
import { createSigningKey, signedResponse, signedResponseXml, type ResponseOptions, type SigningKey } from "../support/samlIdp.js";

// What stsctl reads from a response before any STS call, on responses signed by
// xml-crypto exactly as an IdP sends them.

const DEV = { roleArn: "arn:aws:iam::123456789012:role/Dev", principalArn: "arn:aws:iam::123456789012:saml-provider/Corp" };
const OPS = { roleArn: "arn:aws:iam::210987654321:role/team/Ops", principalArn: "arn:aws:iam::210987654321:saml-provider/Corp" };
let key: SigningKey;
beforeAll(() => {
  key = createSigningKey();
});
const opts = (o: Partial<ResponseOptions> = {}): ResponseOptions => ({ key, issuer: "https://idp.example.com/metadata", roles: [DEV], ...o });

/** The FederationError thrown by fn: message and hint, and proof there is no stack-bearing plain Error. */
function refusal(fn: () => unknown): FederationError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(FederationError);
    return e as FederationError;
  }
  throw new Error("expected a FederationError");
}

describe("parseSamlResponse", () => {
  it("reads roles in either order, the session name and SessionDuration from a signed base64 response", () => {
    const info = parseSamlResponse(
      signedResponse(opts({ roles: [DEV, { ...OPS, providerFirst: true }], sessionName: "alice@example.com", sessionDuration: 7200 })),
    );
    expect(info.roles).toEqual([
      { ...DEV, accountId: "123456789012", roleName: "Dev" },
      { ...OPS, accountId: "210987654321", roleName: "Ops" },
    ]);
    expect(info.sessionName).toBe("alice@example.com");
    expect(info.sessionDuration).toBe(7200);
    expect(info.issuer).toBe("https://idp.example.com/metadata");
    expect(info.encrypted).toBe(false);
  });

  it.each(["prefixed", "saml2", "unprefixed"] as const)("matches elements by local name whatever the prefix (%s)", (style) => {
    const info = parseSamlResponse(signedResponse(opts({ style, sessionDuration: 900 })));
    expect(info.roles.map((r) => r.roleArn)).toEqual([DEV.roleArn]);
    expect(info.sessionDuration).toBe(900);
  });

  it("takes raw XML, line-wrapped base64 and a copied form body alike, and always hands STS base64", () => {
    const xml = signedResponseXml(opts());
    const b64 = Buffer.from(xml).toString("base64");
    for (const input of [xml, b64.replace(/(.{76})/g, "$1\n"), `SAMLResponse=${encodeURIComponent(b64)}`]) {
      const info = parseSamlResponse(input);
      expect(Buffer.from(info.assertion, "base64").toString("utf8")).toBe(xml);
      expect(info.roles).toHaveLength(1);
    }
  });

  it("reports the earliest NotOnOrAfter and the NotBefore", () => {
    const now = new Date("2030-01-01T12:00:00Z");
    const info = parseSamlResponse(signedResponse(opts({ now, notBeforeOffset: -30, notOnOrAfterOffset: 600 })));
    expect(info.notBefore?.toISOString()).toBe("2030-01-01T11:59:30.000Z");
    expect(info.notOnOrAfter?.toISOString()).toBe("2030-01-01T12:10:00.000Z");
  });

  it("keeps malformed Role values aside and drops duplicates", () => {
    const info = parseSamlResponse(signedResponse(opts({ roles: [DEV, DEV], extraRoleValues: ["arn:aws:iam::123456789012:role/OnlyARole", "nonsense,more"] })));
    expect(info.roles).toHaveLength(1);
    expect(info.malformedRoles).toEqual(["arn:aws:iam::123456789012:role/OnlyARole", "nonsense,more"]);
  });

  it("reports a non-Success status with the IdP's code and message", () => {
    const e = refusal(() =>
      parseSamlResponse(
        signedResponse(
          opts({
            status: {
              code: "urn:oasis:names:tc:SAML:2.0:status:Responder",
              subCode: "urn:oasis:names:tc:SAML:2.0:status:AuthnFailed",
              message: "User is locked out",
            },
          }),
        ),
      ),
    );
    expect(e.message).toBe("the identity provider refused the sign-in: Responder/AuthnFailed: User is locked out");
    expect(e.hint).toMatch(/sign in again/);
  });

  it.each([
    ["junk text", "hello world, this is not SAML", /neither base64 nor XML/],
    ["base64 of junk", Buffer.from("not xml at all").toString("base64"), /does not decode to XML/],
    ["broken XML", "<samlp:Response><unclosed></samlp:Response>", /not well-formed XML/],
    ["another XML document", "<html><body>login</body></html>", /not a SAML Response/],
    ["an empty form value", "SAMLResponse=", /empty SAMLResponse/],
  ])("refuses %s with a clean FederationError", (_name, input, message) => {
    const e = refusal(() => parseSamlResponse(input));
    expect(e.message).toMatch(message);
    expect(e.hint).toBeTruthy();
  });

  it("refuses DOCTYPE and ENTITY declarations before parsing, in XML and in base64", () => {
    const bomb =
      '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>' +
      '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">&b;</samlp:Response>';
    const external = '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><Response>&x;</Response>';
    for (const input of [bomb, Buffer.from(bomb).toString("base64"), external, "<Response><!ENTITY x 'y'></Response>"]) {
      expect(refusal(() => parseSamlResponse(input)).message).toBe("the SAML response contains a DOCTYPE or ENTITY declaration, which stsctl refuses");
    }
  });

  it("refuses input over the size cap without parsing it", () => {
    const big = "<samlp:Response>" + "x".repeat(MAX_SAML_BYTES) + "</samlp:Response>";
    expect(refusal(() => parseSamlResponse(big)).message).toBe("the SAML response is larger than 1 MiB");
  });

  it("decodes XML escapes in values but expands no entity", () => {
    const info = parseSamlResponse(signedResponse(opts({ sessionName: "a&b<c>" })));
    expect(info.sessionName).toBe("a&b<c>");
  });
});

describe("checkAssertionTimes", () => {
  const now = new Date("2030-01-01T12:00:00Z");
  const at = (s: number) => new Date(now.getTime() + s * 1000);

  it("accepts a current assertion and one just past its end within the 5-minute skew", () => {
    expect(() => checkAssertionTimes({ notBefore: at(-60), notOnOrAfter: at(300) }, now)).not.toThrow();
    expect(() => checkAssertionTimes({ notOnOrAfter: at(-240) }, now)).not.toThrow();
    expect(() => checkAssertionTimes({ notBefore: at(240) }, now)).not.toThrow();
  });

  it("refuses an expired assertion, saying when and what to do", () => {
    const e = refusal(() => checkAssertionTimes({ notOnOrAfter: at(-3600) }, now));
    expect(e.message).toBe("the SAML assertion expired 1h ago (NotOnOrAfter 2030-01-01T11:00:00.000Z)");
    expect(e.hint).toMatch(/sign in to your identity provider again/);
  });

  it("refuses an assertion that is not valid yet", () => {
    const e = refusal(() => checkAssertionTimes({ notBefore: at(1200) }, now));
    expect(e.message).toMatch(/not valid for another 20m/);
    expect(e.hint).toMatch(/clock/);
  });
});
