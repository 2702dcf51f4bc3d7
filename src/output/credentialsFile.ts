// Writes and removes stsctl's sections of the shared credentials file:
// under a cross-process lock (so parallel writers never drop each other's
// sections), spliced losslessly, replaced atomically with mode 0600.

import { isUtf8 } from "node:buffer";
import { readFile } from "node:fs/promises";
import type { AwsCredentials } from "../credentials.js";
import { ConfigError, UsageError } from "../errors.js";
import { resolveWriteTarget, writeFileAtomic } from "../io/atomicWrite.js";
import { withFileLock } from "../io/fileLock.js";
import { credentialsSectionLines, STSCTL_MARKER } from "./credentialsSection.js";
import { findSection, removeSection, sectionOwnedBy, upsertSection } from "./iniSplice.js";

export interface CredentialsFileOptions {
  /** Replace a section stsctl did not write (e.g. long-term keys). */
  force?: boolean;
  /** Home directory for the symlink rule of writeFileAtomic (default os.homedir()). */
  home?: string;
}

/**
 * Checks, before any STS call, that section [name] could be written: a valid
 * name, and not a section stsctl did not write (unless `force`). The write
 * itself checks again under the lock.
 */
export async function checkCredentialsSection(file: string, name: string, opts: CredentialsFileOptions = {}): Promise<void> {
  upsertSection("", name, [["aws_access_key_id", "x"]], { marker: STSCTL_MARKER }); // validates the name
  const target = await resolveWriteTarget(file, opts);
  refuseForeign((await readText(target, file)) ?? "", name, file, opts.force);
}

/**
 * Writes `creds` as section [name] of `file` (created 0600 if missing).
 * Refuses, with a ConfigError, to replace a section without stsctl's marker
 * unless `force`, and refuses credentials already expired at `now`.
 */
export async function writeCredentialsSection(
  file: string,
  name: string,
  creds: AwsCredentials,
  opts: CredentialsFileOptions & { now: Date },
): Promise<void> {
  if (creds.expiration && creds.expiration.getTime() <= opts.now.getTime()) {
    throw new UsageError(`the credentials for [${name}] have already expired; not writing them`, {
      hint: "refresh the session first (stsctl assume) and write again",
    });
  }
  const lines = credentialsSectionLines(creds);
  upsertSection("", name, lines, { marker: STSCTL_MARKER }); // validates name and values before any I/O
  const target = await resolveWriteTarget(file, opts);
  await withFileLock(target, async () => {
    const text = (await readText(target, file)) ?? "";
    refuseForeign(text, name, file, opts.force);
    await writeFileAtomic(target, upsertSection(text, name, lines, { marker: STSCTL_MARKER }), { mode: 0o600, home: opts.home });
  });
}

/** Removes section [name]; false when the file or section does not exist. Same ownership rule. */
export async function removeCredentialsSection(file: string, name: string, opts: CredentialsFileOptions = {}): Promise<boolean> {
  const target = await resolveWriteTarget(file, opts);
  if ((await readText(target, file)) === undefined) return false;
  return withFileLock(target, async () => {
    const text = await readText(target, file);
    if (text === undefined || !findSection(text, name)) return false;
    refuseForeign(text, name, file, opts.force);
    await writeFileAtomic(target, removeSection(text, name), { mode: 0o600, home: opts.home });
    return true;
  });
}

function refuseForeign(text: string, name: string, file: string, force: boolean | undefined): void {
  if (force || !findSection(text, name) || sectionOwnedBy(text, name, STSCTL_MARKER)) return;
  throw new ConfigError(`section [${name}] in ${file} was not written by stsctl; refusing to replace it`, {
    hint: "it may hold long-term keys: choose another section name, or pass --force to replace it",
  });
}

// Read as bytes and refuse anything that is not UTF-8: decoding it would
// silently change bytes we promised to keep.
async function readText(target: string, shown: string): Promise<string | undefined> {
  let buf: Buffer;
  try {
    buf = await readFile(target);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new ConfigError(`cannot read ${shown}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, {
      hint: "check the file's permissions",
      cause: e,
    });
  }
  if (!isUtf8(buf)) {
    throw new ConfigError(`${shown} is not valid UTF-8; refusing to rewrite it`, {
      hint: "re-save the file as UTF-8 (comments in another encoding would be damaged)",
    });
  }
  return buf.toString("utf8");
}
