// What the credential-process cache hit loads, and what each piece costs:
//  1. the modules it resolves (load recorder preload), with sizes;
//  2. the import cost of each package and of stsctl's own chunks, each alone in
//     a fresh node (median over runs, minus an empty ESM `node -e` floor);
//  3. the keychain lookup itself (one D-Bus round trip through the binding);
//  4. a CPU profile of real hit runs, time charged per bucket.
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { bucketize } from "./cpuProfile.js";
import { writeLoadRecorder } from "../test/support/loadRecorder.js";
import { timeOnce, type Cmd } from "./spawnTimed.js";
import { summarize } from "./stats.js";

export interface HitPathModules {
  chunks: Array<{ url: string; bytes: number }>;
  packages: string[];
  builtins: string[];
  forbidden: string[];
}

const FORBIDDEN = /@aws-sdk|@smithy|@inquirer|playwright|otplib|fast-xml-parser|openid-client/;

export function hitPathModules(hit: Cmd, scratch: string): HitPathModules {
  const rec = writeLoadRecorder(scratch);
  const r = timeOnce({ ...hit, env: { ...hit.env, NODE_OPTIONS: rec.nodeOptions } });
  if (r.status !== 0) throw new Error(`recorded cache hit failed: ${r.stderr}`);
  const urls = rec.read();
  const files = urls.filter((u) => u.startsWith("file://"));
  const chunks = files
    .filter((u) => /\/(dist|bin)\//.test(u) && !u.includes("/node_modules/"))
    .map((url) => ({ url, bytes: statSync(fileURLToPath(url)).size }));
  const packages = [...new Set(files.flatMap((u) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1] ?? []))];
  const builtins = [...new Set(urls.filter((u) => u.startsWith("node:") || !u.includes("/")).map((u) => u.replace(/^node:/, "")))];
  return { chunks, packages, builtins, forbidden: urls.filter((u) => FORBIDDEN.test(u)) };
}

export interface ImportCost {
  what: string;
  medianMs: number;
  overFloorMs: number;
}

/** Each entry imported alone in a fresh `node --input-type=module`, interleaved with an empty floor, `runs` times. */
export function isolatedImportCosts(
  entries: Array<{ what: string; specifiers: string[] }>,
  repo: string,
  runs: number,
): { floorMs: number; costs: ImportCost[] } {
  const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: tmpdir() };
  const cmd = (specifiers: string[]): Cmd => ({
    cmd: process.execPath,
    args: ["--input-type=module", "-e", specifiers.map((s) => `await import(${JSON.stringify(s)});`).join("")],
    env,
    cwd: repo,
  });
  const floor: number[] = [];
  const samples = entries.map(() => [] as number[]);
  for (let i = 0; i < runs + 1; i++) {
    const f = timeOnce(cmd([]));
    if (i > 0) floor.push(f.ms);
    entries.forEach((e, j) => {
      const r = timeOnce(cmd(e.specifiers));
      if (r.status !== 0) throw new Error(`import of ${e.what} failed: ${r.stderr.slice(0, 400)}`);
      if (i > 0) samples[j]!.push(r.ms);
    });
  }
  const floorMs = summarize(floor).median;
  return {
    floorMs,
    costs: entries.map((e, j) => {
      const m = summarize(samples[j]!).median;
      return { what: e.what, medianMs: m, overFloorMs: m - floorMs };
    }),
  };
}

/** One keychain read through @napi-rs/keyring, timed inside a fresh process (binding load and D-Bus lookup separately). */
export function keychainLookupCost(env: Record<string, string>, repo: string, runs: number): { loadMs: number; lookupMs: number } {
  const script = `
const t0 = performance.now();
const { AsyncEntry } = await import("@napi-rs/keyring");
const t1 = performance.now();
const e = new AsyncEntry("stsctl", "session-key", { linux: { store: "secret-service" } });
const v = await e.getPassword();
const t2 = performance.now();
if (!v) throw new Error("no session key in the keychain");
process.stdout.write(JSON.stringify({ load: t1 - t0, lookup: t2 - t1 }));`;
  const load: number[] = [];
  const lookup: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = timeOnce({ cmd: process.execPath, args: ["--input-type=module", "-e", script], env, cwd: repo });
    if (r.status !== 0) throw new Error(`keychain lookup failed: ${r.stderr.slice(0, 400)}`);
    const o = JSON.parse(r.stdout) as { load: number; lookup: number };
    load.push(o.load);
    lookup.push(o.lookup);
  }
  return { loadMs: summarize(load).median, lookupMs: summarize(lookup).median };
}

/**
 * Median ms per bucket over `runs` profiled runs of `hit` (the profiler's own
 * overhead included). `hit.cmd` is a script run under node, or a node flag
 * such as "-e" for a floor run.
 */
export function profileHit(hit: Cmd, runs: number): { totalMs: number; buckets: Array<[string, number]>; scripts: Array<[string, number]> } {
  const dir = mkdtempSync(join(tmpdir(), "stsctl-bench-prof-"));
  try {
    const totals: number[] = [];
    const per = new Map<string, number[]>();
    const perScript = new Map<string, number[]>();
    for (let i = 0; i < runs; i++) {
      const before = new Set(readdirSync(dir));
      // --cpu-prof is refused in NODE_OPTIONS: run the script under node with the flags.
      const r = timeOnce({ ...hit, cmd: process.execPath, args: ["--cpu-prof", `--cpu-prof-dir=${dir}`, "--cpu-prof-interval=200", hit.cmd, ...hit.args] });
      if (r.status !== 0) throw new Error(`profiled cache hit failed: ${r.stderr}`);
      const file = readdirSync(dir).find((f) => !before.has(f) && f.endsWith(".cpuprofile"));
      if (!file) continue;
      const { total, buckets, scripts } = bucketize(join(dir, file));
      totals.push(total);
      for (const [b, v] of buckets) per.set(b, [...(per.get(b) ?? []), v]);
      for (const [b, v] of scripts) perScript.set(b, [...(perScript.get(b) ?? []), v]);
    }
    const n = totals.length;
    const medians = (m: Map<string, number[]>) =>
      [...m.entries()].map(([b, v]) => [b, summarize([...v, ...Array<number>(n - v.length).fill(0)]).median] as [string, number]).sort((a, b) => b[1] - a[1]);
    return { totalMs: summarize(totals).median, buckets: medians(per), scripts: medians(perScript).slice(0, 12) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
