import { fishFunction } from "../completion/wrapperFish.js";
import { posixFunction } from "../completion/wrapperPosix.js";
import { powershellFunction } from "../completion/wrapperPowershell.js";
import type { Ctx } from "../app/ctx.js";

export type InitShell = "bash" | "zsh" | "fish" | "powershell";

/**
 * stsctl shell-init SHELL: the `stsctl` shell function for the user's rc file.
 * It calls this very binary by absolute path (resolved now), so it works
 * whatever PATH holds and cannot recurse into itself.
 */
export default async function shellInit(ctx: Ctx, args: unknown[]): Promise<number> {
  ctx.out(shellFunction(args[0] as InitShell, { bin: ctx.selfPath, node: process.execPath }));
  return 0;
}

export function shellFunction(shell: InitShell, paths: { bin: string; node: string }): string {
  if (shell === "fish") return fishFunction(paths.bin);
  // Windows runs no shebang: PowerShell starts node with the script.
  if (shell === "powershell") return powershellFunction(paths.node, paths.bin);
  return posixFunction(shell, paths.bin);
}
