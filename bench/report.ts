// Prints the figures, the ratios and the issue-4 targets with PASS/MISS, and a
// Markdown table for docs/performance.md and the README.
import type { ColdRound } from "./cold.js";
import type { HitPathModules, ImportCost } from "./importCost.js";
import type { Machine } from "./machine.js";
import { ms, ratio, x, type Summary } from "./stats.js";

type Profile = { totalMs: number; buckets: Array<[string, number]>; scripts: Array<[string, number]> };

export type CaseId = "floor" | "hit" | "env" | "aws" | "hitNoAgent";

export interface Report {
  machine: Machine;
  /** What was measured: the working tree's build or a commit. */
  build: string;
  loads: Array<[string, string]>;
  runs: number;
  sequential: Array<{ id: CaseId; name: string } & Summary>;
  hitStsCalls: number;
  rss: Array<{ name: string; medianKiB: number | null; maxKiB: number | null }>;
  cold: ColdRound[];
  parallel32: { floor: Summary; hit: Summary };
  modules: HitPathModules;
  imports: { floorMs: number; costs: ImportCost[] };
  keychain: { loadMs: number; lookupMs: number };
  profile: Profile;
  floorProfile: Profile;
  envModules: HitPathModules;
  seconds: number;
}

const pad = (s: string, n: number) => (s.length >= n ? s : s + " ".repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : " ".repeat(n - s.length) + s);
const mib = (kib: number | null) => (kib === null ? "n/a" : `${(kib / 1024).toFixed(1)} MiB`);
const verdict = (ok: boolean) => (ok ? "PASS" : "MISS");
const median = (r: Report, id: CaseId) => r.sequential.find((s) => s.id === id)?.median ?? Number.NaN;

export function targets(r: Report): Array<{ ok: boolean; text: string }> {
  const hitRatio = ratio(median(r, "hit"), median(r, "floor"));
  const out = [
    { ok: hitRatio <= 1.5, text: `cache hit ≤ 1.5 × node -e 0: ${x(hitRatio)}` },
    { ok: hitRatio <= 1.25, text: `(stretch) cache hit ≤ 1.25 × node -e 0: ${x(hitRatio)}` },
  ];
  const aws = median(r, "aws");
  if (Number.isFinite(aws)) {
    const speedup = ratio(aws, median(r, "hit"));
    out.push({ ok: speedup >= 4, text: `cache hit ≥ 4 × faster than the AWS CLI: ${x(speedup)} faster` });
  }
  const one = r.cold.find((c) => c.n === 1);
  const many = r.cold.find((c) => c.n === 32);
  if (one && many) {
    const perStep = many.callsPerStep.every((steps) => steps.every((n) => n === 1)) && many.otherStsCalls === 0;
    out.push({ ok: perStep, text: `32 parallel cold: exactly one STS call per step (rounds: ${many.callsPerStep.map((s) => s.join("+")).join(", ")})` });
    out.push({
      ok: many.allOk.every(Boolean) && many.sameCreds.every(Boolean),
      text: `32 parallel cold: all 32 succeed with the same credentials (${many.rounds} rounds)`,
    });
    const slow = ratio(many.wall.median, one.wall.median);
    out.push({ ok: slow < 3, text: `32 parallel cold < 3 × one cold call: ${ms(many.wall.median)} vs ${ms(one.wall.median)} = ${x(slow)}` });
  }
  return out;
}

export function printReport(r: Report): void {
  const p = (s = "") => process.stdout.write(s + "\n");
  const m = r.machine;
  const floor = median(r, "floor");
  const aws = median(r, "aws");
  const hasAws = Number.isFinite(aws);

  p("stsctl credential_process benchmark");
  p("===================================");
  p(`machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}`);
  p(`node ${m.node}; AWS CLI ${m.awsCli ?? "absent"}; stsctl: ${r.build}`);
  p(`load average (1/5/15 min): ${r.loads.map(([w, l]) => `${w} ${l}`).join("; ")}`);
  p(`wall time per process (spawn to exit), ${r.runs} interleaved runs per case after 3 warm-ups`);
  p();
  p(`${pad("case", 60)}${lpad("median", 9)}${lpad("p90", 9)}${lpad("min", 9)}${lpad("× floor", 9)}${hasAws ? lpad("AWS CLI ÷", 11) : ""}`);
  for (const s of r.sequential) {
    p(
      `${pad(s.name, 60)}${lpad(ms(s.median), 9)}${lpad(ms(s.p90), 9)}${lpad(ms(s.min), 9)}${lpad(x(ratio(s.median, floor)), 9)}${hasAws ? lpad(x(ratio(aws, s.median)), 11) : ""}`,
    );
  }
  p(`STS calls during the cache-hit runs: ${r.hitStsCalls} (0 = every run was a hit)`);
  p();
  p("peak RSS (GNU time, 5 runs):");
  for (const v of r.rss) p(`  ${pad(v.name, 58)} median ${mib(v.medianKiB)}, max ${mib(v.maxKiB)}`);
  p();
  p("cold credential-process, 2-step role chain (alice → Dev → DevChained), empty session cache each round:");
  const one = r.cold.find((c) => c.n === 1)?.wall.median ?? Number.NaN;
  p(`${lpad("N", 4)}${lpad("rounds", 8)}${lpad("median", 10)}${lpad("p90", 10)}${lpad("× N=1", 8)}   STS calls per step (each round)   all ok / same creds`);
  for (const c of r.cold) {
    p(
      `${lpad(String(c.n), 4)}${lpad(String(c.rounds), 8)}${lpad(ms(c.wall.median), 10)}${lpad(ms(c.wall.p90), 10)}${lpad(x(ratio(c.wall.median, one)), 8)}   ${pad(c.callsPerStep.map((s) => s.join("+")).join(", "), 33)} ${c.allOk.every(Boolean) ? "yes" : "NO"} / ${c.sameCreds.every(Boolean) ? "yes" : "NO"}${c.otherStsCalls ? ` (+${c.otherStsCalls} other STS calls)` : ""}`,
    );
  }
  p(
    `reference, 32 in parallel, median of 3: node -e 0 ${ms(r.parallel32.floor.median)} (${x(ratio(r.parallel32.floor.median, one))} a cold call); cache hits ${ms(r.parallel32.hit.median)} (${x(ratio(r.parallel32.hit.median, one))})`,
  );
  p();
  p("targets:");
  for (const t of targets(r)) p(`  [${verdict(t.ok)}] ${t.text}`);
  p();
  printImports(r, p);
  p();
  printMarkdown(r, p);
  p();
  p(`bench took ${r.seconds.toFixed(0)} s`);
}

