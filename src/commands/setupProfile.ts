import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { configPaths, displayPath } from "../config/paths.js";
import { getProfile } from "../config/getProfile.js";
import { ConfigError } from "../errors.js";
import { writeFileAtomic } from "../io/atomicWrite.js";
import { withFileLock } from "../io/fileLock.js";
import { findSection, sectionOwnedBy, upsertSection } from "../output/iniSplice.js";
import type { Ctx } from "./ctx.js";
import { loadUserConfig } from "./loadUserConfig.js";

const MARKER = "# managed by stsctl: credential_process profile";

/** stsctl setup-profile PROFILE [--name N]: add `[profile N]` with credential_process to ~/.aws/config, byte-preserving. */
export default async function setupProfile(ctx: Ctx, args: unknown[], opts: Record<string, unknown>): Promise<number> {
  const source = args[0] as string;
  const config = loadUserConfig(ctx.env);
  const profile = getProfile(config, source); // must exist and parse
  const name = (opts.name as string | undefined) ?? `${source}-sdk`;
  if (name === source) {
    throw new ConfigError(`--name must differ from "${source}": the new profile would replace its settings`, { hint: `e.g. --name ${source}-sdk` });
  }
  const file = configPaths(ctx.env).configFile;
  const header = name === "default" ? "default" : `profile ${name}`;
  const command = `${quoteArg(ctx.selfPath)} credential-process ${quoteArg(source)}`;
  const lines: Array<[string, string]> = [["credential_process", command]];
  if (profile.region) lines.push(["region", profile.region]);
  await withFileLock(file, async () => {
    const text = await readFile(file, "utf8").catch((e: NodeJS.ErrnoException) => {
      if (e.code === "ENOENT") return "";
      throw e;
    });
    if (findSection(text, header) && !sectionOwnedBy(text, header, MARKER) && !opts.force) {
      throw new ConfigError(`[${header}] already exists in ${displayPath(file, ctx.env)} and was not written by stsctl`, {
        hint: "choose another --name, or pass --force to replace it",
      });
    }
    await writeFileAtomic(file, upsertSection(text, header, lines, { marker: MARKER }), { mode: 0o600, home: ctx.env.HOME || homedir() });
  });
  ctx.log.info(`added [${header}] to ${displayPath(file, ctx.env)}: AWS tools using --profile ${name} now get credentials from stsctl`);
  return 0;
}

/** The AWS CLI and SDKs split credential_process like a POSIX shell would: quote what needs it. */
function quoteArg(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `"${s.replace(/(["\\$`])/g, "\\$1")}"`;
}
