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

/**
 * Where stsctl keeps what it cannot rebuild (the file vault's keys and seeds):
 * STSCTL_DATA_DIR, else $XDG_DATA_HOME/stsctl, else ~/.local/share/stsctl
 * (~/Library/Application Support/stsctl on macOS, %APPDATA%\stsctl on Windows).
 */
export function dataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, homedir: string): string {
  const p = platform === "win32" ? path.win32 : path.posix;
  if (env.STSCTL_DATA_DIR) return env.STSCTL_DATA_DIR;
  const xdg = env.XDG_DATA_HOME;
  if (xdg && p.isAbsolute(xdg)) return p.join(xdg, "stsctl");
  if (platform === "win32") return p.join(env.APPDATA || p.join(homedir, "AppData", "Roaming"), "stsctl");
  if (platform === "darwin") return p.join(homedir, "Library", "Application Support", "stsctl");
  return p.join(homedir, ".local", "share", "stsctl");
}

/** What lives where: sessions and locks in the cache; the file vault with the data. */
export function storePaths(cache: string, data: string = cache) {
  return {
    /** One directory per backend: entries sealed under different keys never mix. */
    sessions: (backend: "keychain" | "file") => path.join(cache, "sessions", backend),
    locks: path.join(cache, "locks"),
    /** The check value of the keychain backend's data key (store/keyCheck.ts). */
    keyCheck: path.join(cache, "sessions", "keychain.check"),
    /** Salt and passphrase verifier of the file vault (no secret). */
    vaultSalt: path.join(data, "vault.salt"),
    /** Named secrets of the file backend (long-term keys, TOTP seeds), sealed. */
    vault: path.join(data, "vault.secrets"),
  };
}
