import { CommanderError } from "commander";
import { UsageError } from "../errors.js";
import { buildProgram } from "./buildProgram.js";

/**
 * `stsctl exec -- terraform plan`: commander fills the arguments in order from
 * the words on both sides of `--`, so it would take `terraform` for the profile
 * and the error would be about the command. Parsed by the same table, what comes
 * before `--` must name the profile.
 */
export async function checkExecProfile(argv: string[]): Promise<void> {
  const end = argv.indexOf("--");
  if (end < 0 || !argv.slice(0, end).includes("exec")) return;
  const program = buildProgram({ version: "" });
  const silent = { writeOut: () => undefined, writeErr: () => undefined, outputError: () => undefined };
  let sub: string | undefined;
  program.configureOutput(silent).hook("preSubcommand", (_, cmd) => void (sub = cmd.name()));
  for (const c of program.commands) c.configureOutput(silent).action(() => undefined);
  try {
    await program.parseAsync(argv.slice(0, end), { from: "user" });
  } catch (e) {
    if (sub === "exec" && e instanceof CommanderError && e.code === "commander.missingArgument") {
      // The global --profile does not name exec's profile: that is its first argument.
      const flag = program.opts().profile;
      throw new UsageError("no profile given: stsctl exec takes the profile before --", {
        hint:
          typeof flag === "string"
            ? `give it as the first argument, not --profile: stsctl exec ${flag} -- COMMAND [ARGS...]`
            : "name it first: stsctl exec PROFILE -- COMMAND [ARGS...] (stsctl list shows the profiles)",
      });
    }
    // Anything else (help, a bad flag) the real parse reports.
  }
}
