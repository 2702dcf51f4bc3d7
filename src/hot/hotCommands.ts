/**
 * The commands that take the cache-hit path: the key agent first (src/entry/front.ts),
 * then one CommonJS bundle (src/entry/fast.ts) instead of the full command table.
 * They are the two run most often: by SDKs on every credentials refresh
 * (credential-process) and by shells in prompts and rc files (env). The one place
 * that decides it; src/hot/fastCommands.ts parses exactly these.
 */
export const HOT_COMMANDS = ["credential-process", "env"] as const;
export type HotCommand = (typeof HOT_COMMANDS)[number];

export function isHotCommand(name: string | undefined): name is HotCommand {
  return (HOT_COMMANDS as readonly string[]).includes(name ?? "");
}
