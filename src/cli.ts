// The command table: declares commands and flags only. Each action lazy-imports
// its module so that a command loads just what it uses.
import { Command, CommanderError } from "commander";
import { UsageError } from "./errors.js";

export async function run(argv: string[], meta: { version: string }): Promise<number> {
  const program = new Command("stsctl")
    .description("Short-lived AWS credentials from STS, for shells, child processes and every AWS SDK.")
    .version(meta.version, "-V, --version")
    .option("--debug", "log what stsctl does to stderr (secrets redacted)")
    .exitOverride()
    // Errors are rendered once, by renderError.
    .configureOutput({ outputError: () => {} });

  try {
    await program.parseAsync(argv, { from: "user" });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.exitCode === 0) return 0;
      throw new UsageError(e.message.replace(/^error: /, ""), { hint: "see stsctl --help" });
    }
    throw e;
  }
}
