import { describe, expect, it } from "vitest";
import { isAwsSamlEndpoint } from "../../src/federation/saml/awsSigninUrl.js";
import { browserCandidates, findBrowser } from "../../src/federation/saml/findBrowser.js";
import { FederationError } from "../../src/errors.js";

describe("isAwsSamlEndpoint", () => {
  it.each([
    "https://signin.aws.amazon.com/saml",
    "https://us-east-2.signin.aws.amazon.com/saml",
    "https://signin.amazonaws-us-gov.com/saml",
    "https://signin.amazonaws.cn/saml/",
    "http://signin.aws.amazon.com/saml",
  ])("intercepts %s", (u) => expect(isAwsSamlEndpoint(u)).toBe(true));
  it.each([
    "https://signin.aws.amazon.com/console",
    "https://signin.aws.amazon.com.evil.example/saml",
    "https://evilsignin.aws.amazon.com/saml",
    "https://idp.example.com/saml",
    "not a url",
  ])("leaves %s alone", (u) => expect(isAwsSamlEndpoint(u)).toBe(false));
});

describe("findBrowser", () => {
  const env = { ProgramFiles: "C:\\Program Files", "ProgramFiles(x86)": "C:\\Program Files (x86)", LOCALAPPDATA: "C:\\Users\\a\\AppData\\Local" };
  it("probes Chromium first on Linux, Chrome then Edge on macOS and Windows", () => {
    expect(browserCandidates("linux", {}, "/home/a").slice(0, 3)).toEqual(["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]);
    expect(browserCandidates("darwin", {}, "/Users/a")[0]).toBe("/Applications/Google Chrome.app/Contents/MacOS/Google Chrome");
    expect(browserCandidates("win32", env, "C:\\Users\\a")).toContain("C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe");
  });
  it("uses the configured browser, else the first that exists, else says what to do", () => {
    const has =
      (...paths: string[]) =>
      (p: string) =>
        paths.includes(p);
    expect(findBrowser({ platform: "linux", env: {}, home: "/h", exists: has("/usr/bin/google-chrome", "/usr/bin/chromium-browser") })).toBe(
      "/usr/bin/chromium-browser",
    );
    expect(findBrowser({ configured: { path: "/opt/edge", from: "--browser-path" }, platform: "linux", env: {}, home: "/h", exists: has("/opt/edge") })).toBe(
      "/opt/edge",
    );
    expect(() => findBrowser({ platform: "linux", env: {}, home: "/h", exists: has() })).toThrow(FederationError);
    expect(() =>
      findBrowser({ configured: { path: "/opt/x", from: "saml_browser" }, platform: "linux", env: {}, home: "/h", exists: has("/usr/bin/chromium") }),
    ).toThrow("the browser /opt/x (from saml_browser) does not exist");
  });
});
