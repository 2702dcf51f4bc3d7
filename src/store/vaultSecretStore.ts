import path from "node:path";
import { StoreError } from "../errors.js";
import { registerSecret } from "../io/redact.js";
import { open, seal } from "./aead.js";
import { writeFileAtomic } from "../io/atomicWrite.js";
import { ensurePrivateDir } from "../io/privateDir.js";
import { readRegularFile } from "../io/readRegularFile.js";
import { withLock } from "../io/lock.js";
import { checkSecretName, type SecretStore } from "./secretStore.js";

// STSCTL_KEYRING=file: all named secrets in one AES-256-GCM sealed JSON file.
// Updates are read-modify-write under a lock so parallel writers lose nothing.
// Unlike a session entry, a vault that does not decrypt is an error, not a
// miss: quietly starting over would destroy every other secret in it.

const AAD = Buffer.from("stsctl-vault-v1");

export function vaultSecretStore(opts: { file: string; dataKey: () => Promise<Buffer>; lockDir: string }): SecretStore {
  const { file } = opts;

  async function load(): Promise<Record<string, string>> {
    let text: string;
    try {
      // Keys and seeds: a few hundred bytes each.
      text = (
        await readRegularFile(file, {
          maxBytes: 1024 * 1024,
          refuse: (why) => new StoreError(`the stsctl file vault ${file} ${why.text}`, { hint: "Restore it from a backup, or delete it to start over." }),
        })
      ).toString("utf8");
    } catch (e) {
      if (e instanceof StoreError) throw e;
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return {};
      throw new StoreError(`cannot read the stsctl file vault ${file}: ${(e as Error).message}`, { hint: "Check the file's permissions." });
    }
    let sealed: unknown = null;
    try {
      sealed = JSON.parse(text);
    } catch {
      /* reported below */
    }
    const plain = open(await opts.dataKey(), sealed, AAD);
    const data = plain ? (safeJson(plain.toString("utf8")) as Record<string, unknown> | null) : null;
    if (!data || typeof data !== "object" || Array.isArray(data) || Object.values(data).some((v) => typeof v !== "string")) {
      throw new StoreError(`the stsctl file vault ${file} is corrupt or was not written with this passphrase`, {
        hint: `Restore it from a backup, or delete it to start over (its secrets, e.g. TOTP seeds, must then be added again).`,
      });
    }
    return data as Record<string, string>;
  }

  async function update(change: (data: Record<string, string>) => boolean): Promise<boolean> {
    await ensurePrivateDir(path.dirname(file));
    return withLock(
      "vault",
      async () => {
        const data = await load();
        const changed = change(data);
        if (changed) await writeFileAtomic(file, JSON.stringify(seal(await opts.dataKey(), Buffer.from(JSON.stringify(data)), AAD)) + "\n");
        return changed;
      },
      { dir: opts.lockDir, waitMs: 10_000 },
    );
  }

  return {
    backend: "file",
    async get(name) {
      checkSecretName(name);
      const data = await load();
      const value = Object.hasOwn(data, name) ? (data[name] ?? null) : null;
      registerSecret(value ?? undefined);
      return value;
    },
    async set(name, value) {
      checkSecretName(name);
      registerSecret(value);
      await update((data) => {
        data[name] = value;
        return true;
      });
    },
    async delete(name) {
      checkSecretName(name);
      return update((data) => {
        if (!Object.hasOwn(data, name)) return false;
        delete data[name];
        return true;
      });
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
