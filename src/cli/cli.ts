// Runs the command table (src/cli/commandTable.ts): each command's action
// lazy-imports its module, so a command loads just what it uses.
import { type Command, CommanderError } from "commander";
import { ExitCode, UsageError } from "../errors.js";
import type { Ctx } from "../app/ctx.js";
import { buildProgram } from "./buildProgram.js";
import { checkExecProfile } from "./execProfile.js";

type Action = (ctx: Ctx, args: unknown[], opts: Record<string, unknown>) => Promise<number | undefined>;
type Loader = () => Promise<Action>;

const byDefault =
  (load: () => Promise<{ default: Action }>): Loader =>
  async () =>
    (await load()).default;

/** The module behind each command of the table, by its path ("mfa add"). */
const LOADERS: Record<string, Loader> = {
  plan: byDefault(() => import("../commands/plan.js")),
  whoami: byDefault(() => import("../commands/whoami.js")),
  assume: byDefault(() => import("../commands/assume.js")),
  "session-token": byDefault(() => import("../commands/sessionToken.js")),
  env: byDefault(() => import("../commands/env.js")),
  exec: byDefault(() => import("../commands/exec.js")),
  "credential-process": byDefault(() => import("../commands/credentialProcess.js")),
  "setup-profile": byDefault(() => import("../commands/setupProfile.js")),
  saml: byDefault(() => import("../commands/saml.js")),
  "shell-init": byDefault(() => import("../commands/shellInit.js")),
  unset: byDefault(() => import("../commands/unset.js")),
  completion: byDefault(() => import("../commands/completion.js")),
  add: async () => (await import("../commands/keys.js")).addKeys,
  remove: async () => (await import("../commands/keys.js")).removeKeysCommand,
  __complete: byDefault(() => import("../commands/complete.js")),
  oidc: byDefault(() => import("../commands/oidc.js")),
  "oidc logout": byDefault(() => import("../commands/oidcLogout.js")),
  list: byDefault(() => import("../commands/list.js")),
  clear: byDefault(() => import("../commands/clear.js")),
  doctor: byDefault(() => import("../commands/doctor.js")),
  "mfa add": async () => {
    const { mfaAdd } = await import("../commands/mfa.js");
    return (ctx, args, opts) => mfaAdd(ctx, args[0] as string, opts);
  },
  "mfa code": async () => {
    const { mfaCode } = await import("../commands/mfa.js");
    return (ctx, args, opts) => mfaCode(ctx, args[0] as string, opts);
  },
  "mfa remove": async () => {
    const { mfaRemove } = await import("../commands/mfa.js");
    return (ctx, args, opts) => mfaRemove(ctx, args[0] as string, opts);
  },
};

/**
 * Gives every command without subcommands the action that loads and runs its module, and a
 * command with subcommands one if it has a module too (`oidc PROFILE` beside `oidc logout`).
 */
function attachActions(cmd: Command, path: string[], ctx: () => Ctx, setExit: (code: number) => void): void {
  for (const sub of cmd.commands) {
    const subPath = [...path, sub.name()];
    const load = LOADERS[subPath.join(" ")];
    if (sub.commands.length > 0) {
      attachActions(sub, subPath, ctx, setExit);
      if (!load) continue;
    }
    if (!load) throw new Error(`no module for the command "${subPath.join(" ")}" in src/cli/cli.ts`);
    sub.action(async (...all: unknown[]) => {
      // commander passes the arguments, then the options, then the command itself.
      const self = all.at(-1) as Command;
      const code = await (await load())(ctx(), all.slice(0, -2), self.optsWithGlobals());
      setExit(typeof code === "number" ? code : 0);
    });
  }
}

export async function run(argv: string[], meta: { version: string }, ctx: () => Ctx): Promise<number> {
  let exit = 0;
  const program = buildProgram(meta);
  attachActions(program, [], ctx, (c) => (exit = c));
  await checkExecProfile(argv);
  try {
    await program.parseAsync(argv, { from: "user" });
    return exit;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.exitCode === 0 || e.code === "commander.helpDisplayed" || e.code === "commander.version") return 0;
      // No command at all: the help went to stderr, and the call was a usage error.
      if (e.code === "commander.help") return ExitCode.usage;
      const execOption = argv[0] === "exec" && e.code === "commander.unknownOption";
      throw new UsageError(e.message.replace(/^error: /, ""), {
        hint: execOption ? "put the command after --, e.g. stsctl exec PROFILE -- ls -la" : "see stsctl --help, or stsctl <command> --help",
      });
    }
    throw e;
  }
}
