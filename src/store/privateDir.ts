import { promises as fs } from "node:fs";

/** Creates `dir` (and parents) as 0700 and tightens it if it already exists with a looser mode. */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  if (process.platform === "win32") return;
  const st = await fs.stat(dir);
  if ((st.mode & 0o077) !== 0) await fs.chmod(dir, 0o700);
}
