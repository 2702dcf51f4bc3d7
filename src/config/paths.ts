import { homedir as osHomedir } from "node:os";
import { join } from "node:path";

/**
 * The most stsctl reads of a shared config or credentials file. Organisations
 * that generate their config reach ~5 MB at 50,000 profiles; 16 MiB leaves
 * room for that and stops a device or a runaway file before it costs much memory.
 */
export const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

export interface ConfigPaths {
  configFile: string;
  credentialsFile: string;
  /** True when the path came from the environment: a missing file is then an error, not "no config yet". */
  configFromEnv: boolean;
  credentialsFromEnv: boolean;
}

/** The one place that knows where the shared AWS files live (STS-FACTS: "Shared config"). */
export function configPaths(env: NodeJS.ProcessEnv, homedir: () => string = osHomedir): ConfigPaths {
  const home = () => env.HOME || homedir();
  return {
    configFile: env.AWS_CONFIG_FILE || join(home(), ".aws", "config"),
    credentialsFile: env.AWS_SHARED_CREDENTIALS_FILE || join(home(), ".aws", "credentials"),
    configFromEnv: Boolean(env.AWS_CONFIG_FILE),
    credentialsFromEnv: Boolean(env.AWS_SHARED_CREDENTIALS_FILE),
  };
}

/** `~/x` for display: shorter, and does not leak the full home path into shared logs. */
export function displayPath(path: string, env: NodeJS.ProcessEnv = process.env): string {
  const home = env.HOME || osHomedir();
  return home && path.startsWith(home + "/") ? "~" + path.slice(home.length) : path;
}
