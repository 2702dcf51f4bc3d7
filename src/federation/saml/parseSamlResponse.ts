import { XMLParser, XMLValidator } from "fast-xml-parser";
import { FederationError } from "../../errors.js";
import { decodeSamlInput } from "./decodeSamlInput.js";
import { parseRoleValue, type SamlRole } from "./samlRoles.js";

/** What stsctl reads from a SAMLResponse. The signature is STS's to check: only it knows the IdP's certificate. */
export interface SamlResponseInfo {
  /** Base64 of the response, as STS takes it. */
  assertion: string;
  issuer?: string;
  roles: SamlRole[];
  /** Role attribute values that are not a role/provider ARN pair. */
  malformedRoles: string[];
  sessionName?: string;
  /** The SessionDuration attribute, when it is a whole number of seconds. */
  sessionDuration?: number;
  notBefore?: Date;
  /** The earliest of the assertion's Conditions and SubjectConfirmationData NotOnOrAfter. */
  notOnOrAfter?: Date;
  /** The assertion is encrypted: roles and times can't be read here (STS can decrypt it). */
  encrypted: boolean;
}

const ATTR = "https://aws.amazon.com/SAML/Attributes/";
const SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";
// Elements that may repeat; always arrays so one code path reads them.
const REPEATED = new Set(["Assertion", "EncryptedAssertion", "AttributeStatement", "Attribute", "AttributeValue", "SubjectConfirmation", "StatusCode"]);

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  // Match local names whatever prefix the IdP chose (saml:, saml2:, none).
  removeNSPrefix: true,
  // Never expand entities (and so never fetch one); the five XML escapes are decoded below.
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => REPEATED.has(name),
});

/** Parses a SAMLResponse (base64 or XML). Junk, oversized or DTD-bearing input → FederationError. */
export function parseSamlResponse(input: string): SamlResponseInfo {
  const { xml, base64 } = decodeSamlInput(input);
  if (XMLValidator.validate(xml) !== true) {
    throw new FederationError("the SAML response is not well-formed XML", { hint: "copy the whole SAMLResponse value, or sign in with --browser" });
  }
  const doc = parser.parse(xml) as Node;
  const response = doc.Response as Node | undefined;
  if (!isNode(response)) {
    throw new FederationError("the XML is not a SAML Response", { hint: "pass the SAMLResponse your identity provider posts to AWS, not another document" });
  }
  checkStatus(response);

  const assertions = nodes(response.Assertion);
  const encrypted = nodes(response.EncryptedAssertion).length > 0;
  if (assertions.length === 0 && encrypted) return { assertion: base64, roles: [], malformedRoles: [], encrypted: true, ...issuerOf(response) };
  if (assertions.length !== 1) {
    throw new FederationError(`the SAML response holds ${assertions.length} assertions; AWS takes exactly one`, {
      hint: "check the identity provider's AWS application settings",
    });
  }
  const a = assertions[0]!;
  const attrs = attributes(a);
  const roles: SamlRole[] = [];
  const malformedRoles: string[] = [];
  for (const v of attrs.get(`${ATTR}Role`) ?? []) {
    const r = parseRoleValue(v);
    if (!r) malformedRoles.push(v);
    else if (!roles.some((x) => x.roleArn === r.roleArn && x.principalArn === r.principalArn)) roles.push(r);
  }
  const sessionName = attrs.get(`${ATTR}RoleSessionName`)?.[0];
  const durationText = attrs.get(`${ATTR}SessionDuration`)?.[0];
  const conditions = a.Conditions as Node | undefined;
  const confirmations = nodes((a.Subject as Node | undefined)?.SubjectConfirmation).map((c) => c.SubjectConfirmationData as Node | undefined);
  const ends = [time(conditions, "@NotOnOrAfter"), ...confirmations.map((c) => time(c, "@NotOnOrAfter"))].filter((d): d is Date => d !== undefined);
  const notBefore = time(conditions, "@NotBefore");
  return {
    assertion: base64,
    ...issuerOf(a.Issuer === undefined ? response : a),
    roles,
    malformedRoles,
    ...(sessionName ? { sessionName } : {}),
    ...(durationText && /^\d{1,6}$/.test(durationText) ? { sessionDuration: Number(durationText) } : {}),
    ...(notBefore ? { notBefore } : {}),
    ...(ends.length ? { notOnOrAfter: new Date(Math.min(...ends.map((d) => d.getTime()))) } : {}),
    encrypted: false,
  };
}

function checkStatus(response: Node): void {
  const status = response.Status as Node | undefined;
  const top = nodes(status?.StatusCode)[0];
  const code = attr(top, "@Value");
  if (code === SUCCESS) return;
  const sub = attr(nodes(top?.StatusCode)[0], "@Value");
  const message = text(status?.StatusMessage);
  const shown = [code ?? "no status code", sub]
    .filter(Boolean)
    .map((c) => c!.replace(/^urn:oasis:names:tc:SAML:2\.0:status:/, ""))
    .join("/");
  throw new FederationError(`the identity provider refused the sign-in: ${shown}${message ? `: ${message}` : ""}`, {
    hint: "sign in again; if it keeps failing, ask your IdP administrator about this status",
  });
}

/** Attribute name → its values, from every AttributeStatement of the assertion. */
function attributes(assertion: Node): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const st of nodes(assertion.AttributeStatement)) {
    for (const at of nodes(st.Attribute)) {
      const name = attr(at, "@Name");
      if (!name) continue;
      const values = (Array.isArray(at.AttributeValue) ? at.AttributeValue : []).map(text).filter((v): v is string => v !== undefined && v !== "");
      out.set(name, [...(out.get(name) ?? []), ...values]);
    }
  }
  return out;
}

function issuerOf(n: Node): { issuer?: string } {
  const issuer = text(n.Issuer);
  return issuer ? { issuer } : {};
}

function time(n: Node | undefined, key: string): Date | undefined {
  const v = attr(n, key);
  if (v === undefined) return undefined;
  const d = new Date(v);
  if (!/^\d{4}-\d\d-\d\dT/.test(v) || Number.isNaN(d.getTime())) {
    throw new FederationError(`the SAML assertion has an unreadable time "${v.slice(0, 40)}"`, {
      hint: "check the identity provider's clock and AWS application settings",
    });
  }
  return d;
}

const isNode = (v: unknown): v is Node => typeof v === "object" && v !== null && !Array.isArray(v);
const nodes = (v: unknown): Node[] => (Array.isArray(v) ? v.filter(isNode) : isNode(v) ? [v] : []);

function attr(n: Node | undefined, key: string): string | undefined {
  const v = n?.[key];
  return typeof v === "string" ? unescapeXml(v) : undefined;
}

/** An element's text whether it came as a string or as an object with attributes. */
function text(v: unknown): string | undefined {
  if (typeof v === "string") return unescapeXml(v.trim());
  if (isNode(v) && typeof v["#text"] === "string") return unescapeXml(v["#text"].trim());
  if (isNode(v)) return "";
  return undefined;
}

/** The predefined XML escapes and character references; nothing else (no entities exist here). */
function unescapeXml(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});/g, (m, e: string) => {
    if (e === "lt") return "<";
    if (e === "gt") return ">";
    if (e === "amp") return "&";
    if (e === "quot") return '"';
    if (e === "apos") return "'";
    const cp = e.startsWith("#x") ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
  });
}
