// npm's `prepare` (npm ci, npm install in a checkout): build dist/ with
// scripts/build.mjs. esbuild is a dev dependency, so `npm ci --omit=dev` has
// none: then an existing dist/ is kept (built earlier in this checkout), and
// without one the install fails saying how to get it.
import { existsSync } from "node:fs";

let esbuild = true;
try {
  import.meta.resolve("esbuild");
} catch {
  esbuild = false;
}
const dist = new URL("../dist/", import.meta.url);
const built = ["main.js", "front.cjs", "fast.cjs", "agent.js", "keychainHelper.cjs"].every((f) => existsSync(new URL(f, dist)));

if (esbuild) await import("./build.mjs");
else if (built) console.error("stsctl: esbuild is not installed (npm ci --omit=dev?): keeping the dist/ built earlier");
else {
  console.error("stsctl: cannot build dist/: esbuild is not installed (npm ci --omit=dev?). Run `npm ci` once to build it, then `npm ci --omit=dev` keeps it.");
  process.exitCode = 1;
}
