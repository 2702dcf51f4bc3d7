import { UsageError } from "../errors.js";
import { parseDuration } from "../plan/durations.js";
import type { SamlOverrides } from "../federation/saml/samlAssertionHook.js";

/** The saml command's source flags, checked before anything runs: --assertion-file, --browser-path, --timeout, --no-browser-profile. */
export function samlOverrides(opts: Record<string, unknown>): SamlOverrides {
  const out: SamlOverrides = {};
  if (typeof opts.assertionFile === "string") {
    if (!opts.assertionFile) throw new UsageError("--assertion-file needs a path, or - for stdin", { hint: "e.g. --assertion-file saml.txt" });
    out.assertionFile = opts.assertionFile;
  }
  if (typeof opts.browserPath === "string") out.browserPath = opts.browserPath;
  if (typeof opts.timeout === "string") {
    const seconds = parseDuration(opts.timeout);
    if (seconds < 1 || seconds > 3600) throw new UsageError(`--timeout ${opts.timeout} is outside 1s..1h`, { hint: "e.g. --timeout 10m" });
    out.timeoutMs = seconds * 1000;
  }
  if (opts.browserProfile === false) out.browserProfile = false;
  return out;
}
