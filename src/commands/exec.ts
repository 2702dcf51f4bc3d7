import { spawn } from "node:child_process";
import { constants } from "node:os";
import { ChildError, UsageError } from "../errors.js";
import { childEnv } from "../io/childEnv.js";
import { CREDENTIAL_VARS, sessionVars, UNSET_ON_EXPORT } from "../output/shellExports.js";
import type { Ctx } from "../app/ctx.js";
import { createEngine } from "../app/createEngine.js";
import { engineOptions } from "../cli/engineOptions.js";
import { resolvePlan } from "../cli/resolvePlan.js";
import { regionToExport } from "../plan/resolveWhere.js";

/** Variables a child must not inherit: they would shadow or contradict the session. */
const SHADOWING = [...CREDENTIAL_VARS, ...UNSET_ON_EXPORT];
const FORWARDED: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2", "SIGWINCH"];

/** stsctl exec PROFILE -- CMD...: run CMD with the session's variables; exit with its status. */
export default async function exec(ctx: Ctx, args: unknown[], opts: Record<string, unknown>): Promise<number> {
  const name = args[0] as string;
  const command = (args[1] as string[] | undefined) ?? [];
  if (command.length === 0) {
    throw new UsageError("no command given", { hint: `stsctl exec ${name} -- COMMAND [ARGS...]` });
  }
  const force = opts.force === true;
  if (ctx.env.STSCTL_EXEC && !force) {
    throw new UsageError(`already inside "stsctl exec ${ctx.env.STSCTL_EXEC}"`, {
      hint: "nested sessions are confusing; exit that shell first, or pass --force",
    });
  }
  const { config, plan: p } = resolvePlan(ctx, name, opts, "session");
  const { credentials } = await createEngine(ctx, config, p, engineOptions(opts)).run();

  const env = childEnv(ctx.env);
  for (const k of SHADOWING) delete env[k];
  Object.assign(env, sessionVars(credentials, { region: regionToExport(p) }), { STSCTL_EXEC: name });

  const [cmd, ...rest] = command as [string, ...string[]];
  // No shell: arguments reach the command exactly as given, and nothing is re-parsed.
  // Handlers first: a child may signal us before spawn() returns to this line.
  let child: ReturnType<typeof spawn> | undefined;
  const handlers = FORWARDED.map((sig) => [sig, () => void child?.kill(sig)] as const);
  for (const [sig, h] of handlers) process.on(sig, h);
  child = spawn(cmd, rest, { stdio: "inherit", env });
  const running = child;
  try {
    return await new Promise<number>((resolve, reject) => {
      running.once("error", (e: NodeJS.ErrnoException) =>
        reject(
          new ChildError(`cannot run ${cmd}: ${e.code === "ENOENT" ? "command not found" : (e.code ?? e.message)}`, {
            hint: e.code === "ENOENT" ? "check the command name and PATH" : "check the command's permissions",
          }),
        ),
      );
      running.once("exit", (code, signal) => resolve(code ?? 128 + signalNumber(signal)));
    });
  } finally {
    for (const [sig, h] of handlers) process.off(sig, h);
  }
}

function signalNumber(signal: NodeJS.Signals | null): number {
  return (signal && constants.signals[signal]) || 1;
}
