import { loadConfig, type LoadedConfig } from "../../src/config/load.js";

/** An in-memory pair of shared config files, read by the real loader. */
export function configFrom(config: string, credentials = ""): LoadedConfig {
  const files: Record<string, string> = { "/h/.aws/config": config, "/h/.aws/credentials": credentials };
  return loadConfig({ configFile: "/h/.aws/config", credentialsFile: "/h/.aws/credentials", configFromEnv: false, credentialsFromEnv: false }, (p) => files[p]);
}
