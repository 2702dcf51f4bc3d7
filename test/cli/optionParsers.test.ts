import { describe, expect, it } from "vitest";
import { engineOptions } from "../../src/cli/engineOptions.js";
import { outputOptions, writeFlag } from "../../src/cli/outputOptions.js";
import { profileName } from "../../src/cli/profileName.js";
import { samlOverrides } from "../../src/cli/samlOverrides.js";
import { UsageError } from "../../src/errors.js";

// Commander's option bags become typed inputs here, at the command's edge; below it
// nothing reads a bag (createEngine, emitSession, the SAML hook take these types).

describe("outputOptions", () => {
  it("reads the output flags as commander gives them", () => {
    expect(outputOptions({})).toEqual({ export: false, json: false, force: false });
    expect(outputOptions({ export: true, shell: "fish", write: true, force: true })).toEqual({
      export: true,
      shell: "fish",
      json: false,
      write: true,
      force: true,
    });
    expect(outputOptions({ json: true, write: "ci-section" })).toEqual({ export: false, json: true, write: "ci-section", force: false });
  });

  it("--write: absent, bare or named", () => {
    expect(writeFlag(undefined)).toBeUndefined();
    expect(writeFlag(false)).toBeUndefined();
    expect(writeFlag(true)).toBe(true);
    expect(writeFlag("name")).toBe("name");
  });
});

describe("engineOptions", () => {
  it("--no-cache and a trimmed --token-code; other flags are not the engine's", () => {
    expect(engineOptions({ region: "eu-west-1", debug: true })).toEqual({});
    expect(engineOptions({ cache: false, tokenCode: " 123456 " })).toEqual({ noCache: true, tokenCode: "123456" });
    // commander's default for --no-cache
    expect(engineOptions({ cache: true })).toEqual({});
  });
});

describe("samlOverrides", () => {
  it("reads the saml source flags once, checking them", () => {
    expect(samlOverrides({})).toEqual({});
    expect(samlOverrides({ assertionFile: "-", browserPath: "/usr/bin/chromium", timeout: "10m", browserProfile: false })).toEqual({
      assertionFile: "-",
      browserPath: "/usr/bin/chromium",
      timeoutMs: 600_000,
      browserProfile: false,
    });
    expect(samlOverrides({ browserProfile: true })).toEqual({});
    expect(() => samlOverrides({ assertionFile: "" })).toThrow(UsageError);
    expect(() => samlOverrides({ timeout: "2h" })).toThrow("--timeout 2h is outside 1s..1h");
  });
});

describe("profileName", () => {
  it("argument, --profile, AWS_PROFILE, then default", () => {
    expect(profileName("a", { profile: "b" }, { AWS_PROFILE: "c" })).toBe("a");
    expect(profileName(undefined, { profile: "b" }, { AWS_PROFILE: "c" })).toBe("b");
    expect(profileName("", {}, { AWS_PROFILE: "c" })).toBe("c");
    expect(profileName(undefined, {}, {})).toBe("default");
  });
});
