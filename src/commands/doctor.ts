import type { Ctx } from "../app/ctx.js";
import { ExitCode } from "../errors.js";
import { keyringMode, type KeyringMode } from "../store/keyringMode.js";
import { type Check, exitCodeOf, failFrom } from "./doctor/check.js";
import { configFileChecks, profileChecks } from "./doctor/configChecks.js";
import { credentialProcessChecks } from "./doctor/credentialProcessChecks.js";
import { checksJson, renderChecks } from "./doctor/renderChecks.js";
import { shellCheck } from "./doctor/shellCheck.js";
import { agentCheck, keychainCheck } from "./doctor/storeChecks.js";
import { stsChecks } from "./doctor/stsChecks.js";

/**
 * stsctl doctor [--json]: everything a working setup needs, one line each, on
 * stdout; a fix under each warning and failure. Exit 0 unless a check failed,
 * else the exit code of the first failure's area (src/errors.ts). Reads, and
 * changes nothing but what a first use would make (the cache directory, the keychain's data key).
 */
export default async function doctor(ctx: Ctx, _args: unknown[], opts: Record<string, unknown>): Promise<number> {
  const json = opts.json === true;
  const checks: Check[] = [];
  const { checks: files, config } = configFileChecks(ctx);
  checks.push(...files);
  if (config) {
    checks.push(...(await guarded("profiles", () => profileChecks(ctx, config))));
    checks.push(...(await guarded("credential_process", () => credentialProcessChecks(ctx, config))));
  }
  let mode: KeyringMode | undefined;
  try {
    mode = keyringMode(ctx.env);
  } catch (e) {
    checks.push(failFrom("keychain", e, ExitCode.config));
  }
  if (mode) {
    const m = mode;
    checks.push(...(await guarded("keychain", async () => [await keychainCheck(ctx, m), await agentCheck(ctx, m)])));
  }
  checks.push(...(await guarded("STS endpoint", () => stsChecks(ctx, config, opts))));
  checks.push(...(await guarded("shell function", () => [shellCheck(ctx)])));

  ctx.out(json ? checksJson(checks) : renderChecks(checks));
  const failed = checks.filter((c) => c.status === "fail").length;
  const warned = checks.filter((c) => c.status === "warn").length;
  if (!json) {
    const summary = failed ? `${failed} check${failed === 1 ? "" : "s"} failed` : "no check failed";
    ctx.log.info(`${summary}${warned ? `, ${warned} warning${warned === 1 ? "" : "s"}` : ""}`);
  }
  return exitCodeOf(checks);
}

/** One check that breaks (a bug, an odd file) is one failed line, not the end of the report. */
async function guarded(what: string, run: () => Check[] | Promise<Check[]>): Promise<Check[]> {
  try {
    return await run();
  } catch (e) {
    return [failFrom(what, e, ExitCode.internal)];
  }
}
