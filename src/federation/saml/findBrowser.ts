import path from "node:path";
import { FederationError } from "../../errors.js";

/** Where Chrome, Chromium and Edge install themselves, most likely first. stsctl never downloads a browser. */
export function browserCandidates(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): string[] {
  if (platform === "darwin") {
    const apps = ["Google Chrome.app/Contents/MacOS/Google Chrome", "Chromium.app/Contents/MacOS/Chromium", "Microsoft Edge.app/Contents/MacOS/Microsoft Edge"];
    return [...apps.map((a) => path.posix.join("/Applications", a)), ...apps.map((a) => path.posix.join(home, "Applications", a))];
  }
  if (platform === "win32") {
    const roots = [env.ProgramFiles, env["ProgramFiles(x86)"], env.LOCALAPPDATA].filter((r): r is string => Boolean(r));
    const exes = ["Google\\Chrome\\Application\\chrome.exe", "Microsoft\\Edge\\Application\\msedge.exe", "Chromium\\Application\\chrome.exe"];
    return exes.flatMap((e) => roots.map((r) => path.win32.join(r, e)));
  }
  return [
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
    "/usr/bin/google-chrome-stable",
    "/usr/bin/microsoft-edge",
    "/usr/bin/microsoft-edge-stable",
    "/snap/bin/chromium",
  ];
}

/** The browser to drive: the one configured (saml_browser / --browser-path), else the first installed. */
export function findBrowser(opts: {
  configured?: { path: string; from: string };
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  home: string;
  exists: (p: string) => boolean;
}): string {
  if (opts.configured) {
    if (opts.exists(opts.configured.path)) return opts.configured.path;
    throw new FederationError(`the browser ${opts.configured.path} (from ${opts.configured.from}) does not exist`, {
      hint: "point saml_browser or --browser-path at a Chrome, Chromium or Edge executable",
    });
  }
  const found = browserCandidates(opts.platform, opts.env, opts.home).find(opts.exists);
  if (found) return found;
  throw new FederationError("no Chrome, Chromium or Edge found for the SAML sign-in", {
    hint: "install one, point saml_browser or --browser-path at its executable, or pass the SAMLResponse with --assertion-file",
  });
}
