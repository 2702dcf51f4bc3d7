import { isAbsolute, join, resolve } from "node:path";

/**
 * The most stsctl reads of a shared config or credentials file. Organisations
 * that generate their config reach ~5 MB at 50,000 profiles; 16 MiB leaves
 * room for that and stops a device or a runaway file before it costs much memory.
 */
export const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

export interface ConfigPaths {
  /** Absolute, like credentialsFile. */
  configFile: string;
  credentialsFile: string;
  /** True when the path came from the environment (messages name the variable; a missing file is still an empty one). */
  configFromEnv: boolean;
  credentialsFromEnv: boolean;
  /** The home directory displayPath shortens to `~` in messages (none: paths shown as they are). */
  home?: string;
}

/** The caller's edges paths depend on (a Ctx will do): cwd is read only for a relative path. */
export interface PathBase {
  env: NodeJS.ProcessEnv;
  home: string;
  cwd: string;
}

/** The one place that knows where the shared AWS files live (AWS CLI User Guide, "Configuration and credential file settings"). */
export function configPaths(base: PathBase): ConfigPaths {
  const { env, home } = base;
  return {
    configFile: env.AWS_CONFIG_FILE ? awsFilePath(base, env.AWS_CONFIG_FILE) : join(home, ".aws", "config"),
    credentialsFile: env.AWS_SHARED_CREDENTIALS_FILE ? awsFilePath(base, env.AWS_SHARED_CREDENTIALS_FILE) : join(home, ".aws", "credentials"),
    configFromEnv: Boolean(env.AWS_CONFIG_FILE),
    credentialsFromEnv: Boolean(env.AWS_SHARED_CREDENTIALS_FILE),
    home,
  };
}

/**
 * A path from the environment, absolute against the caller's directory rather
 * than this process's (the key agent answers for callers elsewhere). The
 * directory is not even read for an absolute path.
 */
export function fromCwd(base: Pick<PathBase, "cwd">, path: string): string {
  return isAbsolute(path) ? path : resolve(base.cwd, path);
}

/**
 * AWS_CONFIG_FILE or AWS_SHARED_CREDENTIALS_FILE as botocore reads it: a leading
 * `~` or `~/` is the caller's home (`os.path.expanduser`; `~user` stays as
 * written), then relative paths are against the caller's directory.
 */
export function awsFilePath(base: PathBase, path: string): string {
  return path === "~" || path.startsWith("~/") ? join(base.home, path.slice(1)) : fromCwd(base, path);
}

/** `~/x` for display: shorter, and does not leak the full home path into shared logs. */
export function displayPath(path: string, home: string | undefined): string {
  return home && path.startsWith(home + "/") ? "~" + path.slice(home.length) : path;
}
