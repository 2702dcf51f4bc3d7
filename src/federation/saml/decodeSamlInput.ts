import { FederationError } from "../../errors.js";

/** Far above any real SAMLResponse (a few KiB to ~100 KiB), far below anything that hurts. */
export const MAX_SAML_BYTES = 1024 * 1024;

export interface DecodedSaml {
  /** The response XML. */
  xml: string;
  /** What STS takes as SAMLAssertion: base64 of the XML, without line breaks. */
  base64: string;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const NEXT_STEP = "use the SAMLResponse your identity provider posts to AWS (base64, or its XML), or sign in with --browser";

/**
 * Accepts what users paste or save: the base64 SAMLResponse (line-wrapped or
 * not), its XML, or a copied form body `SAMLResponse=...`. Refuses anything
 * oversized or carrying a DTD before any XML parser sees it: a real IdP never
 * sends DOCTYPE or ENTITY declarations, and refusing them outright is the
 * simplest defence against entity expansion and external entities.
 */
export function decodeSamlInput(input: string): DecodedSaml {
  if (Buffer.byteLength(input, "utf8") > MAX_SAML_BYTES) {
    throw new FederationError(`the SAML response is larger than ${MAX_SAML_BYTES / 1024 / 1024} MiB`, { hint: NEXT_STEP });
  }
  let text = input.replace(/^\uFEFF/, "").trim();
  if (text.startsWith("SAMLResponse=")) text = formValue(text);

  let xml: string;
  let base64: string;
  if (text.startsWith("<")) {
    xml = text;
    base64 = Buffer.from(xml, "utf8").toString("base64");
  } else {
    base64 = text.replace(/\s+/g, "");
    if (!base64 || !BASE64.test(base64) || base64.length % 4 === 1) {
      throw new FederationError("the SAML response is neither base64 nor XML", { hint: NEXT_STEP });
    }
    xml = Buffer.from(base64, "base64")
      .toString("utf8")
      .replace(/^\uFEFF/, "")
      .trim();
    if (!xml.startsWith("<")) throw new FederationError("the SAML response does not decode to XML", { hint: NEXT_STEP });
  }
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) {
    throw new FederationError("the SAML response contains a DOCTYPE or ENTITY declaration, which stsctl refuses", {
      hint: "identity providers never send one; get a fresh response from your IdP",
    });
  }
  return { xml, base64 };
}

function formValue(body: string): string {
  const value = new URLSearchParams(body).get("SAMLResponse");
  if (!value) throw new FederationError("the form body has an empty SAMLResponse", { hint: NEXT_STEP });
  return value;
}
