import { readdirSync } from "node:fs";
import path from "node:path";
import type { Ctx } from "../../app/ctx.js";
import { displayPath } from "../../config/paths.js";
import { readRegularFileSync } from "../../io/readRegularFile.js";
import { StoreError } from "../../errors.js";
import { type Check, ok, warn } from "./check.js";

// Whether the user's shell loads the `stsctl` function (stsctl shell-init, see
// docs/shell.md), without which `stsctl assume` cannot change the shell's
// variables. A child process cannot see its parent's functions, so this reads
// the startup files of the shell named by SHELL for the shell-init line.

const WHAT = "shell function";
const MAX_RC_BYTES = 1024 * 1024;

export function shellCheck(ctx: Ctx): Check {
  const shell = ctx.platform === "win32" ? "powershell" : path.basename(ctx.env.SHELL ?? "");
  const files = startupFiles(ctx, shell);
  if (!files) {
    return warn(
      WHAT,
      `not checked: SHELL=${ctx.env.SHELL ?? "(unset)"} is not bash, zsh or fish`,
      "add the output of `stsctl shell-init bash|zsh|fish|powershell` to your shell's startup file",
    );
  }
  const found = files.find((f) => read(f)?.includes("stsctl shell-init"));
  if (found) return ok(WHAT, `${shell} loads it: stsctl shell-init in ${displayPath(found, ctx.home)}`);
  const rc = displayPath(files[0]!, ctx.home);
  return warn(
    WHAT,
    `no stsctl shell-init in ${rc}: \`stsctl assume\` cannot change this shell's variables`,
    `${installLine(shell, rc)}, then open a new shell`,
  );
}

function installLine(shell: string, rc: string): string {
  if (shell === "fish") return `echo 'stsctl shell-init fish | source' >> ${rc}`;
  if (shell === "powershell") return `Add-Content $PROFILE 'Invoke-Expression (& stsctl shell-init powershell | Out-String)'`;
  return `echo 'eval "$(stsctl shell-init ${shell})"' >> ${rc}`;
}

/** The files each shell reads at start, the usual one first. */
function startupFiles(ctx: Ctx, shell: string): string[] | undefined {
  const home = ctx.home;
  if (shell === "bash") return [".bashrc", ".bash_profile", ".bash_login", ".profile"].map((f) => path.join(home, f));
  if (shell === "zsh") {
    const dir = ctx.env.ZDOTDIR || home;
    return [".zshrc", ".zprofile", ".zshenv", ".zlogin"].map((f) => path.join(dir, f));
  }
  if (shell === "fish") {
    const dir = path.join(ctx.env.XDG_CONFIG_HOME || path.join(home, ".config"), "fish");
    let confd: string[] = [];
    try {
      confd = readdirSync(path.join(dir, "conf.d"))
        .filter((f) => f.endsWith(".fish"))
        .map((f) => path.join(dir, "conf.d", f));
    } catch {
      // no conf.d
    }
    return [path.join(dir, "config.fish"), ...confd];
  }
  if (shell === "powershell") {
    const docs = path.join(home, "Documents");
    return [path.join(docs, "PowerShell", "Microsoft.PowerShell_profile.ps1"), path.join(docs, "WindowsPowerShell", "Microsoft.PowerShell_profile.ps1")];
  }
  return undefined;
}

function read(file: string): string | undefined {
  try {
    return readRegularFileSync(file, { maxBytes: MAX_RC_BYTES, refuse: (why) => new StoreError(why.text) }).toString("utf8");
  } catch {
    return undefined;
  }
}
