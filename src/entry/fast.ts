// dist/fast.cjs: the hot commands (src/hot/hotCommands.ts) as one CommonJS file,
// which starts faster than the ESM graph of the full table. Anything unusual
// (help, other flags) goes to dist/main.js, which parses argv again.
import { runEntry } from "../app/runEntry.js";
import { tryFastPath } from "../hot/fastCommands.js";

runEntry(async (argv, ctx) => {
  const code = await tryFastPath(argv, ctx);
  if (code === undefined) await import("./main.js");
  return code;
});
