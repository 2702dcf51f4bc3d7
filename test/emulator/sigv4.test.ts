// Signature checks, driven with raw HTTP for what the SDK would never send, and
// with the SDK's own SigV4 signer (an independent implementation) for GET,
// presigned and tampered requests.
import { createHash, createHmac } from "node:crypto";
import { GetCallerIdentityCommand, GetSessionTokenCommand } from "@aws-sdk/client-sts";
import { SignatureV4 } from "@smithy/signature-v4";
import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSts, type StsEmulator } from "../support/sts/index.js";
import { computeSignature, type RawRequest, type SignatureClaim } from "../support/sts/sigv4.js";
import { awsError, keysOf, rawRequest, stsClient, type Keys } from "./client.js";

const MISMATCH =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
const INVALID_TOKEN = "The security token included in the request is invalid.";
const BODY = "Action=GetCallerIdentity&Version=2011-06-15";

let sts: StsEmulator;
let alice: Keys;
beforeAll(async () => {
  sts = await startSts();
  alice = sts.addUser({ name: "alice" });
});
afterAll(() => sts.close());

const xml = new XMLParser({ ignoreAttributes: false });
function parseError(body: string): { ns: string; type: string; code: string; message: string; requestId: string } {
  const doc = xml.parse(body) as { ErrorResponse: { "@_xmlns": string; Error: { Type: string; Code: string; Message: string }; RequestId: string } };
  const e = doc.ErrorResponse;
  return { ns: e["@_xmlns"], type: e.Error.Type, code: e.Error.Code, message: e.Error.Message, requestId: e.RequestId };
}

const amzNow = () => new Date().toISOString().replace(/[-:]|\.\d{3}/g, "");

/** A syntactically complete Authorization header whose signature is whatever we say. */
function forgedHeaders(accessKeyId: string, opts: { service?: string; token?: string; signature?: string } = {}) {
  const date = amzNow();
  return {
    "x-amz-date": date,
    ...(opts.token ? { "x-amz-security-token": opts.token } : {}),
    authorization: `AWS4-HMAC-SHA256 Credential=${accessKeyId}/${date.slice(0, 8)}/us-east-1/${opts.service ?? "sts"}/aws4_request, SignedHeaders=host;x-amz-date, Signature=${opts.signature ?? "0".repeat(64)}`,
  };
}

class NodeSha256 {
  private readonly h;
  constructor(secret?: unknown) {
    this.h = secret ? createHmac("sha256", secret as Buffer) : createHash("sha256");
  }
  update(data: Uint8Array | string) {
    this.h.update(data);
  }
  digest() {
    return Promise.resolve(new Uint8Array(this.h.digest()));
  }
}

function signer(keys: Keys) {
  return new SignatureV4({ service: "sts", region: "eu-west-3", credentials: keys, sha256: NodeSha256 });
}

