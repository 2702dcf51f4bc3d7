import { configPaths, displayPath } from "../config/paths.js";
import { keysSecretName } from "../engine/sourceCredentials.js";
import { ConfigError, StoreError, UsageError } from "../errors.js";
import { readMarker } from "../output/credentialsSection.js";
import { findSection, removeSection } from "../ini/iniSplice.js";
import type { SecretStore } from "../store/secretStore.js";
import type { Ctx } from "../app/ctx.js";
import { checkKeys, keysFromEnv, keysFromPrompt, type AccessKeys } from "../cli/accessKeys.js";
import { CONFIG_MODE, editUserFile, readUtf8 } from "../io/editUserFile.js";
import { keyLine, keyLines, removeKeys, replaceHeader, setKey } from "../ini/keyLines.js";
import { openUserStores } from "../app/userStores.js";

// An IAM user's long-term keys kept in the OS keychain instead of plain text:
// the secret `keys:<profile>` holds {"accessKeyId","secretAccessKey"}, and
// `stsctl_credentials = keychain` in [profile <profile>] of ~/.aws/config tells
// the planner to read them from there (engine/sourceCredentials.ts).

const MARK_KEY = "stsctl_credentials";
const KEY_LINES = ["aws_access_key_id", "aws_secret_access_key"];

/** stsctl add PROFILE [--from-env | --import] [--force] */
export async function addKeys(ctx: Ctx, args: unknown[], opts: Record<string, unknown>): Promise<number> {
  const profile = checkProfileName(args[0]);
  const input = { import: Boolean(opts.import), fromEnv: Boolean(opts.fromEnv), force: Boolean(opts.force), json: opts.json === true };
  if (input.import && input.fromEnv)
    throw new UsageError("--import and --from-env cannot be combined", { hint: "--import takes the keys from the credentials file" });
  const paths = configPaths(ctx);
  const home = ctx.home;
  const credShown = displayPath(paths.credentialsFile, home);

  // Everything that can be checked is checked before the keychain is touched.
  const credText = (await readUtf8(paths.credentialsFile, credShown)) ?? "";
  const inFile = keyLine(credText, profile, "aws_access_key_id") !== undefined;
  if (inFile && !input.import) {
    throw new UsageError(`[${profile}] in ${credShown} already has keys, which would be used instead of the keychain`, {
      hint: `move them into the keychain with: stsctl add --import ${profile}`,
    });
  }
  const configText = (await readUtf8(paths.configFile, displayPath(paths.configFile, home))) ?? "";
  if (keyLine(configText, configHeader(profile), "aws_access_key_id")) {
    throw new ConfigError(
      `[${configHeader(profile)}] in ${displayPath(paths.configFile, home)} has aws_access_key_id, which would be used instead of the keychain`,
      {
        hint: "delete the profile's aws_access_key_id and aws_secret_access_key lines from the config file, then run stsctl add again",
      },
    );
  }
  const preset = input.import ? keysInCredentials(credText, profile, credShown) : input.fromEnv ? keysFromEnv(ctx.env) : undefined;

  const { secrets } = await openUserStores(ctx, { requireCache: true });
  if (secrets.backend === "none") {
    // Say so before asking for a secret there is no place for.
    throw new StoreError("STSCTL_KEYRING=none keeps no secrets: there is nowhere to store the keys", {
      hint: "unset STSCTL_KEYRING to use the OS keychain, or set STSCTL_KEYRING=file (passphrase-encrypted file)",
    });
  }
  const where = storeName(secrets);
  const name = keysSecretName(profile);
  const existing = await secrets.get(name);
  const keys = preset ?? (await keysFromPrompt(profile));
  const json = JSON.stringify(keys);
  if (existing !== null && existing !== json && !input.force) {
    throw new UsageError(`the ${where} already holds keys for "${profile}"`, {
      hint: `pass --force to replace them (after rotating the access key, say), or run stsctl remove ${profile} first`,
    });
  }
  await secrets.set(name, json);
  if ((await secrets.get(name)) !== json) {
    throw new StoreError(`the keys for "${profile}" did not read back from the ${where}`, { hint: "check the keychain, then run the command again" });
  }
  await editUserFile(paths.configFile, home, (text) => setKey(text, configHeader(profile), MARK_KEY, "keychain"), { mode: CONFIG_MODE });
  ctx.log.info(
    `stored the keys of "${profile}" (…${keys.accessKeyId.slice(-4)}) in the ${where}; ${displayPath(paths.configFile, home)} marks them with ${MARK_KEY} = keychain`,
  );

  if (input.import) {
    // The keychain has them (read back above): only now may they leave the file.
    await editUserFile(paths.credentialsFile, home, (text) => stripKeys(text, profile, keys, credShown, where));
    ctx.log.info(`removed them from ${credShown}`);
  }
  if (input.json) {
    // The key id's last four characters, as on stderr; never the secret.
    const result = { profile, backend: secrets.backend, accessKeyIdSuffix: keys.accessKeyId.slice(-4), configFile: paths.configFile };
    ctx.out(`${JSON.stringify({ ...result, ...(input.import ? { removedFrom: paths.credentialsFile } : {}) })}\n`);
  }
  return 0;
}

