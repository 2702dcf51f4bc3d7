import { dirname, join } from "node:path";
import { fromCwd } from "../config/paths.js";
import { StoreError } from "../errors.js";
import { cacheDir, dataDir } from "../store/cacheDir.js";
import { openStores } from "../store/openStores.js";
import type { Ctx } from "./ctx.js";

type Where = Pick<Ctx, "env" | "platform" | "home" | "cwd">;

/** Absolute: a relative STSCTL_CACHE_DIR (or STSCTL_DATA_DIR) is the caller's, against ctx.cwd. */
export const userCacheDir = (ctx: Where) => fromCwd(ctx, cacheDir(ctx.env, ctx.platform, ctx.home));
export const userDataDir = (ctx: Where) => fromCwd(ctx, dataDir(ctx.env, ctx.platform, ctx.home));

/** The session cache and secret store for this user, per STSCTL_KEYRING; `agent: false` neither asks nor starts a key agent. */
export function openUserStores(ctx: Ctx, opts: { requireCache?: boolean; agent?: boolean } = {}) {
  const dist = ctx.selfPath ? join(dirname(ctx.selfPath), "..", "dist") : undefined;
  return openStores({
    env: ctx.env,
    cacheDir: userCacheDir(ctx),
    dataDir: userDataDir(ctx),
    log: ctx.log,
    ...(opts.requireCache ? { requireCache: true } : {}),
    // bin/stsctl → dist/agent.js and dist/keychainHelper.cjs (see scripts/build.mjs).
    ...(dist && opts.agent !== false ? { agentScript: join(dist, "agent.js") } : {}),
    ...(dist ? { keychainHelper: [join(dist, "keychainHelper.cjs")] } : {}),
    promptPassphrase: async () => {
      const tty = (await import("../io/tty.js")).openTty();
      if (!tty) {
        throw new StoreError("STSCTL_KEYRING=file needs the vault passphrase, and there is no terminal to ask on", {
          hint: "set STSCTL_FILE_PASSPHRASE, or run the command in a terminal",
        });
      }
      try {
        tty.write("stsctl vault passphrase: ");
        return await tty.readLine({ hidden: true });
      } finally {
        tty.close();
      }
    },
  });
}