function printImports(r: Report, p: (s?: string) => void): void {
  const mods = r.modules;
  const kb = mods.chunks.reduce((a, c) => a + c.bytes, 0) / 1024;
  p("cache-hit path: what loads");
  p(`  stsctl files: ${mods.chunks.length} (${kb.toFixed(0)} KiB): ${mods.chunks.map((c) => c.url.replace(/^.*\/(bin|dist)\//, "$1/")).join(" ")}`);
  p(`  packages: ${mods.packages.join(", ") || "none"}`);
  p(`  node builtins: ${mods.builtins.join(", ")}`);
  p(`  SDK / prompts / browser / otplib modules: ${mods.forbidden.length ? mods.forbidden.join(" ") : "none"}`);
  p(`import cost, each alone in a fresh node (median of 7, minus an empty ESM node -e at ${ms(r.imports.floorMs)}):`);
  for (const c of [...r.imports.costs].sort((a, b) => b.overFloorMs - a.overFloorMs))
    p(`  ${pad(c.what, 60)}${lpad(`+${ms(Math.max(0, c.overFloorMs))}`, 12)}`);
  p(`keychain inside one process: load @napi-rs/keyring ${ms(r.keychain.loadMs)}, one Secret Service lookup ${ms(r.keychain.lookupMs)}`);
  p(`CPU profile (median of 9 runs each, profiler on): cache hit spans ${ms(r.profile.totalMs)}, node -e 0 spans ${ms(r.floorProfile.totalMs)}`);
  p(`  ${pad("bucket", 58)}${lpad("hit", 10)}${lpad("floor", 10)}${lpad("hit − floor", 13)}`);
  const floorOf = new Map(r.floorProfile.buckets);
  for (const [b, v] of r.profile.buckets) {
    const f = floorOf.get(b) ?? 0;
    if (v >= 0.5 || f >= 0.5) p(`  ${pad(b, 58)}${lpad(ms(v), 10)}${lpad(ms(f), 10)}${lpad(ms(v - f), 13)}`);
  }
  p("  cache hit, top scripts by self time:");
  for (const [b, v] of r.profile.scripts) if (v >= 0.3) p(`    ${pad(b, 56)}${lpad(ms(v), 12)}`);
  const env = r.envModules;
  p(
    `for comparison, \`stsctl env\` on a hit loads ${env.chunks.length} stsctl files (${(env.chunks.reduce((a, c) => a + c.bytes, 0) / 1024).toFixed(0)} KiB) and the packages: ${env.packages.join(", ") || "none"}`,
  );
}

function printMarkdown(r: Report, p: (s?: string) => void): void {
  const floor = median(r, "floor");
  const aws = median(r, "aws");
  const hasAws = Number.isFinite(aws);
  p("Markdown (docs/performance.md, README):");
  p();
  p(`| case | median | p90 | × \`node -e 0\` |${hasAws ? " AWS CLI ÷ case |" : ""}`);
  p(`|---|---:|---:|---:|${hasAws ? "---:|" : ""}`);
  for (const s of r.sequential)
    p(`| ${s.name} | ${ms(s.median)} | ${ms(s.p90)} | ${x(ratio(s.median, floor))} |${hasAws ? ` ${x(ratio(aws, s.median))} |` : ""}`);
  p();
  const one = r.cold.find((c) => c.n === 1)?.wall.median ?? Number.NaN;
  p("| cold `credential-process`, 2 STS steps | median | p90 | × one cold call | STS calls per step, each round | all same credentials |");
  p("|---|---:|---:|---:|---|---|");
  for (const c of r.cold) {
    p(
      `| ${c.n} in parallel | ${ms(c.wall.median)} | ${ms(c.wall.p90)} | ${x(ratio(c.wall.median, one))} | ${c.callsPerStep.map((s) => s.join("+")).join(", ")} | ${c.allOk.every(Boolean) && c.sameCreds.every(Boolean) ? "yes" : "NO"} |`,
    );
  }
  p(
    `| reference: 32 × \`node -e 0\` in parallel | ${ms(r.parallel32.floor.median)} | ${ms(r.parallel32.floor.p90)} | ${x(ratio(r.parallel32.floor.median, one))} | — | — |`,
  );
  p(
    `| reference: 32 cache hits in parallel | ${ms(r.parallel32.hit.median)} | ${ms(r.parallel32.hit.p90)} | ${x(ratio(r.parallel32.hit.median, one))} | — | — |`,
  );
  p();
  for (const t of targets(r)) p(`- ${verdict(t.ok)}: ${t.text}`);
}
