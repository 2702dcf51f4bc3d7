import { realpathSync } from "node:fs";
import { configPaths, displayPath } from "../config/paths.js";
import { getProfile } from "../config/getProfile.js";
import { ConfigError, UsageError } from "../errors.js";
import { CONFIG_MODE, editUserFile } from "../io/editUserFile.js";
import { credentialProcessLine } from "../output/credentialProcessLine.js";
import { findSection, sectionOwnedBy, upsertSection } from "../ini/iniSplice.js";
import type { Ctx } from "../app/ctx.js";
import { loadUserConfig } from "../app/loadUserConfig.js";

const MARKER = "# managed by stsctl: credential_process profile";

// Profile names both readers of ~/.aws/config find under [profile NAME]: the JS
// SDK takes only these characters (parseIni in @smithy/core's
// shared-ini-file-loader), and for them botocore's shlex.split of the header
// (build_profile_map in botocore/configloader.py) gives NAME back as well.
const READABLE_NAME = /^[\w@+.%:/-]+$/;

/** stsctl setup-profile PROFILE [--name N]: add `[profile N]` with credential_process to ~/.aws/config, byte-preserving, keeping its mode. */
export default async function setupProfile(ctx: Ctx, args: unknown[], opts: Record<string, unknown>): Promise<number> {
  const source = args[0] as string;
  const input = { name: typeof opts.name === "string" ? opts.name : undefined, force: Boolean(opts.force), json: opts.json === true };
  const config = loadUserConfig(ctx);
  const profile = getProfile(config, source); // must exist and parse
  const name = input.name ?? `${source}-sdk`;
  if (name === source) {
    throw new ConfigError(`--name must differ from "${source}": the new profile would replace its settings`, { hint: `e.g. --name ${source}-sdk` });
  }
  const file = configPaths(ctx).configFile;
  if (!READABLE_NAME.test(name)) {
    const suggested = `${source.replace(/[^\w.@+-]+/g, "-").replace(/^-+|-+$/g, "") || "stsctl"}-sdk`;
    throw new UsageError(`the AWS CLI and SDKs could not read a profile named ${JSON.stringify(name)} in ${displayPath(file, ctx.home)}`, {
      hint: `use only letters, digits and _ - @ + . % : / in its name, e.g. --name ${suggested}`,
    });
  }
  const header = name === "default" ? "default" : `profile ${name}`;
  const command = credentialProcessLine({ node: nodePath(), script: ctx.selfPath, platform: ctx.platform }, source);
  const lines: Array<[string, string]> = [["credential_process", command]];
  if (profile.region) lines.push(["region", profile.region]);
  await editUserFile(
    file,
    ctx.home,
    (text) => {
      if (findSection(text, header) && !sectionOwnedBy(text, header, MARKER) && !input.force) {
        throw new ConfigError(`[${header}] already exists in ${displayPath(file, ctx.home)} and was not written by stsctl`, {
          hint: "choose another --name, or pass --force to replace it",
        });
      }
      return upsertSection(text, header, lines, { marker: MARKER });
    },
    { mode: CONFIG_MODE },
  );
  ctx.log.info(`added [${header}] to ${displayPath(file, ctx.home)}: AWS tools using --profile ${name} now get credentials from stsctl`);
  if (input.json) {
    ctx.out(`${JSON.stringify({ profile: name, source, file, credential_process: command, ...(profile.region ? { region: profile.region } : {}) })}\n`);
  }
  return 0;
}

/** This Node binary, links resolved: the line must not depend on PATH (see output/credentialProcessLine.ts). */
function nodePath(): string {
  try {
    return realpathSync(process.execPath);
  } catch {
    return process.execPath;
  }
}
