import path from "node:path";

/**
 * Where stsctl keeps its cache: STSCTL_CACHE_DIR, else $XDG_CACHE_HOME/stsctl,
 * else the platform's per-user cache directory (~/.cache/stsctl,
 * ~/Library/Caches/stsctl on macOS, %LOCALAPPDATA%\stsctl on Windows).
 */
export function cacheDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, homedir: string): string {
  const p = platform === "win32" ? path.win32 : path.posix;
  if (env.STSCTL_CACHE_DIR) return env.STSCTL_CACHE_DIR;
  // The XDG spec says relative values are invalid and must be ignored.
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && p.isAbsolute(xdg)) return p.join(xdg, "stsctl");
  if (platform === "win32") return p.join(env.LOCALAPPDATA || p.join(homedir, "AppData", "Local"), "stsctl");
  if (platform === "darwin") return p.join(homedir, "Library", "Caches", "stsctl");
  return p.join(homedir, ".cache", "stsctl");
}

/** What lives where under the cache directory. */
export function storePaths(dir: string) {
  return {
    /** One directory per backend: entries sealed under different keys never mix. */
    sessions: (backend: "keychain" | "file") => path.join(dir, "sessions", backend),
    locks: path.join(dir, "locks"),
    /** Salt and passphrase verifier of the file vault (no secret). */
    vaultSalt: path.join(dir, "vault.salt"),
    /** Named secrets of the file backend, sealed. */
    vault: path.join(dir, "vault.secrets"),
  };
}
