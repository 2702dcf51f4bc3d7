// Reading a SAMLResponse the way STS must: verify an XML signature (on the
// Response or on the Assertion) against the provider's certificates, and take
// every fact from the signed bytes only, so content wrapped around a valid
// signature (XML signature wrapping) is never believed.
import { DOMParser } from "@xmldom/xmldom";
import { SignedXml } from "xml-crypto";

const DSIG = "http://www.w3.org/2000/09/xmldsig#";
const PROTOCOL = "urn:oasis:names:tc:SAML:2.0:protocol";
const ASSERTION = "urn:oasis:names:tc:SAML:2.0:assertion";

type El = Element;

export interface SamlFacts {
  statusCode: string | undefined;
  issuer: string | undefined;
  subject: string | undefined;
  subjectFormat: string | undefined;
  audiences: string[];
  recipients: string[];
  notBefore: Date | undefined;
  /** Earliest NotOnOrAfter of the Conditions and the bearer SubjectConfirmationData. */
  notOnOrAfter: Date | undefined;
  sessionNotOnOrAfter: Date | undefined;
  /** Attribute name → values. */
  attributes: Map<string, string[]>;
}

export type VerifyResult = { ok: true; facts: SamlFacts } | { ok: false; reason: "malformed" | "signature" };

function parse(xml: string): Document | undefined {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) return undefined;
  let failed = false;
  const doc = new DOMParser({ errorHandler: { error: () => void (failed = true), fatalError: () => void (failed = true) } }).parseFromString(xml, "text/xml");
  return failed || !doc.documentElement ? undefined : (doc as unknown as Document);
}

const kids = (el: El | undefined, ns: string, name: string): El[] =>
  el ? Array.from(el.childNodes).filter((n): n is El => n.nodeType === 1 && (n as El).localName === name && (n as El).namespaceURI === ns) : [];
const kid = (el: El | undefined, ns: string, name: string): El | undefined => kids(el, ns, name)[0];
const text = (el: El | undefined) => el?.textContent?.trim() || undefined;
const date = (v: string | null | undefined) => (v ? new Date(v) : undefined);

export function verifySamlResponse(xml: string, certificates: string[]): VerifyResult {
  const doc = parse(xml);
  const root = doc?.documentElement as El | undefined;
  if (root?.localName !== "Response" || root.namespaceURI !== PROTOCOL) return { ok: false, reason: "malformed" };
  const status = kid(kid(root, PROTOCOL, "Status"), PROTOCOL, "StatusCode")?.getAttribute("Value") ?? undefined;

  const signatures = [kid(root, DSIG, "Signature"), ...kids(root, ASSERTION, "Assertion").map((a) => kid(a, DSIG, "Signature"))].filter(
    (s): s is El => s !== undefined,
  );
  for (const signature of signatures) {
    const signedParent = signature.parentNode as El;
    for (const cert of certificates) {
      const signed = signedElement(xml, signature, signedParent, cert);
      if (!signed) continue;
      const assertions = signed.localName === "Assertion" ? [signed] : kids(signed, ASSERTION, "Assertion");
      if (assertions.length !== 1) return { ok: false, reason: "malformed" };
      return { ok: true, facts: { statusCode: status, ...factsOf(assertions[0]!) } };
    }
  }
  return { ok: false, reason: "signature" };
}

/** The element the signature covers, re-parsed from the signed (canonical) bytes; undefined if the signature fails. */
function signedElement(xml: string, signature: El, parent: El, cert: string): El | undefined {
  // Only the registered certificate counts, never one carried in the response's KeyInfo.
  const sig = new SignedXml({ publicCert: cert, getCertFromKeyInfo: () => null });
  try {
    sig.loadSignature(signature as unknown as Node);
    if (!sig.checkSignature(xml)) return undefined;
  } catch {
    return undefined;
  }
  const refs = sig.getSignedReferences();
  if (refs.length !== 1) return undefined;
  const el = parse(refs[0]!)?.documentElement as El | undefined;
  const id = parent.getAttribute("ID");
  if (!el || !id || el.localName !== parent.localName || el.namespaceURI !== parent.namespaceURI || el.getAttribute("ID") !== id) return undefined;
  return el;
}

function factsOf(a: El): Omit<SamlFacts, "statusCode"> {
  const subject = kid(a, ASSERTION, "Subject");
  const nameId = kid(subject, ASSERTION, "NameID");
  const confirmations = kids(subject, ASSERTION, "SubjectConfirmation")
    .filter((c) => c.getAttribute("Method") === "urn:oasis:names:tc:SAML:2.0:cm:bearer")
    .map((c) => kid(c, ASSERTION, "SubjectConfirmationData"))
    .filter((d): d is El => d !== undefined);
  const conditions = kid(a, ASSERTION, "Conditions");
  const ends = [conditions?.getAttribute("NotOnOrAfter"), ...confirmations.map((c) => c.getAttribute("NotOnOrAfter"))]
    .map(date)
    .filter((d): d is Date => d !== undefined && !Number.isNaN(d.getTime()));
  const attributes = new Map<string, string[]>();
  for (const st of kids(a, ASSERTION, "AttributeStatement")) {
    for (const at of kids(st, ASSERTION, "Attribute")) {
      const name = at.getAttribute("Name");
      if (!name) continue;
      const values = kids(at, ASSERTION, "AttributeValue")
        .map(text)
        .filter((v): v is string => v !== undefined);
      attributes.set(name, [...(attributes.get(name) ?? []), ...values]);
    }
  }
  return {
    issuer: text(kid(a, ASSERTION, "Issuer")),
    subject: text(nameId),
    subjectFormat: nameId?.getAttribute("Format") ?? undefined,
    audiences: kids(conditions, ASSERTION, "AudienceRestriction")
      .flatMap((r) => kids(r, ASSERTION, "Audience").map(text))
      .filter((v): v is string => v !== undefined),
    recipients: confirmations.map((c) => c.getAttribute("Recipient")).filter((v): v is string => Boolean(v)),
    notBefore: date(conditions?.getAttribute("NotBefore")),
    notOnOrAfter: ends.length ? new Date(Math.min(...ends.map((d) => d.getTime()))) : undefined,
    sessionNotOnOrAfter: date(kid(a, ASSERTION, "AuthnStatement")?.getAttribute("SessionNotOnOrAfter")),
    attributes,
  };
}
