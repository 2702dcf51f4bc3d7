import { isUtf8 } from "node:buffer";
import { MAX_CONFIG_BYTES } from "../config/paths.js";
import { ConfigError } from "../errors.js";
import { resolveWriteTarget, writeFileAtomic } from "./atomicWrite.js";
import { withFileLock } from "./fileLock.js";
import { readRegularFile, showBytes } from "./readRegularFile.js";

/** For ~/.aws/config: no secret in it, so an existing 0644 stays 0644 (a stricter mode stays too). */
export const CONFIG_MODE = 0o644;

/**
 * Read-modify-write of ~/.aws/config or ~/.aws/credentials under the file's
 * lock, replaced atomically (the rules of io/atomicWrite.ts). `mode` is 0600 by
 * default (credentials); the config file, which holds no secret, passes 0644 so
 * that its existing mode is kept. `edit` gets the current text ("" when missing)
 * and returns the new text; it may throw to refuse. Returns whether the file changed.
 */
export async function editUserFile(file: string, home: string, edit: (text: string) => string, opts: { mode?: number } = {}): Promise<boolean> {
  const target = await resolveWriteTarget(file, { home });
  return withFileLock(target, async () => {
    const text = (await readUtf8(target, file)) ?? "";
    const next = edit(text);
    if (next === text) return false;
    await writeFileAtomic(target, next, { mode: opts.mode ?? 0o600, home });
    return true;
  });
}

/** The file as UTF-8, or undefined when missing. Anything else is refused: decoding would change bytes we keep. */
export async function readUtf8(path: string, shown = path): Promise<string | undefined> {
  let buf: Buffer;
  try {
    buf = await readRegularFile(path, {
      maxBytes: MAX_CONFIG_BYTES,
      refuse: (why) =>
        new ConfigError(`${shown} ${why.text}; refusing to rewrite it`, {
          hint:
            why.kind === "too-large"
              ? `stsctl edits AWS files of at most ${showBytes(MAX_CONFIG_BYTES)}: check that this is the right file`
              : "stsctl edits only regular files: point it at one",
        }),
    });
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new ConfigError(`cannot read ${shown}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, { hint: "check the file's permissions", cause: e });
  }
  if (!isUtf8(buf)) throw new ConfigError(`${shown} is not valid UTF-8; refusing to rewrite it`, { hint: "re-save the file as UTF-8" });
  return buf.toString("utf8");
}
