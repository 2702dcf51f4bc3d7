import { describe, expect, it } from "vitest";
import { sourceCredentials } from "../../src/engine/sourceCredentials.js";
import { plan } from "../../src/plan/plan.js";
import { configFrom } from "../support/configFixture.js";

const config = configFrom("[profile temp]\n", "[temp]\naws_access_key_id = ASIATEMP\naws_secret_access_key = temp-secret\naws_session_token = temp-token\n");
const noSecrets = async () => ({ get: async () => null, backend: "none" });

describe("sourceCredentials", () => {
  it("signs with the keys on the StaticKeys step: the engine is given no config", async () => {
    const [step] = plan(config, "temp", { want: "any", env: {}, defaultSessionName: "stsctl-test" }).steps;
    expect(step?.kind).toBe("StaticKeys");
    await expect(sourceCredentials(step as Extract<typeof step, { kind: "StaticKeys" }>, { env: {}, secrets: noSecrets })).resolves.toEqual({
      accessKeyId: "ASIATEMP",
      secretAccessKey: "temp-secret",
      sessionToken: "temp-token",
    });
  });
});
