// Bundles src/ into dist/ with code splitting: the entry stays small and each
// command (and the AWS SDK) loads as a lazy chunk, which keeps the
// credential-process cache-hit path fast.
import { build } from "esbuild";
import { rm, readFile } from "node:fs/promises";

const pkg = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8"));
await rm(new URL("../dist", import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { main: "src/main.ts" },
  outdir: "dist",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20.19",
  // Native and SDK packages stay external: node resolves them from node_modules.
  packages: "external",
  define: { STSCTL_VERSION: JSON.stringify(pkg.version) },
  chunkNames: "chunks/[name]-[hash]",
  sourcemap: "linked",
  logLevel: "warning",
});
