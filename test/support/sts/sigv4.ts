// AWS Signature Version 4, verifier side, written from the published
// algorithm (docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html):
// canonical request → string to sign → HMAC chain key → hex signature.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { incompleteSignature } from "./stsError.js";

export const ALGORITHM = "AWS4-HMAC-SHA256";

/** The parts of an HTTP request a signature covers, as received on the wire. */
export interface RawRequest {
  method: string;
  /** Path and query exactly as sent (still percent-encoded). */
  rawUrl: string;
  /** Node's rawHeaders: [name, value, name, value, ...]. */
  rawHeaders: string[];
  body: Buffer;
}

export interface SignatureClaim {
  accessKeyId: string;
  /** yyyymmdd from the credential scope. */
  scopeDate: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
  /** The request time (x-amz-date, Date header, or X-Amz-Date query parameter), basic ISO form. */
  amzDate: string;
  securityToken?: string;
  presigned: boolean;
}

const sha256Hex = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data, "utf8").digest();

/** RFC 3986 encoding: everything but A-Z a-z 0-9 - _ . ~ as %XX (uppercase hex). */
export function uriEncode(s: string): string {
  let out = "";
  for (const byte of Buffer.from(s, "utf8")) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function splitUrl(rawUrl: string): { path: string; query: string } {
  const q = rawUrl.indexOf("?");
  return q < 0 ? { path: rawUrl, query: "" } : { path: rawUrl.slice(0, q), query: rawUrl.slice(q + 1) };
}

/** Raw query pairs, percent-decoded ('+' is kept literally, as signers encode spaces as %20). */
function queryPairs(query: string): Array<[string, string]> {
  if (query === "") return [];
  return query
    .split("&")
    .filter((p) => p !== "")
    .map((p) => {
      const eq = p.indexOf("=");
      return eq < 0 ? [safeDecode(p), ""] : [safeDecode(p.slice(0, eq)), safeDecode(p.slice(eq + 1))];
    });
}

function headerValues(rawHeaders: string[], name: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if ((rawHeaders[i] as string).toLowerCase() === name) out.push(rawHeaders[i + 1] as string);
  }
  return out;
}

export function header(rawHeaders: string[], name: string): string | undefined {
  return headerValues(rawHeaders, name.toLowerCase())[0];
}

/**
 * Non-S3 services normalize the path (drop "." and "..", merge slashes) and
 * encode each segment twice: the wire form is already encoded once.
 */
function canonicalUri(path: string): string {
  const out: string[] = [];
  for (const seg of path.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") out.pop();
    else out.push(seg);
  }
  const trailing = path.endsWith("/") && out.length > 0 ? "/" : "";
  return "/" + out.map((seg) => uriEncode(seg)).join("/") + trailing;
}

export function canonicalRequest(req: RawRequest, signedHeaders: string[], presigned: boolean): string {
  const { path, query } = splitUrl(req.rawUrl);
  const pairs = queryPairs(query)
    .filter(([k]) => !(presigned && k === "X-Amz-Signature"))
    .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  const headers = signedHeaders
    .map(
      (h) =>
        `${h}:${headerValues(req.rawHeaders, h)
          .map((v) => v.trim().replace(/\s+/g, " "))
          .join(",")}\n`,
    )
    .join("");
  return [
    req.method.toUpperCase(),
    canonicalUri(path || "/"),
    pairs.map(([k, v]) => `${k}=${v}`).join("&"),
    headers,
    signedHeaders.join(";"),
    sha256Hex(req.body),
  ].join("\n");
}

export function stringToSign(amzDate: string, scope: string, canonical: string): string {
  return [ALGORITHM, amzDate, scope, sha256Hex(canonical)].join("\n");
}

export function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), "aws4_request");
}

export function computeSignature(req: RawRequest, claim: SignatureClaim, secret: string): string {
  const scope = `${claim.scopeDate}/${claim.region}/${claim.service}/aws4_request`;
  const sts = stringToSign(claim.amzDate, scope, canonicalRequest(req, claim.signedHeaders, claim.presigned));
  return createHmac("sha256", signingKey(secret, claim.scopeDate, claim.region, claim.service))
    .update(sts, "utf8")
    .digest("hex");
}

