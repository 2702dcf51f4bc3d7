import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { configPaths, displayPath } from "../config/paths.js";
import { stepKeys } from "../engine/cacheKey.js";
import { removeCredentialsSection } from "../output/credentialsFile.js";
import { UsageError } from "../errors.js";
import { plan } from "../plan/plan.js";
import type { Ctx } from "../app/ctx.js";
import { loadUserConfig } from "../app/loadUserConfig.js";
import { defaultSessionName } from "../cli/planOptions.js";
import { profileName } from "../cli/profileName.js";
import { userCacheDir } from "../app/userStores.js";
import { isAgentSocketName } from "../store/agent/agentSocket.js";
import { stopAgent } from "../store/agent/agentClient.js";
import { clearSessionFiles } from "../store/clearSessionFiles.js";
import { writeSectionName } from "../cli/emitSession.js";
import { writeFlag } from "../cli/outputOptions.js";

/**
 * stsctl clear [PROFILE] [--all]: forget cached sessions (the next use asks STS, and MFA, again).
 * Sessions only: an OIDC sign-in serves every profile on its issuer and stays until
 * `stsctl oidc logout` (src/commands/oidcLogout.ts).
 * It deletes session files without opening them, so it needs no key, and it starts nothing:
 * `--all` is how a user takes the data key out of memory (it stops the key agent).
 */
export default async function clear(ctx: Ctx, args: unknown[], opts: Record<string, unknown>): Promise<number> {
  const input = {
    arg: args[0],
    profile: typeof opts.profile === "string" ? opts.profile : undefined,
    all: Boolean(opts.all),
    write: writeFlag(opts.write),
    force: opts.force === true,
    json: opts.json === true,
  };
  if (input.all && input.arg) throw new UsageError("give a profile or --all, not both", { hint: "stsctl clear PROFILE, or stsctl clear --all" });
  // `clear --write NAME` alone removes that section and touches no session.
  const sectionOnly = typeof input.write === "string" && !input.all && !input.arg && !input.profile;
  const cache = userCacheDir(ctx);
  let cleared: Awaited<ReturnType<typeof clearSessionFiles>> | undefined;
  let agentsStopped = 0;
  let signInNotes: string[] = [];
  if (sectionOnly) {
    // nothing to forget
  } else if (input.all) {
    cleared = await clearSessionFiles(cache);
    // Forget the data key too: the next use reads it from the keychain again.
    for (const socket of await agentSockets(cache)) {
      if (await stopAgent(socket)) {
        agentsStopped++;
        ctx.log.info("stopped the stsctl key agent");
      }
    }
  } else {
    const name = profileName(input.arg, input, ctx.env);
    const config = loadUserConfig(ctx);
    // Every step of the profile's plan, so the next use starts from the beginning (including MFA).
    const p = plan(config, name, { want: "session", env: ctx.env, defaultSessionName: defaultSessionName(ctx.env) });
    const keys = new Set(stepKeys(p, ctx.env));
    cleared = await clearSessionFiles(cache, (m) => keys.has(m.key) || m.profile === name);
    signInNotes = p.steps.flatMap((s) =>
      s.kind === "AssumeRoleWithWebIdentity" && s.token.kind === "oidc"
        ? [`kept any sign-in at ${s.token.issuer} (other profiles on it share it); \`stsctl oidc logout ${name}\` signs out`]
        : [],
    );
  }
  if (cleared) ctx.log.info(`removed ${cleared.removed} cached session${cleared.removed === 1 ? "" : "s"} from ${displayPath(cleared.dir, ctx.home)}`);
  for (const note of signInNotes) ctx.log.info(note);
  let section: { name: string; file: string; removed: boolean } | undefined;
  if (input.write !== undefined) {
    const name = typeof input.write === "string" ? input.write : writeSectionName(profileName(input.arg, input, ctx.env));
    const file = configPaths(ctx).credentialsFile;
    const gone = await removeCredentialsSection(file, name, { force: input.force, home: ctx.home });
    ctx.log.info(gone ? `removed [${name}] from ${displayPath(file, ctx.home)}` : `no [${name}] in ${displayPath(file, ctx.home)}`);
    section = { name, file, removed: gone };
  }
  if (input.json) {
    // What was removed, for scripts; the lines above stay on stderr.
    const sessions = cleared && { removed: cleared.removed, dir: cleared.dir };
    ctx.out(`${JSON.stringify({ ...(sessions ? { sessions } : {}), ...(input.all ? { agentsStopped } : {}), ...(section ? { section } : {}) })}\n`);
  }
  return 0;
}

/** Every agent listening in the cache directory: this build's, other builds', earlier releases' (none on Windows). */
async function agentSockets(cache: string): Promise<string[]> {
  const dir = join(cache, "agent");
  return (await readdir(dir).catch(() => [] as string[])).filter(isAgentSocketName).map((f) => join(dir, f));
}
