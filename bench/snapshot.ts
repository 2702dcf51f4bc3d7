// The stsctl build the bench measures, copied out of the checkout first: other
// people rebuild dist/ in this same checkout, and a rebuild in the middle of a
// run would break it. Either the working tree's fresh build (default: what
// `npm run bench` just built), or a git ref exported and built on its own
// (BENCH_REF=HEAD, a commit, a branch), so figures can be pinned to a commit.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface Snapshot {
  /** The snapshot's bin/stsctl. */
  bin: string;
  root: string;
  /** What was measured, e.g. "working tree at 2f21c39 (+3 uncommitted files in src/ scripts/ bin/)" or "commit 2f21c39". */
  label: string;
  remove(): void;
}

export function takeSnapshot(repo: string, ref?: string): Snapshot {
  const root = mkdtempSync(join(tmpdir(), "stsctl-bench-build-"));
  const remove = () => rmSync(root, { recursive: true, force: true });
  try {
    const git = (...args: string[]) => execFileSync("git", ["-C", repo, ...args], { encoding: "utf8" }).trim();
    let label: string;
    if (ref) {
      const commit = git("rev-parse", "--short", `${ref}^{commit}`);
      // git archive | tar -x: the committed tree only, then built with its own build script.
      const tar = spawnSync("sh", [
        "-c",
        'git -C "$1" archive --format=tar "$2" bin scripts src package.json tsconfig.json | tar -x -C "$3"',
        "sh",
        repo,
        commit,
        root,
      ]);
      if (tar.status !== 0) throw new Error(`git archive of ${ref} failed: ${tar.stderr.toString()}`);
      symlinkSync(join(repo, "node_modules"), join(root, "node_modules"));
      const build = spawnSync(process.execPath, ["scripts/build.mjs"], { cwd: root, encoding: "utf8" });
      if (build.status !== 0) throw new Error(`building ${ref} failed: ${build.stderr}`);
      label = `commit ${commit}`;
    } else {
      if (!existsSync(join(repo, "dist"))) throw new Error("no dist/: run `npm run bench` (it builds first)");
      for (const d of ["bin", "dist"]) cpSync(join(repo, d), join(root, d), { recursive: true });
      cpSync(join(repo, "package.json"), join(root, "package.json"));
      symlinkSync(join(repo, "node_modules"), join(root, "node_modules"));
      let head = "unknown";
      let dirty = 0;
      try {
        head = git("rev-parse", "--short", "HEAD");
        dirty = git("status", "--porcelain", "--", "src", "scripts", "bin").split("\n").filter(Boolean).length;
      } catch {
        /* not a git checkout */
      }
      label = `working tree at ${head}${dirty ? ` (+${dirty} uncommitted file(s) in src/ scripts/ bin/)` : ""}`;
    }
    const bin = join(root, "bin", "stsctl");
    const v = spawnSync(bin, ["--version"], { encoding: "utf8", env: { PATH: `${process.execPath.replace(/\/[^/]+$/, "")}:/usr/bin:/bin` } });
    if (v.status !== 0) throw new Error(`the snapshot does not run (a rebuild may have been under way: run again): ${v.stderr}`);
    return { bin, root, label, remove };
  } catch (e) {
    remove();
    throw e;
  }
}
