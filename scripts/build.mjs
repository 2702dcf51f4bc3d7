// Bundles src/ into dist/:
// - main.js: the full command table, ESM with code splitting, so each command
//   (and the AWS SDK) loads as a lazy chunk;
// - fast.cjs: the hot commands (src/hot/hotCommands.ts: credential-process, env) as
//   one CommonJS file, for the path SDKs and shells hit all the time;
// - front.cjs: where bin/stsctl starts every command: a hot one first asks the key
//   agent to answer a cache hit before fast.cjs is even read;
// - agent.js: the key agent process.
// - keychainHelper.cjs: the process that makes OS keychain calls, so a hung call can be killed.
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { chmod, mkdtemp, readdir, readFile, rename, rm } from "node:fs/promises";

const pkg = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8"));
// A build's agent serves only that build (src/store/agent/buildId.ts): name it by its sources.
const hash = createHash("sha256").update(pkg.version);
// What else shapes dist/: the locked dependency versions and this script.
for (const f of ["../package-lock.json", "./build.mjs"]) hash.update(await readFile(new URL(f, import.meta.url)).catch(() => ""));
const srcDir = new URL("../src/", import.meta.url);
for (const f of (await readdir(srcDir, { recursive: true })).filter((f) => f.endsWith(".ts")).sort()) {
  hash.update(f).update(await readFile(new URL(f, srcDir)));
}
const buildId = hash.digest("hex").slice(0, 12);
// Build beside dist/ and swap it in at the end, so a stsctl running meanwhile
// (another terminal, a test) never finds dist/ half written.
const root = new URL("..", import.meta.url).pathname;
const out = await mkdtemp(`${root}.dist-`);
const common = {
  bundle: true,
  platform: "node",
  target: "node20.19",
  // Dependencies stay external: node resolves them from node_modules.
  packages: "external",
  define: { STSCTL_VERSION: JSON.stringify(pkg.version), STSCTL_BUILD_ID: JSON.stringify(buildId) },
  logLevel: "warning",
};
await Promise.all([
  build({
    ...common,
    entryPoints: { main: "src/entry/main.ts", agent: "src/entry/agent.ts" },
    outdir: out,
    splitting: true,
    format: "esm",
    chunkNames: "chunks/[name]-[hash]",
    sourcemap: "linked",
  }),
  // One CommonJS file each, minified: smaller to read and compile on every SDK
  // refresh; stack traces matter less there than speed.
  ...[
    // The fallback to the full command table stays a separate ESM entry.
    { entryPoints: { fast: "src/entry/fast.ts" }, external: ["./main.js"] },
    { entryPoints: { front: "src/entry/front.ts" }, external: ["./fast.cjs", "./main.js"] },
    { entryPoints: { keychainHelper: "src/entry/keychainHelper.ts" } },
  ].map((entry) => build({ ...common, ...entry, outdir: out, outExtension: { ".js": ".cjs" }, format: "cjs", minify: true })),
]);
// mkdtemp made it 0700: give it the mode any directory made here would have (umask), so a
// checkout built by one user runs for every user who can read the checkout.
const dirMode = 0o777 & ~process.umask();
await chmod(out, dirMode);
for (const f of await readdir(out, { recursive: true, withFileTypes: true })) if (f.isDirectory()) await chmod(`${f.parentPath}/${f.name}`, dirMode);
const old = `${out}-old`;
await rename(`${root}dist`, old).catch(() => undefined);
await rename(out, `${root}dist`);
await rm(old, { recursive: true, force: true });
