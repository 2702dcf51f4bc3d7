import { configPaths, type PathBase } from "../config/paths.js";
import { loadConfig, type LoadedConfig } from "../config/load.js";

/** The user's shared config and credentials files, found from the caller's environment, home and directory. */
export function loadUserConfig(ctx: PathBase): LoadedConfig {
  return loadConfig(configPaths(ctx));
}
