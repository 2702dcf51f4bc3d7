// Writes and removes stsctl's sections of the shared credentials file:
// under a cross-process lock (so parallel writers never drop each other's
// sections), spliced losslessly, replaced atomically with mode 0600.

import type { AwsCredentials } from "../credentials.js";
import { ConfigError, UsageError } from "../errors.js";
import { checkWritable, resolveWriteTarget, writeFileAtomic } from "../io/atomicWrite.js";
import { withFileLock } from "../io/fileLock.js";
import { readUtf8 } from "../io/editUserFile.js";
import { credentialsSectionLines, describeOwner, markerFor, readMarker, type SectionOwner } from "./credentialsSection.js";
import { findSection, removeSection, upsertSection } from "../ini/iniSplice.js";

export interface CredentialsFileOptions {
  /** Replace a section stsctl did not write (e.g. long-term keys), or wrote for another owner. */
  force?: boolean;
  /** Whose session is written: recorded in the marker, and a section recorded for another owner is refused. */
  owner?: SectionOwner;
  /** Home directory for the symlink rule of writeFileAtomic (default os.homedir()). */
  home?: string;
}

/**
 * Checks, before any STS call, that section [name] could be written: a valid
 * name, and not a section stsctl did not write (unless `force`). The write
 * itself checks again under the lock.
 */
export async function checkCredentialsSection(file: string, name: string, opts: CredentialsFileOptions = {}): Promise<void> {
  upsertSection("", name, [["aws_access_key_id", "x"]], { marker: markerFor(opts.owner) }); // validates the name
  const target = await resolveWriteTarget(file, opts);
  refuseForeign((await readUtf8(target, file)) ?? "", name, file, opts);
  await checkWritable(file, { home: opts.home });
}

/**
 * Writes `creds` as section [name] of `file` (created 0600 if missing).
 * Refuses, with a ConfigError, to replace a section without stsctl's marker or
 * with one recording another owner, unless `force`; and refuses credentials
 * already expired at `now`.
 */
export async function writeCredentialsSection(file: string, name: string, creds: AwsCredentials, opts: CredentialsFileOptions & { now: Date }): Promise<void> {
  if (creds.expiration && creds.expiration.getTime() <= opts.now.getTime()) {
    throw new UsageError(`the credentials for [${name}] have already expired; not writing them`, {
      hint: "refresh the session first (stsctl assume) and write again",
    });
  }
  const lines = credentialsSectionLines(creds);
  const marker = markerFor(opts.owner);
  upsertSection("", name, lines, { marker }); // validates name and values before any I/O
  const target = await resolveWriteTarget(file, opts);
  await withFileLock(target, async () => {
    const text = (await readUtf8(target, file)) ?? "";
    refuseForeign(text, name, file, opts);
    await writeFileAtomic(target, upsertSection(text, name, lines, { marker }), { mode: 0o600, home: opts.home });
  });
}

/** Removes section [name]; false when the file or section does not exist. Same ownership rule. */
export async function removeCredentialsSection(file: string, name: string, opts: CredentialsFileOptions = {}): Promise<boolean> {
  const target = await resolveWriteTarget(file, opts);
  if ((await readUtf8(target, file)) === undefined) return false;
  return withFileLock(target, async () => {
    const text = await readUtf8(target, file);
    if (text === undefined || !findSection(text, name)) return false;
    refuseForeign(text, name, file, opts);
    await writeFileAtomic(target, removeSection(text, name), { mode: 0o600, home: opts.home });
    return true;
  });
}

// Sections written by releases that recorded no owner may be replaced by anyone, as they always could.
function refuseForeign(text: string, name: string, file: string, opts: CredentialsFileOptions): void {
  if (opts.force || !findSection(text, name)) return;
  const marker = readMarker(text, name);
  if (!marker) {
    throw new ConfigError(`section [${name}] in ${file} was not written by stsctl; refusing to replace it`, {
      hint: "it may hold long-term keys: choose another section name, or pass --force to replace it",
    });
  }
  if (opts.owner && marker.owner !== undefined && marker.owner !== describeOwner(opts.owner)) {
    throw new ConfigError(
      `section [${name}] in ${file} holds the session stsctl wrote ${marker.owner}; refusing to replace it with one ${describeOwner(opts.owner)}`,
      {
        hint: "write this one under another name (--write NAME), or pass --force to replace it",
      },
    );
  }
}
