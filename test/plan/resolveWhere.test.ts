import { describe, expect, it } from "vitest";
import { getProfile } from "../../src/config/getProfile.js";
import { ConfigError, UsageError } from "../../src/errors.js";
import { regionToExport, resolveWhere, type WhereInput } from "../../src/plan/resolveWhere.js";
import { configFrom } from "../support/configFixture.js";

const config = configFrom(
  [
    "[profile eu]",
    "region = eu-west-1",
    "sts_regional_endpoints = legacy",
    "[profile zurich]",
    "region = eu-central-2",
    "sts_regional_endpoints = legacy",
    "[profile own]",
    "endpoint_url = http://own.example",
    "[profile bare]",
    "output = json",
  ].join("\n"),
);
const profile = (name: string) => getProfile(config, name);
const where = (input: WhereInput) => {
  const reasons: string[] = [];
  return { ...resolveWhere(input, reasons), reasons };
};

describe("resolveWhere: the region", () => {
  it("takes --region, then the profile's, then AWS_REGION, then AWS_DEFAULT_REGION", () => {
    const env = { AWS_REGION: "eu-north-1", AWS_DEFAULT_REGION: "us-west-2" };
    expect(where({ region: "ap-south-1", env, profile: profile("eu") }).reasons[0]).toBe("region ap-south-1: from --region");
    expect(where({ env, profile: profile("eu") }).reasons[0]).toBe('region eu-west-1: from profile "eu"');
    expect(where({ env, profile: profile("bare") }).reasons[0]).toBe("region eu-north-1: from AWS_REGION");
    expect(where({ env: { AWS_DEFAULT_REGION: "us-west-2" } }).reasons[0]).toBe("region us-west-2: from AWS_DEFAULT_REGION");
  });

  it("names the sources it looked at when it falls back to us-east-1", () => {
    expect(where({ env: {}, profile: profile("bare") })).toEqual({
      region: "us-east-1",
      regionDefaulted: true,
      reasons: ["region us-east-1: the default (no --region, profile region, AWS_REGION or AWS_DEFAULT_REGION), so not exported"],
    });
    expect(where({ env: {} }).reasons).toEqual(["region us-east-1: the default (no --region, AWS_REGION or AWS_DEFAULT_REGION), so not exported"]);
  });

  it("marks only the us-east-1 fallback as defaulted, and exports no region for it", () => {
    expect(regionToExport(resolveWhere({ env: {}, profile: profile("bare") }, []))).toBeUndefined();
    const chosen = resolveWhere({ env: { AWS_DEFAULT_REGION: "us-east-1" }, profile: profile("bare") }, []);
    expect(chosen).not.toHaveProperty("regionDefaulted");
    expect(regionToExport(chosen)).toBe("us-east-1");
    expect(regionToExport(resolveWhere({ env: {}, profile: profile("eu") }, []))).toBe("eu-west-1");
  });

  it("checks the chosen region: a flag as a usage error, the environment as a configuration error", () => {
    expect(() => where({ region: "eu west 1", env: {} })).toThrow(UsageError);
    let err: unknown;
    try {
      where({ env: { AWS_REGION: "eu west 1" } });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect(err).not.toBeInstanceOf(UsageError);
    expect((err as ConfigError).message).toContain("AWS_REGION");
  });
});

describe("resolveWhere: the STS endpoint", () => {
  it("takes --endpoint-url, AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, then the profile's endpoint_url", () => {
    const own = profile("own");
    const all = { AWS_ENDPOINT_URL_STS: "http://b", AWS_ENDPOINT_URL: "http://c" };
    expect(where({ endpointUrl: "http://a", env: all, profile: own }).endpoint).toBe("http://a");
    expect(where({ env: all, profile: own }).endpoint).toBe("http://b");
    expect(where({ env: { AWS_ENDPOINT_URL: "http://c" }, profile: own }).endpoint).toBe("http://c");
    expect(where({ env: {}, profile: own })).toEqual({
      region: "us-east-1",
      regionDefaulted: true,
      endpoint: "http://own.example",
      reasons: [expect.stringMatching(/^region us-east-1/), 'STS endpoint http://own.example: from endpoint_url of profile "own"'],
    });
  });

  it("leaves the endpoint out when nothing sets one: the region's own endpoint", () => {
    expect(where({ env: {}, profile: profile("bare") })).not.toHaveProperty("endpoint");
    expect(where({ env: {} })).not.toHaveProperty("endpoint");
  });

  it("takes the global endpoint for sts_regional_endpoints = legacy in the legacy regions, from the profile or the environment", () => {
    expect(where({ env: {}, profile: profile("eu") })).toMatchObject({ endpoint: "https://sts.amazonaws.com" });
    expect(where({ env: {}, profile: profile("eu") }).reasons.at(-1)).toBe(
      "STS endpoint https://sts.amazonaws.com: sts_regional_endpoints = legacy (the global endpoint, for this region)",
    );
    expect(where({ env: {}, profile: profile("zurich") })).not.toHaveProperty("endpoint");
    expect(where({ env: { AWS_STS_REGIONAL_ENDPOINTS: "regional" }, profile: profile("eu") })).not.toHaveProperty("endpoint");
    expect(where({ env: { AWS_STS_REGIONAL_ENDPOINTS: "legacy" }, profile: profile("bare") })).toMatchObject({ endpoint: "https://sts.amazonaws.com" });
  });

  it("keeps plans without a profile on the regional endpoint, as they always were", () => {
    expect(where({ env: { AWS_STS_REGIONAL_ENDPOINTS: "legacy", AWS_REGION: "eu-west-1" } })).not.toHaveProperty("endpoint");
  });
});
