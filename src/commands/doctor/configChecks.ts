import { existsSync } from "node:fs";
import type { Ctx } from "../../app/ctx.js";
import { loadUserConfig } from "../../app/loadUserConfig.js";
import { defaultSessionName } from "../../cli/planOptions.js";
import { profileNames } from "../../config/getProfile.js";
import type { LoadedConfig } from "../../config/load.js";
import { configPaths, displayPath } from "../../config/paths.js";
import { ExitCode } from "../../errors.js";
import { plan } from "../../plan/plan.js";
import { type Check, failFrom, ok, warn } from "./check.js";

/** The shared config and credentials files: found (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE) and parsed. */
export function configFileChecks(ctx: Ctx): { checks: Check[]; config?: LoadedConfig } {
  const paths = configPaths(ctx);
  let config: LoadedConfig;
  try {
    config = loadUserConfig(ctx);
  } catch (e) {
    return { checks: [failFrom("config files", e, ExitCode.config)] };
  }
  const files = [
    { what: "config file", path: paths.configFile, variable: paths.configFromEnv ? "AWS_CONFIG_FILE" : "", count: countIn(config, "inConfig") },
    {
      what: "credentials file",
      path: paths.credentialsFile,
      variable: paths.credentialsFromEnv ? "AWS_SHARED_CREDENTIALS_FILE" : "",
      count: countIn(config, "inCredentials"),
    },
  ].map((f) => ({ ...f, shown: displayPath(f.path, ctx.home), found: existsSync(f.path) }));
  if (!files.some((f) => f.found)) {
    const [cfg, cred] = files as [(typeof files)[0], (typeof files)[0]];
    return {
      checks: [
        warn(
          "config files",
          `neither ${cfg.shown} nor ${cred.shown} exists: no profiles`,
          `create ${cfg.shown} with your profiles (see the README), or set AWS_CONFIG_FILE`,
        ),
      ],
      config,
    };
  }
  const checks = files.map((f) => {
    const from = f.variable ? ` (from ${f.variable})` : "";
    return ok(f.what, f.found ? `${f.shown}${from}: ${f.count} profile${f.count === 1 ? "" : "s"}` : `${f.shown}${from}: not present`);
  });
  return { checks, config };
}

const countIn = (config: LoadedConfig, key: "inConfig" | "inCredentials") => [...config.profiles.values()].filter((p) => p[key]).length;

/**
 * Every profile planned as `stsctl assume` would: loops, missing source profiles,
 * bad values and durations out of range surface as the planner's own errors.
 * A profile with settings only ([default] with a region) is no problem.
 */
export function profileChecks(ctx: Ctx, config: LoadedConfig): Check[] {
  const names = profileNames(config);
  const checks: Check[] = [];
  let planned = 0;
  let settingsOnly = 0;
  for (const name of names) {
    try {
      plan(config, name, { want: "session", env: ctx.env, defaultSessionName: defaultSessionName(ctx.env) });
      planned++;
    } catch (e) {
      if ((e as Error).message === `profile "${name}" has no credentials`) settingsOnly++;
      else checks.push(failFrom(`profile ${name}`, e, ExitCode.config));
    }
  }
  if (checks.length === 0) {
    const extra = settingsOnly ? `, ${settingsOnly} with settings only` : "";
    checks.push(ok("profiles", names.length === 0 ? "no profiles to check" : `${names.length} checked: ${planned} plan cleanly${extra}`));
  }
  return checks;
}
