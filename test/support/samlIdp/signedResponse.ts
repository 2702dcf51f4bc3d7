// SAML 2.0 Responses as an IdP's AWS application sends them, signed with
// xml-crypto (RSA-SHA256, exclusive C14N, enveloped signature). Every field a
// test may want wrong is an option.
import { randomBytes } from "node:crypto";
import { SignedXml } from "xml-crypto";
import type { SigningKey } from "./signingKey.js";

export const AWS_SAML_ENDPOINT = "https://signin.aws.amazon.com/saml";
const ATTR = "https://aws.amazon.com/SAML/Attributes/";

export interface ResponseOptions {
  /** Signs with this key; undefined: unsigned. */
  key?: SigningKey;
  /** Which element carries the signature (default "assertion"). */
  sign?: "assertion" | "response" | "both";
  issuer: string;
  subject?: string;
  /** Role attribute values, as pairs; `providerFirst` writes "provider,role" (some IdPs do). */
  roles: Array<{ roleArn: string; principalArn: string; providerFirst?: boolean }>;
  /** Raw extra Role values, e.g. malformed ones. */
  extraRoleValues?: string[];
  sessionName?: string;
  sessionDuration?: number | string;
  /** Default: now. */
  now?: Date;
  /** Validity window around `now`, seconds (default -60 .. +300). */
  notBeforeOffset?: number;
  notOnOrAfterOffset?: number;
  audience?: string;
  recipient?: string;
  /** SAML status (default Success). */
  status?: { code: string; subCode?: string; message?: string };
  /** Namespace style: "prefixed" (saml:/samlp:) or "saml2" prefixes, or default namespaces without prefixes. */
  style?: "prefixed" | "saml2" | "unprefixed";
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const id = () => `_${randomBytes(16).toString("hex")}`;
const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

/** The response XML, signed as asked. */
export function signedResponseXml(o: ResponseOptions): string {
  const now = o.now ?? new Date();
  const at = (s: number) => iso(new Date(now.getTime() + s * 1000));
  const style = o.style ?? "prefixed";
  const [p, a] = style === "prefixed" ? ["samlp:", "saml:"] : style === "saml2" ? ["saml2p:", "saml2:"] : ["", ""];
  const nsP = style === "unprefixed" ? `xmlns="urn:oasis:names:tc:SAML:2.0:protocol"` : `xmlns:${p.slice(0, -1)}="urn:oasis:names:tc:SAML:2.0:protocol"`;
  const nsA = style === "unprefixed" ? `xmlns="urn:oasis:names:tc:SAML:2.0:assertion"` : `xmlns:${a.slice(0, -1)}="urn:oasis:names:tc:SAML:2.0:assertion"`;
  const status = o.status ?? { code: "urn:oasis:names:tc:SAML:2.0:status:Success" };
  const statusXml =
    `<${p}Status><${p}StatusCode Value="${esc(status.code)}">` +
    (status.subCode ? `<${p}StatusCode Value="${esc(status.subCode)}"/>` : "") +
    `</${p}StatusCode>` +
    (status.message ? `<${p}StatusMessage>${esc(status.message)}</${p}StatusMessage>` : "") +
    `</${p}Status>`;
  const values = [...o.roles.map((r) => (r.providerFirst ? `${r.principalArn},${r.roleArn}` : `${r.roleArn},${r.principalArn}`)), ...(o.extraRoleValues ?? [])];
  const attribute = (name: string, vals: string[]) =>
    `<${a}Attribute Name="${ATTR}${name}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">` +
    vals
      .map(
        (v) =>
          `<${a}AttributeValue xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:string">${esc(v)}</${a}AttributeValue>`,
      )
      .join("") +
    `</${a}Attribute>`;
  const attributes = [
    attribute("Role", values),
    ...(o.sessionName !== undefined ? [attribute("RoleSessionName", [o.sessionName])] : []),
    ...(o.sessionDuration !== undefined ? [attribute("SessionDuration", [String(o.sessionDuration)])] : []),
  ].join("");
  const notBefore = at(o.notBeforeOffset ?? -60);
  const notOnOrAfter = at(o.notOnOrAfterOffset ?? 300);
  const assertion =
    `<${a}Assertion ${nsA} ID="${id()}" Version="2.0" IssueInstant="${iso(now)}">` +
    `<${a}Issuer>${esc(o.issuer)}</${a}Issuer>` +
    `<${a}Subject><${a}NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">${esc(o.subject ?? "alice@example.com")}</${a}NameID>` +
    `<${a}SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><${a}SubjectConfirmationData NotOnOrAfter="${notOnOrAfter}" Recipient="${esc(o.recipient ?? AWS_SAML_ENDPOINT)}"/></${a}SubjectConfirmation></${a}Subject>` +
    `<${a}Conditions NotBefore="${notBefore}" NotOnOrAfter="${notOnOrAfter}"><${a}AudienceRestriction><${a}Audience>${esc(o.audience ?? AWS_SAML_ENDPOINT)}</${a}Audience></${a}AudienceRestriction></${a}Conditions>` +
    `<${a}AuthnStatement AuthnInstant="${iso(now)}" SessionIndex="${id()}"><${a}AuthnContext><${a}AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</${a}AuthnContextClassRef></${a}AuthnContext></${a}AuthnStatement>` +
    `<${a}AttributeStatement>${attributes}</${a}AttributeStatement>` +
    `</${a}Assertion>`;
  const issuer =
    style === "unprefixed"
      ? `<Issuer xmlns="urn:oasis:names:tc:SAML:2.0:assertion">${esc(o.issuer)}</Issuer>`
      : `<${a}Issuer ${nsA}>${esc(o.issuer)}</${a}Issuer>`;
  let xml =
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<${p}Response ${nsP} ID="${id()}" Version="2.0" IssueInstant="${iso(now)}" Destination="${esc(o.recipient ?? AWS_SAML_ENDPOINT)}">` +
    issuer +
    statusXml +
    assertion +
    `</${p}Response>`;
  if (!o.key) return xml;
  const sign = o.sign ?? "assertion";
  if (sign === "assertion" || sign === "both") xml = signElement(xml, "Assertion", o.key);
  if (sign === "response" || sign === "both") xml = signElement(xml, "Response", o.key);
  return xml;
}

/** Base64, as the IdP's form posts it. */
export function signedResponse(o: ResponseOptions): string {
  return Buffer.from(signedResponseXml(o), "utf8").toString("base64");
}

/** An enveloped signature on the element, placed right after its Issuer as the SAML schema wants. */
function signElement(xml: string, localName: "Assertion" | "Response", key: SigningKey): string {
  const sig = new SignedXml({
    privateKey: key.privateKey,
    publicCert: key.certificate,
    signatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    canonicalizationAlgorithm: "http://www.w3.org/2001/10/xml-exc-c14n#",
  });
  const target = `/*[local-name(.)='Response']${localName === "Assertion" ? "/*[local-name(.)='Assertion']" : ""}`;
  sig.addReference({
    xpath: target,
    transforms: ["http://www.w3.org/2000/09/xmldsig#enveloped-signature", "http://www.w3.org/2001/10/xml-exc-c14n#"],
    digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256",
  });
  sig.computeSignature(xml, { prefix: "ds", location: { reference: `${target}/*[local-name(.)='Issuer']`, action: "after" } });
  return sig.getSignedXml();
}
