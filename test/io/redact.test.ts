import { describe, expect, it } from "vitest";
import { forgetSecrets, redact, registerSecret } from "../../src/io/redact.js";

describe("redact", () => {
  it.each([
    ["SessionToken=abcdefgh123", "SessionToken=****"],
    ['{"SecretAccessKey":"wJalrXUtnFEMI"}', '{"SecretAccessKey":"****"}'],
    ["aws_session_token = IQoJb3JpZ2lu", "aws_session_token = ****"],
    ["export AWS_SECRET_ACCESS_KEY='abc/def+ghi'", "export AWS_SECRET_ACCESS_KEY='****'"],
    ["token eyJhbGciOiJSUzI1.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXBhcnQ", "token ****"],
  ])("hides %s", (input, output) => expect(redact(input)).toBe(output));

  it("keeps AWS error codes after action names that contain a secret's name", () => {
    expect(redact("GetSessionToken: AccessDenied: MultiFactorAuthentication failed")).toBe("GetSessionToken: AccessDenied: MultiFactorAuthentication failed");
  });

  it("forgets every registered secret on request (the key agent keeps none between answers)", () => {
    registerSecret("forget-me-value-123");
    expect(redact("x forget-me-value-123")).toBe("x ****");
    forgetSecrets();
    expect(redact("x forget-me-value-123")).toBe("x forget-me-value-123");
  });

  it("hides registered secrets wherever they appear", () => {
    registerSecret("s3cr3t-value-xyz");
    expect(redact("oops: s3cr3t-value-xyz in a message")).toBe("oops: **** in a message");
  });
});
