import type { Command } from "commander";
import { bashCompletion } from "./bash.js";
import { fishCompletion } from "./fish.js";
import { completionModel } from "./model.js";
import { zshCompletion } from "./zsh.js";

export const COMPLETION_SHELLS = ["bash", "zsh", "fish"] as const;
export type CompletionShell = (typeof COMPLETION_SHELLS)[number];

/** The file each script is checked in as, under completions/ (the names each shell looks for). */
export const COMPLETION_FILES: Record<CompletionShell, string> = { bash: "stsctl.bash", zsh: "_stsctl", fish: "stsctl.fish" };

/** The completion script for `shell`, generated from the command table `program`. */
export function completionScript(shell: CompletionShell, program: Command): string {
  const spec = completionModel(program);
  return shell === "bash" ? bashCompletion(spec) : shell === "zsh" ? zshCompletion(spec) : fishCompletion(spec);
}
