// Colour for stderr, where stsctl's messages go, as chalk detects it for stderr:
// FORCE_COLOR=0..3, TERM=dumb, whether stderr is a terminal. NO_COLOR
// (https://no-color.org), which chalk leaves to its callers, wins over all of them.
// chalk loads when the first string is painted: this module sits on the cache-hit
// path (src/app/renderError.ts), and a hit paints nothing.
import { realpathSync } from "node:fs";
import { createRequire } from "node:module";
import type { ChalkInstance } from "chalk";

let chalk: ChalkInstance | null | undefined;

function stderrChalk(): ChalkInstance | null {
  if (chalk === undefined) chalk = process.env.NO_COLOR ? null : loadChalk();
  return chalk;
}

// chalk 5 is ESM only; Node 20.19+ (package.json engines) can require() it, which
// keeps paint synchronous for its callers.
function loadChalk(): ChalkInstance | null {
  try {
    // dist/fast.cjs is CommonJS and has its own require; the ESM bundles (and src/ under
    // tsx) resolve from the running script, bin/stsctl, in the same package (see
    // selfPath in src/app/processCtx.ts).
    const mod = (typeof __filename === "string" && typeof require === "function" ? require("chalk") : fromSelf()("chalk")) as typeof import("chalk");
    return mod.chalkStderr;
  } catch {
    return null; // an uncoloured message rather than none
  }
}

function fromSelf(): NodeJS.Require {
  const script = process.argv[1] ?? "";
  try {
    return createRequire(realpathSync(script));
  } catch {
    return createRequire(script);
  }
}

const style =
  (name: "red" | "yellow" | "green" | "cyan" | "dim" | "bold") =>
  (s: string): string => {
    const c = stderrChalk();
    return c ? c[name](s) : s;
  };

export const paint = {
  red: style("red"),
  yellow: style("yellow"),
  green: style("green"),
  cyan: style("cyan"),
  dim: style("dim"),
  bold: style("bold"),
};
