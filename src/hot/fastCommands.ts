import type { Ctx } from "../app/ctx.js";
import { isHotCommand, type HotCommand } from "./hotCommands.js";

type Command = (ctx: Ctx, args: unknown[], opts: Record<string, unknown>) => Promise<number>;

interface FastCommand {
  load: () => Promise<{ default: Command }>;
  positional: { min: number; max: number };
  /** Flags taking a value, by option name; a `choices` list is checked here too. */
  values: Record<string, { key: string; choices?: readonly string[] }>;
  booleans: Record<string, string>;
}

const SHELLS = ["bash", "zsh", "fish", "powershell", "cmd"] as const;
const where = { "--region": { key: "region" }, "--endpoint-url": { key: "endpointUrl" } };

// The hot commands' everyday flags: a key for each of HOT_COMMANDS, no more.
const FAST: Record<HotCommand, FastCommand> = {
  "credential-process": {
    load: () => import("../commands/credentialProcess.js"),
    positional: { min: 1, max: 1 },
    values: where,
    booleans: { "--debug": "debug" },
  },
  env: {
    load: () => import("../commands/env.js"),
    positional: { min: 0, max: 1 },
    values: {
      ...where,
      "--profile": { key: "profile" },
      "--shell": { key: "shell", choices: SHELLS },
      "--format": { key: "format", choices: [...SHELLS, "dotenv", "json"] },
    },
    booleans: { "--debug": "debug", "--unset": "unset" },
  },
};

export interface FastCall {
  load: FastCommand["load"];
  positional: string[];
  opts: Record<string, unknown>;
}

/**
 * `credential-process` and `env` with their everyday flags, parsed without
 * commander: the command table alone costs more than a cache hit. Anything
 * unusual (help, other flags, bad values) is undefined and goes through
 * the full table, which owns help and error messages.
 */
export function parseFastCall(argv: string[]): FastCall | undefined {
  const spec = isHotCommand(argv[0]) ? FAST[argv[0]] : undefined;
  if (!spec) return undefined;
  const opts: Record<string, unknown> = {};
  const positional: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.startsWith("--") && a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
    const value = spec.values[flag];
    if (value) {
      const v = inline ?? argv[++i];
      if (v === undefined || (value.choices && !value.choices.includes(v))) return undefined;
      opts[value.key] = v;
    } else if (spec.booleans[a]) opts[spec.booleans[a]!] = true;
    else if (a.startsWith("-")) return undefined;
    else positional.push(a);
  }
  if (positional.length < spec.positional.min || positional.length > spec.positional.max) return undefined;
  return { load: spec.load, positional, opts };
}

/** Runs a fast call; undefined when argv needs the full command table. */
export async function tryFastPath(argv: string[], ctx: () => Ctx): Promise<number | undefined> {
  const call = parseFastCall(argv);
  if (!call) return undefined;
  const { default: run } = await call.load();
  return run(ctx(), call.positional, call.opts);
}
