import { configPaths } from "../config/paths.js";
import { loadConfig, type LoadedConfig } from "../config/load.js";

export function loadUserConfig(env: NodeJS.ProcessEnv): LoadedConfig {
  return loadConfig(configPaths(env));
}
