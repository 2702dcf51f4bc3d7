import { describe, expect, it } from "vitest";
import { chooseRole } from "../../src/federation/saml/chooseRole.js";
import { samlDuration } from "../../src/federation/saml/samlDuration.js";
import { parseRoleValue, type SamlRole } from "../../src/federation/saml/samlRoles.js";
import { FederationError } from "../../src/errors.js";

const role = (v: string) => parseRoleValue(v)!;
const DEV = role("arn:aws:iam::123456789012:role/Dev,arn:aws:iam::123456789012:saml-provider/Okta");
const DEV_VIA_ADFS = role("arn:aws:iam::123456789012:saml-provider/ADFS,arn:aws:iam::123456789012:role/Dev");
const OPS = role("arn:aws:iam::210987654321:role/team/Ops,arn:aws:iam::210987654321:saml-provider/Okta");

async function refusal(p: Promise<unknown>): Promise<FederationError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(FederationError);
  return e as FederationError;
}

describe("parseRoleValue", () => {
  it("reads both orders, GovCloud and China partitions, and role paths", () => {
    expect(DEV_VIA_ADFS).toEqual({
      roleArn: "arn:aws:iam::123456789012:role/Dev",
      principalArn: "arn:aws:iam::123456789012:saml-provider/ADFS",
      accountId: "123456789012",
      roleName: "Dev",
    });
    expect(OPS.roleName).toBe("Ops");
    expect(role(" arn:aws-us-gov:iam::111122223333:role/G , arn:aws-us-gov:iam::111122223333:saml-provider/P ").accountId).toBe("111122223333");
    expect(role("arn:aws-cn:iam::111122223333:saml-provider/P,arn:aws-cn:iam::111122223333:role/C").roleName).toBe("C");
  });
  it.each([
    "arn:aws:iam::123456789012:role/Dev",
    "arn:aws:iam::123456789012:role/A,arn:aws:iam::123456789012:role/B",
    "a,b,c",
    "arn:aws:iam::12345:role/X,arn:aws:iam::12345:saml-provider/P",
  ])("rejects %s", (v) => expect(parseRoleValue(v)).toBeUndefined());
});

describe("chooseRole", () => {
  it("takes the only role without asking", async () => {
    expect(await chooseRole([DEV], { pick: () => Promise.reject(new Error("must not ask")) })).toBe(DEV);
  });

  it("takes --role-arn, and needs --principal-arn only when the role comes through two providers", async () => {
    expect(await chooseRole([DEV, OPS], { roleArn: OPS.roleArn })).toBe(OPS);
    expect(await chooseRole([DEV, DEV_VIA_ADFS, OPS], { roleArn: DEV.roleArn, principalArn: DEV_VIA_ADFS.principalArn })).toBe(DEV_VIA_ADFS);
    const e = await refusal(chooseRole([DEV, DEV_VIA_ADFS], { roleArn: DEV.roleArn }));
    expect(e.message).toBe(`${DEV.roleArn} comes through 2 SAML providers and there is no terminal to choose one`);
    expect(e.hint).toContain(DEV_VIA_ADFS.principalArn);
  });

  it("asks the picker only with several candidates, and only among them", async () => {
    const seen: SamlRole[][] = [];
    const pick = async (r: SamlRole[]) => (seen.push(r), r.at(-1)!);
    expect(await chooseRole([DEV, DEV_VIA_ADFS, OPS], { pick })).toBe(OPS);
    expect(await chooseRole([DEV, DEV_VIA_ADFS, OPS], { roleArn: DEV.roleArn, pick })).toBe(DEV_VIA_ADFS);
    expect(await chooseRole([DEV, DEV_VIA_ADFS, OPS], { principalArn: DEV_VIA_ADFS.principalArn, pick })).toBe(DEV_VIA_ADFS);
    expect(seen).toEqual([
      [DEV, DEV_VIA_ADFS, OPS],
      [DEV, DEV_VIA_ADFS],
    ]);
  });

  it("explains a role that is not granted, and a response that grants none", async () => {
    const e = await refusal(chooseRole([DEV], { roleArn: OPS.roleArn, source: "saml_role_arn of profile corp" }));
    expect(e.message).toBe(`${OPS.roleArn} (from saml_role_arn of profile corp) is not among the roles the SAML response grants`);
    expect(e.hint).toBe(`choose one of: ${DEV.roleArn}`);
    expect((await refusal(chooseRole([], {}))).message).toBe("the SAML response grants no AWS role");
  });
});

describe("samlDuration", () => {
  it("lets SessionDuration decide when nothing was asked, and cap what was", () => {
    expect(samlDuration({ durationSeconds: 3600, durationDefaulted: true }, 28800).seconds).toBe(28800);
    expect(samlDuration({ durationSeconds: 3600, durationDefaulted: true }, undefined).seconds).toBe(3600);
    expect(samlDuration({ durationSeconds: 1800, durationDefaulted: false }, 7200).seconds).toBe(1800);
    const capped = samlDuration({ durationSeconds: 14400, durationDefaulted: false }, 7200);
    expect(capped).toEqual({ seconds: 7200, reason: "duration 2h (asked 4h): capped by the assertion's SessionDuration" });
  });
  it("keeps an out-of-range SessionDuration within what STS accepts", () => {
    expect(samlDuration({ durationSeconds: 3600, durationDefaulted: true }, 60).seconds).toBe(900);
    expect(samlDuration({ durationSeconds: 3600, durationDefaulted: true }, 999999).seconds).toBe(43200);
  });
});
