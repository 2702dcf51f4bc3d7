// The trust-policy evaluator on its own: the part SAML and OIDC actions reuse
// with their own principals and context keys.
import { describe, expect, it } from "vitest";
import { evaluateTrust, type PrincipalRef, type TrustStatement } from "../support/sts/trust.js";

const alice: PrincipalRef = { type: "AWS", accountId: "123456789012", arns: ["arn:aws:iam::123456789012:user/alice"] };
const GITHUB = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
const github: PrincipalRef = { type: "Federated", provider: GITHUB };

const allow = (s: Partial<TrustStatement>): TrustStatement[] => [{ Principal: "*", Action: "sts:AssumeRole", ...s }];
const can = (statements: TrustStatement[], principal: PrincipalRef, context: Record<string, string | string[] | undefined> = {}, action = "sts:AssumeRole") =>
  evaluateTrust(statements, { action, principal, context });

describe("trust policy evaluation", () => {
  it("matches federated principals by provider ARN and OIDC claims with StringEquals / StringLike", () => {
    const policy = allow({
      Principal: { Federated: GITHUB },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: {
        StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
        StringLike: { "token.actions.githubusercontent.com:sub": ["repo:acme/*:ref:refs/heads/main", "repo:acme/tool?:*"] },
      },
    });
    const ctx = (sub: string, aud = "sts.amazonaws.com") => ({
      "token.actions.githubusercontent.com:aud": aud,
      "token.actions.githubusercontent.com:sub": sub,
    });
    const act = "sts:AssumeRoleWithWebIdentity";
    expect(can(policy, github, ctx("repo:acme/api:ref:refs/heads/main"), act)).toBe(true);
    expect(can(policy, github, ctx("repo:acme/tool1:pull_request"), act)).toBe(true);
    expect(can(policy, github, ctx("repo:acme/tool12:pull_request"), act)).toBe(false);
    expect(can(policy, github, ctx("repo:evil/api:ref:refs/heads/main"), act)).toBe(false);
    expect(can(policy, github, ctx("repo:acme/api:ref:refs/heads/main", "other"), act)).toBe(false);
    expect(can(policy, github, ctx("repo:acme/api:ref:refs/heads/main"), "sts:AssumeRole")).toBe(false);
    expect(can(policy, alice, ctx("repo:acme/api:ref:refs/heads/main"), act)).toBe(false);
  });

  it("compares condition keys case-insensitively and values exactly", () => {
    const policy = allow({ Condition: { StringEquals: { "SAML:aud": "https://signin.aws.amazon.com/saml" } } });
    expect(can(policy, alice, { "saml:aud": "https://signin.aws.amazon.com/saml" })).toBe(true);
    expect(can(policy, alice, { "SAML:aud": "HTTPS://signin.aws.amazon.com/saml" })).toBe(false);
  });

  it("treats missing keys as IAM does: positive operators fail, negated and IfExists hold", () => {
    expect(can(allow({ Condition: { StringEquals: { "sts:ExternalId": "x1" } } }), alice)).toBe(false);
    expect(can(allow({ Condition: { StringNotEquals: { "sts:ExternalId": "x1" } } }), alice)).toBe(true);
    expect(can(allow({ Condition: { StringEqualsIfExists: { "sts:ExternalId": "x1" } } }), alice)).toBe(true);
    expect(can(allow({ Condition: { Null: { "sts:ExternalId": "true" } } }), alice)).toBe(true);
    expect(can(allow({ Condition: { Null: { "sts:ExternalId": "false" } } }), alice, { "sts:ExternalId": "x1" })).toBe(true);
  });

  it("lets an explicit Deny win, and needs every operator and key to hold", () => {
    const policy: TrustStatement[] = [
      { Principal: { AWS: "123456789012" }, Action: "sts:*" },
      { Effect: "Deny", Principal: "*", Action: "sts:AssumeRole", Condition: { StringLike: { "sts:RoleSessionName": "temp-*" } } },
    ];
    expect(can(policy, alice, { "sts:RoleSessionName": "alice" })).toBe(true);
    expect(can(policy, alice, { "sts:RoleSessionName": "temp-1" })).toBe(false);
    const both = allow({ Condition: { StringEquals: { "sts:ExternalId": "e1" }, Bool: { "aws:MultiFactorAuthPresent": "true" } } });
    expect(can(both, alice, { "sts:ExternalId": "e1", "aws:MultiFactorAuthPresent": "true" })).toBe(true);
    expect(can(both, alice, { "sts:ExternalId": "e1", "aws:MultiFactorAuthPresent": "false" })).toBe(false);
  });

  it("handles multi-valued context keys with ForAnyValue / ForAllValues", () => {
    const any = allow({ Condition: { "ForAnyValue:StringEquals": { "aws:TagKeys": ["team"] } } });
    const all = allow({ Condition: { "ForAllValues:StringLike": { "aws:TagKeys": ["team", "cost*"] } } });
    expect(can(any, alice, { "aws:TagKeys": ["x", "team"] })).toBe(true);
    expect(can(any, alice, { "aws:TagKeys": ["x"] })).toBe(false);
    expect(can(all, alice, { "aws:TagKeys": ["team", "costcenter"] })).toBe(true);
    expect(can(all, alice, { "aws:TagKeys": ["team", "owner"] })).toBe(false);
  });

  it("refuses to guess at an operator it does not know", () => {
    expect(() => can(allow({ Condition: { StringSortOf: { k: "v" } } }), alice, { k: "v" })).toThrow(/unsupported condition operator StringSortOf/);
  });
});