function sdkRequest(method: "GET" | "POST", query: Record<string, string>, body?: string) {
  return {
    method,
    protocol: "http:",
    hostname: "127.0.0.1",
    port: sts.port,
    path: "/",
    query,
    headers: { host: `127.0.0.1:${sts.port}`, ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
    body,
  };
}

function urlOf(r: { query?: Record<string, string | string[] | null> }) {
  const qs = new URLSearchParams(Object.entries(r.query ?? {}).map(([k, v]) => [k, String(v)])).toString().replace(/\+/g, "%20");
  return `${sts.url}/${qs ? `?${qs}` : ""}`;
}

describe("the SigV4 algorithm", () => {
  // AWS's published Signature Version 4 test suite: get-vanilla and get-vanilla-query-order-key-case.
  const claim: SignatureClaim = {
    accessKeyId: "AKIDEXAMPLE",
    scopeDate: "20150830",
    region: "us-east-1",
    service: "service",
    signedHeaders: ["host", "x-amz-date"],
    signature: "",
    amzDate: "20150830T123600Z",
    presigned: false,
  };
  const req = (rawUrl: string): RawRequest => ({
    method: "GET",
    rawUrl,
    rawHeaders: ["Host", "example.amazonaws.com", "X-Amz-Date", "20150830T123600Z"],
    body: Buffer.alloc(0),
  });
  it("reproduces AWS's test-suite signatures", () => {
    const secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    expect(computeSignature(req("/"), claim, secret)).toBe("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    expect(computeSignature(req("/?Param2=value2&Param1=value1"), claim, secret)).toBe("b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
  });
});

describe("request authentication (raw HTTP)", () => {
  it("answers an unsigned request with AWS's error envelope", async () => {
    const r = await rawRequest(sts.url, { body: BODY });
    expect(r.status).toBe(403);
    expect(r.headers.get("content-type")).toBe("text/xml");
    const e = parseError(r.body);
    expect(e).toMatchObject({
      ns: "https://sts.amazonaws.com/doc/2011-06-15/",
      type: "Sender",
      code: "MissingAuthenticationToken",
      message: "Request is missing Authentication Token",
    });
    expect(e.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(r.headers.get("x-amzn-requestid")).toBe(e.requestId);
  });

  it("refuses an unknown access key with InvalidClientTokenId", async () => {
    const r = await rawRequest(sts.url, { body: BODY, headers: forgedHeaders("AKIAAAAAAAAAAAAAAAAA") });
    expect(r.status).toBe(403);
    expect(parseError(r.body)).toMatchObject({ code: "InvalidClientTokenId", message: INVALID_TOKEN });
  });

  it("refuses a wrong signature for a known key with SignatureDoesNotMatch", async () => {
    const r = await rawRequest(sts.url, { body: BODY, headers: forgedHeaders(alice.accessKeyId) });
    expect(r.status).toBe(403);
    expect(parseError(r.body)).toMatchObject({ type: "Sender", code: "SignatureDoesNotMatch", message: MISMATCH });
  });

  it("wants the session token that belongs to a temporary key, and none with a long-term key", async () => {
    const session = keysOf((await stsClient(sts, alice).send(new GetSessionTokenCommand({}))).Credentials);
    for (const token of [undefined, session.sessionToken.slice(0, -4), session.sessionToken + "x"]) {
      const r = await rawRequest(sts.url, { body: BODY, headers: forgedHeaders(session.accessKeyId, { token }) });
      expect(parseError(r.body)).toMatchObject({ code: "InvalidClientTokenId", message: INVALID_TOKEN });
    }
    const r = await rawRequest(sts.url, { body: BODY, headers: forgedHeaders(alice.accessKeyId, { token: session.sessionToken }) });
    expect(parseError(r.body)).toMatchObject({ code: "InvalidClientTokenId", message: INVALID_TOKEN });
    // And the SDK, which sends the right token, gets through.
    await expect(stsClient(sts, session).send(new GetCallerIdentityCommand({}))).resolves.toMatchObject({ Arn: "arn:aws:iam::123456789012:user/alice" });
  });

  it("wants the signature scoped to sts", async () => {
    const r = await rawRequest(sts.url, { body: BODY, headers: forgedHeaders(alice.accessKeyId, { service: "iam" }) });
    expect(parseError(r.body)).toMatchObject({ code: "SignatureDoesNotMatch", message: "Credential should be scoped to correct service: 'sts'." });
  });

  it("names an unknown action and a missing version", async () => {
    const unknown = await rawRequest(sts.url, { body: "Action=DescribeThings&Version=2011-06-15" });
    expect(unknown.status).toBe(400);
    expect(parseError(unknown.body)).toMatchObject({ code: "InvalidAction", message: "Could not find operation DescribeThings for version 2011-06-15" });
    const noVersion = await rawRequest(sts.url, { body: "Action=GetCallerIdentity" });
    expect(parseError(noVersion.body).code).toBe("MissingParameter");
  });
});

describe("requests signed by an independent signer", () => {
  it("accepts GET with the parameters in the query string, in any region", async () => {
    const signed = await signer(alice).sign(sdkRequest("GET", { Action: "GetCallerIdentity", Version: "2011-06-15" }));
    const res = await fetch(urlOf(signed), { headers: signed.headers, signal: AbortSignal.timeout(5000) });
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text).toContain(`<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">`);
    expect(text).toContain("<Arn>arn:aws:iam::123456789012:user/alice</Arn>");
  });

  it("accepts a presigned URL", async () => {
    const presigned = await signer(alice).presign(sdkRequest("GET", { Action: "GetCallerIdentity", Version: "2011-06-15" }), { expiresIn: 300 });
    const res = await fetch(urlOf(presigned), { signal: AbortSignal.timeout(5000) });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("<Arn>arn:aws:iam::123456789012:user/alice</Arn>");
  });

  it("refuses a body changed after signing", async () => {
    const signed = await signer(alice).sign(sdkRequest("POST", {}, "Action=GetSessionToken&Version=2011-06-15&DurationSeconds=900"));
    const tampered = "Action=GetSessionToken&Version=2011-06-15&DurationSeconds=129600";
    const res = await fetch(sts.url + "/", { method: "POST", headers: signed.headers, body: tampered, signal: AbortSignal.timeout(5000) });
    expect(res.status).toBe(403);
    expect(parseError(await res.text())).toMatchObject({ code: "SignatureDoesNotMatch", message: MISMATCH });
  });
});

describe("clock skew (opts.checkSkew)", () => {
  it("is ignored by default, so tests can move the emulator clock freely", async () => {
    const free = await startSts({ now: new Date(Date.now() + 86400_000 * 400) });
    try {
      const user = free.addUser({ name: "u1" });
      await expect(stsClient(free, user).send(new GetCallerIdentityCommand({}))).resolves.toBeDefined();
    } finally {
      await free.close();
    }
  });

  it("refuses requests signed more than 15 minutes off, with AWS's wording; the SDK corrects itself from Date", async () => {
    const strict = await startSts({ checkSkew: true });
    try {
      const user = strict.addUser({ name: "u1" });
      await expect(stsClient(strict, user).send(new GetCallerIdentityCommand({}))).resolves.toBeDefined();
      strict.clock.advance(16 * 60);
      const late = await rawRequest(strict.url, { body: BODY, headers: forgedHeaders(user.accessKeyId) });
      expect(parseError(late.body).message).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/);
      strict.clock.advance(-32 * 60);
      const early = await rawRequest(strict.url, { body: BODY, headers: forgedHeaders(user.accessKeyId) });
      expect(parseError(early.body).message).toMatch(/^Signature not yet current: \d{8}T\d{6}Z is still later than \d{8}T\d{6}Z \(\d{8}T\d{6}Z \+ 15 min\.\)$/);
      expect(await awsError(stsClient(strict, user).send(new GetCallerIdentityCommand({})))).toMatchObject({ code: "SignatureDoesNotMatch" });
      // With a retry allowed, the SDK adopts the server's Date and signs again.
      await expect(stsClient(strict, user, { maxAttempts: 2 }).send(new GetCallerIdentityCommand({}))).resolves.toBeDefined();
    } finally {
      await strict.close();
    }
  });
});
