import { spawn } from "node:child_process";
import { childEnv } from "../../io/childEnv.js";

/**
 * The command that opens a URL in the user's browser: STSCTL_BROWSER if set
 * (a program path, given the URL as its only argument; "none" opens nothing),
 * else the platform's opener. Never through a shell: the URL is one argv item.
 */
export function browserCommand(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): { file: string; args: string[] } | undefined {
  const chosen = env.STSCTL_BROWSER?.trim();
  if (chosen) return chosen.toLowerCase() === "none" ? undefined : { file: chosen, args: [] };
  if (platform === "darwin") return { file: "open", args: [] };
  if (platform === "win32") return { file: "explorer.exe", args: [] };
  return { file: "xdg-open", args: [] };
}

/** Starts the browser on `url`; resolves false when there is none to start (the caller has printed the URL). */
export function openBrowser(url: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): Promise<boolean> {
  const cmd = browserCommand(env, platform);
  if (!cmd) return Promise.resolve(false);
  return new Promise((resolve) => {
    try {
      const child = spawn(cmd.file, [...cmd.args, url], { stdio: "ignore", detached: true, windowsHide: true, env: childEnv(env) });
      child.once("error", () => resolve(false));
      child.once("spawn", () => {
        child.unref();
        resolve(true);
      });
    } catch {
      resolve(false);
    }
  });
}
