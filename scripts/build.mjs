// Bundles src/ into dist/:
// - main.js: the full command table, ESM with code splitting, so each command
//   (and the AWS SDK) loads as a lazy chunk;
// - fast.cjs: credential-process alone, one CommonJS file, for the path SDKs hit
//   on every refresh (bin/stsctl picks it);
// - agent.js: the key agent process.
import { build } from "esbuild";
import { rm, readFile } from "node:fs/promises";

const pkg = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8"));
await rm(new URL("../dist", import.meta.url), { recursive: true, force: true });
const common = {
  bundle: true,
  platform: "node",
  target: "node20.19",
  // Dependencies stay external: node resolves them from node_modules.
  packages: "external",
  define: { STSCTL_VERSION: JSON.stringify(pkg.version) },
  logLevel: "warning",
};
await Promise.all([
  build({
    ...common,
    entryPoints: { main: "src/main.ts", agent: "src/agent.ts" },
    outdir: "dist",
    splitting: true,
    format: "esm",
    chunkNames: "chunks/[name]-[hash]",
    sourcemap: "linked",
  }),
  build({
    ...common,
    entryPoints: { fast: "src/fastMain.ts" },
    outdir: "dist",
    outExtension: { ".js": ".cjs" },
    format: "cjs",
    // Smaller to read and compile on every SDK refresh; stack traces matter less here than speed.
    minify: true,
    // The fallback to the full command table stays a separate ESM entry.
    external: ["./main.js"],
  }),
]);