/** stsctl remove PROFILE: delete the keys and the config line that points at them. */
export async function removeKeysCommand(ctx: Ctx, args: unknown[], opts: Record<string, unknown> = {}): Promise<number> {
  const profile = checkProfileName(args[0]);
  const json = opts.json === true;
  const paths = configPaths(ctx);
  const { secrets } = await openUserStores(ctx, { requireCache: true });
  const deleted = await secrets.delete(keysSecretName(profile));
  const header = configHeader(profile);
  const unmarked = await editUserFile(
    paths.configFile,
    ctx.home,
    (text) => {
      if (!keyLine(text, header, MARK_KEY)) return text;
      const out = removeKeys(text, header, [MARK_KEY]);
      // A section left with nothing at all was most likely made by `add`: take it away too.
      const s = findSection(out, header);
      return s && s.end === s.bodyStart ? removeSection(out, header) : out;
    },
    { mode: CONFIG_MODE },
  );
  if (json) ctx.out(`${JSON.stringify({ profile, deleted, unmarked, configFile: paths.configFile })}\n`);
  if (!deleted && !unmarked) {
    ctx.log.info(`no keys were stored for "${profile}"`);
    return 0;
  }
  if (deleted) ctx.log.info(`deleted the keys of "${profile}" from the ${storeName(secrets)}`);
  if (unmarked) ctx.log.info(`removed ${MARK_KEY} from [${header}] in ${displayPath(paths.configFile, ctx.home)}`);
  ctx.log.info("note: the access key itself is still active in IAM; deactivate it there if it is no longer needed");
  return 0;
}

const configHeader = (profile: string) => (profile === "default" ? "default" : `profile ${profile}`);
const storeName = (s: SecretStore) => (s.backend === "file" ? "stsctl vault" : "OS keychain");

function checkProfileName(arg: unknown): string {
  const name = typeof arg === "string" ? arg : "";
  if (!name || /[\s[\]"'\\\x00-\x1f\x7f]/.test(name) || /^[#;]/.test(name)) {
    throw new UsageError(`invalid profile name ${JSON.stringify(name)}`, { hint: "use the name as it appears in [profile NAME], without spaces or brackets" });
  }
  return name;
}

/** The keys of [profile] in the credentials file, refusing anything that is not a user's long-term keys. */
function keysInCredentials(text: string, profile: string, shown: string): AccessKeys {
  const get = (k: string) => keyLine(text, profile, k)?.value;
  const id = get("aws_access_key_id");
  const secret = get("aws_secret_access_key");
  if (!id || !secret) {
    throw new UsageError(`no aws_access_key_id and aws_secret_access_key in [${profile}] of ${shown}`, {
      hint: `to store keys that are not in the file: stsctl add ${profile} (asks for them) or --from-env`,
    });
  }
  if (readMarker(text, profile) || get("aws_session_token")) {
    throw new UsageError(`[${profile}] in ${shown} holds temporary credentials (a session token), not an IAM user's keys`, {
      hint: "stsctl add --import moves long-term keys; sessions expire and need no keychain",
    });
  }
  return checkKeys({ accessKeyId: id, secretAccessKey: secret }, `[${profile}] in ${shown}`);
}

/**
 * Takes the two key lines out of [profile], after checking (under the file's
 * lock) that they still hold the keys just stored. A section left without any
 * key becomes a comment saying where they went; every other byte stays.
 */
function stripKeys(text: string, profile: string, keys: AccessKeys, shown: string, where: string): string {
  const value = (k: string) => keyLine(text, profile, k)?.value;
  if (value("aws_access_key_id") !== keys.accessKeyId || value("aws_secret_access_key") !== keys.secretAccessKey) {
    throw new ConfigError(`[${profile}] in ${shown} changed while its keys were being imported; left it as it is`, {
      hint: `the keychain now holds the keys read first: check the file, then run stsctl add --import ${profile} --force`,
    });
  }
  const out = removeKeys(text, profile, KEY_LINES);
  return keyLines(out, profile).length > 0 ? out : replaceHeader(out, profile, `# [${profile}]: keys moved to the ${where} by stsctl add --import`);
}
