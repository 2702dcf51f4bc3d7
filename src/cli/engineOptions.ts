import type { EngineOptions } from "../app/createEngine.js";

/** Commander's --no-cache and --token-code → EngineOptions; planOptions has already checked the code's shape. */
export function engineOptions(opts: Record<string, unknown>): EngineOptions {
  return {
    ...(opts.cache === false ? { noCache: true } : {}),
    ...(typeof opts.tokenCode === "string" ? { tokenCode: opts.tokenCode.trim() } : {}),
  };
}