export function signatureMatches(req: RawRequest, claim: SignatureClaim, secret: string): boolean {
  const expected = Buffer.from(computeSignature(req, claim, secret), "utf8");
  const given = Buffer.from(claim.signature, "utf8");
  return expected.length === given.length && timingSafeEqual(expected, given);
}

function parseCredential(credential: string): Pick<SignatureClaim, "accessKeyId" | "scopeDate" | "region" | "service"> {
  const parts = credential.split("/");
  if (parts.length !== 5 || parts[4] !== "aws4_request") {
    throw incompleteSignature(`Credential should be scoped to a valid region.`);
  }
  const [accessKeyId, scopeDate, region, service] = parts as [string, string, string, string];
  return { accessKeyId, scopeDate, region, service };
}

/** Converts an RFC 7231 Date header to the basic ISO form signers use. */
function basicIso(dateHeader: string): string | undefined {
  const t = Date.parse(dateHeader);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString().replace(/[-:]|\.\d{3}/g, "");
}

/** Reads the signature a request claims, from its Authorization header or presigned query. Undefined if unsigned. */
export function parseSignatureClaim(req: RawRequest): SignatureClaim | undefined {
  const auth = header(req.rawHeaders, "authorization");
  const token = header(req.rawHeaders, "x-amz-security-token");
  if (auth !== undefined) {
    const m = /^(\S+)\s+(.*)$/s.exec(auth.trim());
    if (!m || m[1] !== ALGORITHM) {
      throw incompleteSignature(`Unsupported AWS 'algorithm': '${m?.[1] ?? auth.trim()}'`);
    }
    const fields = new Map<string, string>();
    for (const part of (m[2] as string).split(",")) {
      const eq = part.indexOf("=");
      if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
    }
    const missing = ["Credential", "Signature", "SignedHeaders"].filter((k) => !fields.get(k));
    if (missing.length > 0) {
      throw incompleteSignature(missing.map((k) => `Authorization header requires '${k}' parameter.`).join(" ") + ` Authorization=${auth}`);
    }
    const amzDate = header(req.rawHeaders, "x-amz-date") ?? basicIso(header(req.rawHeaders, "date") ?? "");
    if (!amzDate) throw incompleteSignature("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    const signedHeaders = (fields.get("SignedHeaders") as string).split(";").map((h) => h.toLowerCase());
    if (!signedHeaders.includes("host")) {
      throw incompleteSignature("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
    }
    return {
      ...parseCredential(fields.get("Credential") as string),
      signedHeaders,
      signature: fields.get("Signature") as string,
      amzDate,
      securityToken: token,
      presigned: false,
    };
  }
  const q = new Map(queryPairs(splitUrl(req.rawUrl).query));
  if (!q.has("X-Amz-Signature") && !q.has("X-Amz-Credential")) return undefined;
  if (q.get("X-Amz-Algorithm") !== ALGORITHM) throw incompleteSignature(`Unsupported AWS 'algorithm': '${q.get("X-Amz-Algorithm") ?? ""}'`);
  const missing = ["X-Amz-Credential", "X-Amz-Signature", "X-Amz-SignedHeaders", "X-Amz-Date"].filter((k) => !q.get(k));
  if (missing.length > 0) throw incompleteSignature(missing.map((k) => `AWS query-string parameters must include '${k}'.`).join(" "));
  return {
    ...parseCredential(q.get("X-Amz-Credential") as string),
    signedHeaders: (q.get("X-Amz-SignedHeaders") as string).split(";").map((h) => h.toLowerCase()),
    signature: q.get("X-Amz-Signature") as string,
    amzDate: q.get("X-Amz-Date") as string,
    securityToken: q.get("X-Amz-Security-Token") ?? token,
    presigned: true,
  };
}

/** Parses yyyymmddThhmmssZ. */
export function parseAmzDate(s: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, se] = m.map(Number) as [number, number, number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi, se));
}
