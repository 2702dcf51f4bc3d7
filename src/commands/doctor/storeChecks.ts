import { existsSync, lstatSync } from "node:fs";
import { connect } from "node:net";
import type { Ctx } from "../../app/ctx.js";
import { openUserStores, userCacheDir, userDataDir } from "../../app/userStores.js";
import { displayPath } from "../../config/paths.js";
import { ExitCode } from "../../errors.js";
import { currentUid, socketProblem } from "../../io/ownership.js";
import { agentSocketPath } from "../../store/agent/agentSocket.js";
import { storePaths } from "../../store/cacheDir.js";
import { passphraseDataKey } from "../../store/dataKey.js";
import type { KeyringMode } from "../../store/keyringMode.js";
import { type Check, fail, failFrom, ok, warn } from "./check.js";

const WHAT = "keychain";

/**
 * The secret store STSCTL_KEYRING picks, opened as a command would: the OS keychain
 * through its helper, bounded by its 2 s deadline (a locked or absent keychain
 * fails here, not later), the file vault only when its passphrase is at hand.
 */
export async function keychainCheck(ctx: Ctx, mode: KeyringMode): Promise<Check> {
  if (mode === "none") return ok(WHAT, "STSCTL_KEYRING=none: no session cache, every command asks STS");
  if (mode === "keychain") {
    try {
      // The data key is read (or, on first use, made): that needs the keychain reachable and unlocked.
      await openUserStores(ctx, { requireCache: true, agent: false });
      return ok(WHAT, "the OS keychain is reachable and unlocked");
    } catch (e) {
      return failFrom(WHAT, e, ExitCode.store);
    }
  }
  const salt = storePaths(userCacheDir(ctx), userDataDir(ctx)).vaultSalt;
  const shown = displayPath(salt, ctx.home);
  if (!existsSync(salt)) return ok(WHAT, `STSCTL_KEYRING=file: no vault yet (${shown}); the first command that needs it asks for a passphrase`);
  const passphrase = ctx.env.STSCTL_FILE_PASSPHRASE;
  if (!passphrase) return ok(WHAT, `STSCTL_KEYRING=file: vault ${shown}, unlocked by its passphrase on use (STSCTL_FILE_PASSPHRASE is not set)`);
  try {
    await passphraseDataKey(async () => passphrase, salt)();
    return ok(WHAT, `STSCTL_KEYRING=file: STSCTL_FILE_PASSPHRASE opens the vault ${shown}`);
  } catch (e) {
    return failFrom(WHAT, e, ExitCode.store);
  }
}

/** The key agent of this build: its socket present, trusted (io/ownership.ts) and answering. */
export async function agentCheck(ctx: Ctx, mode: KeyringMode): Promise<Check> {
  const what = "key agent";
  if (mode === "none") return ok(what, "not used with STSCTL_KEYRING=none");
  if (ctx.env.STSCTL_AGENT === "0") return ok(what, "turned off (STSCTL_AGENT=0)");
  const cache = userCacheDir(ctx);
  const socket = agentSocketPath(cache, ctx.platform, mode);
  if (!socket) {
    return ok(
      what,
      ctx.platform === "win32" ? "none on Windows (each command reads the keychain)" : "none: the cache directory's path is too long for a socket",
    );
  }
  const shown = displayPath(socket, ctx.home);
  try {
    lstatSync(socket);
  } catch {
    return ok(what, "not running; the next command that reads the data key starts it");
  }
  const uid = currentUid();
  const distrust = uid === undefined ? null : socketProblem(socket, cache, uid);
  if (distrust) return fail(what, `${displayPath(distrust.path, ctx.home)} ${distrust.problem}`, distrust.fix, ExitCode.store);
  const state = await pingAgent(socket, 1000);
  if (state === "answers") return ok(what, `running, answering on ${shown}`);
  if (state === "refused") return ok(what, `not running (a stale socket ${shown}, replaced by the next agent)`);
  return warn(
    what,
    `${shown} accepts connections but does not answer: every cache hit waits for it`,
    "stsctl clear --all stops it; if it stays, end this user's dist/agent.js process",
  );
}

/** Connects and sends a line the agent answers with nothing (src/store/agent/agentServer.ts): no key changes hands. */
function pingAgent(socket: string, timeoutMs: number): Promise<"answers" | "refused" | "silent"> {
  return new Promise((resolve) => {
    const conn = connect(socket, () => conn.end("PING\n"));
    const done = (state: "answers" | "refused" | "silent") => {
      clearTimeout(timer);
      conn.destroy();
      resolve(state);
    };
    const timer = setTimeout(() => done("silent"), timeoutMs);
    conn.on("data", () => undefined);
    conn.on("end", () => done("answers"));
    conn.on("error", () => done("refused"));
  });
}
