import { GetCallerIdentityCommand, GetSessionTokenCommand } from "@aws-sdk/client-sts";
import { XMLParser } from "fast-xml-parser";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startSts, type StsEmulator } from "../support/sts/index.js";
import { awsError, rawRequest, stsClient, type Keys } from "./client.js";

let sts: StsEmulator;
let alice: Keys;
beforeEach(async () => {
  sts = await startSts();
  alice = sts.addUser({ name: "alice" });
});
afterEach(() => sts.close());

const whoami = (maxAttempts = 1) => stsClient(sts, alice, { maxAttempts }).send(new GetCallerIdentityCommand({}));

describe("fault injection", () => {
  it("throttles with Throttling / Rate exceeded, which the SDK retries", async () => {
    sts.inject({ action: "GetCallerIdentity", kind: "throttle" });
    const out = await whoami(3);
    expect(out.Arn).toBe("arn:aws:iam::123456789012:user/alice");
    expect(out.$metadata.attempts).toBe(2);
    expect(sts.calls("GetCallerIdentity")).toBe(2);
    expect(sts.log.map((r) => [r.ok, r.code])).toEqual([
      [false, "Throttling"],
      [true, undefined],
    ]);
    sts.inject({ kind: "throttle" });
    expect(await awsError(whoami())).toEqual({ code: "Throttling", message: "Rate exceeded", status: 400 });
  });

  it("answers 500 InternalFailure and 503 ServiceUnavailable as Receiver faults", async () => {
    sts.inject({ kind: "500" });
    sts.inject({ kind: "503" });
    expect(await awsError(whoami())).toMatchObject({ code: "InternalFailure", status: 500 });
    const raw = await rawRequest(sts.url, { body: "Action=GetCallerIdentity&Version=2011-06-15" });
    expect(raw.status).toBe(503);
    const doc = new XMLParser().parse(raw.body) as { ErrorResponse: { Error: { Type: string; Code: string } } };
    expect(doc.ErrorResponse.Error).toMatchObject({ Type: "Receiver", Code: "ServiceUnavailable" });
    // Faults are used up; the next call is normal.
    await expect(whoami()).resolves.toBeDefined();
  });

  it("applies a fault only to its action, as many times as asked", async () => {
    sts.inject({ action: "GetSessionToken", kind: "500", times: 2 });
    await expect(whoami()).resolves.toBeDefined();
    const gst = () => stsClient(sts, alice).send(new GetSessionTokenCommand({}));
    expect((await awsError(gst())).code).toBe("InternalFailure");
    expect((await awsError(gst())).code).toBe("InternalFailure");
    await expect(gst()).resolves.toBeDefined();
    expect(sts.calls("GetSessionToken")).toBe(3);
    expect(sts.calls()).toBe(4);
    sts.resetCalls();
    expect(sts.calls()).toBe(0);
  });

  it("holds a slow answer for delayMs", async () => {
    // Wide margins: the contrast must survive a loaded CI machine.
    sts.inject({ kind: "slow", delayMs: 2000 });
    const started = Date.now();
    await whoami();
    expect(Date.now() - started).toBeGreaterThanOrEqual(1950);
    const quick = Date.now();
    await whoami();
    expect(Date.now() - quick).toBeLessThan(1500);
  });

  it("drops the connection without an answer", async () => {
    sts.inject({ kind: "drop" });
    const err = await awsError(whoami());
    expect(err.status).toBeUndefined();
    expect(err.message).toMatch(/socket hang up|ECONNRESET/);
    expect(sts.log[0]).toMatchObject({ action: "GetCallerIdentity", ok: false, code: "drop" });
    await expect(whoami()).resolves.toBeDefined();
  });

  it("closes promptly while a slow answer is pending", async () => {
    sts.inject({ kind: "slow", delayMs: 20_000 });
    const pending = whoami().catch(() => "failed");
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    await sts.close();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await pending).toBeDefined();
  });
});
