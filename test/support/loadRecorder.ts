// A preload (NODE_OPTIONS="--import FILE") that appends every module a process
// resolves to a log: ESM through a resolve hook on the loader thread, CommonJS
// through Module._load. Lists what the cache-hit path loads (bench/ and the tests).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export function writeLoadRecorder(dir: string): { nodeOptions: string; log: string; read(): string[] } {
  const file = join(dir, "bench-record-loads.mjs");
  const log = join(dir, "bench-loads.log");
  const hooks = `
import { appendFileSync } from "node:fs";
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(${JSON.stringify(log)}, r.url + "\\n");
  return r;
}`;
  writeFileSync(
    file,
    `import { register, createRequire } from "node:module";
import { appendFileSync } from "node:fs";
register("data:text/javascript," + encodeURIComponent(${JSON.stringify(hooks)}));
const Module = createRequire(import.meta.url)("node:module");
const load = Module._load;
Module._load = function (request, parent) {
  let where = request;
  try { where = Module._resolveFilename(request, parent); } catch {}
  appendFileSync(${JSON.stringify(log)}, (where.startsWith("/") ? "file://" + where : where) + "\\n");
  return load.apply(this, arguments);
};
`,
  );
  return {
    nodeOptions: `--import ${file}`,
    log,
    read: () => {
      try {
        return [...new Set(readFileSync(log, "utf8").split("\n").filter(Boolean))];
      } catch {
        return [];
      }
    },
  };
}
