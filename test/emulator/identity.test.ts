import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSts, type StsEmulator } from "../support/sts/index.js";
import { stsClient } from "./client.js";

let sts: StsEmulator;
beforeAll(async () => {
  sts = await startSts();
});
afterAll(() => sts.close());

describe("GetCallerIdentity", () => {
  it("identifies an IAM user by its long-term keys", async () => {
    const alice = sts.addUser({ name: "alice" });
    expect(alice.accessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(alice.secretAccessKey).toHaveLength(40);
    const out = await stsClient(sts, alice).send(new GetCallerIdentityCommand({}));
    expect(out.Arn).toBe("arn:aws:iam::123456789012:user/alice");
    expect(out.Account).toBe("123456789012");
    expect(out.UserId).toBe(alice.userId);
    expect(out.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);
    expect(sts.calls("GetCallerIdentity")).toBe(1);
  });

  it("identifies the root user with the account id as UserId", async () => {
    const root = sts.addUser({ name: "root", root: true, accountId: "210987654321" });
    const out = await stsClient(sts, root).send(new GetCallerIdentityCommand({}));
    expect(out).toMatchObject({ Arn: "arn:aws:iam::210987654321:root", UserId: "210987654321", Account: "210987654321" });
  });
});
