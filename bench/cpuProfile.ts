// Where a process's CPU time goes, from a V8 .cpuprofile: every sample's time
// is charged to the script its top frame belongs to, grouped into buckets.
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export function bucketOf(url: string, functionName: string): string {
  if (!url) {
    if (functionName === "(idle)") return "(idle: waiting for I/O, D-Bus, children)";
    if (functionName === "(garbage collector)") return "(garbage collector)";
    return "(V8/native: compile, bootstrap, natives)";
  }
  const pkg = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pkg) return `package ${pkg[1]}`;
  if (url.includes("/dist/")) return "stsctl's own code (dist/)";
  if (url.includes("/bin/")) return "stsctl's own code (dist/)";
  if (/^node:internal\/(modules|process\/esm_loader|vm)/.test(url)) return "node: module loader";
  return "node: other internals";
}

/** Milliseconds per bucket and per script (self time) for one profile, and the profile's total span. */
export function bucketize(file: string): { total: number; buckets: Map<string, number>; scripts: Map<string, number> } {
  const p = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const buckets = new Map<string, number>();
  const scripts = new Map<string, number>();
  p.samples.forEach((id, i) => {
    const n = byId.get(id);
    const dt = (p.timeDeltas[i] ?? 0) / 1000;
    const b = n ? bucketOf(n.callFrame.url, n.callFrame.functionName) : "?";
    buckets.set(b, (buckets.get(b) ?? 0) + dt);
    const script = n?.callFrame.url ? n.callFrame.url.replace(/^file:\/\/.*\/(node_modules|dist|bin)\//, "$1/") : (n?.callFrame.functionName ?? "?");
    scripts.set(script, (scripts.get(script) ?? 0) + dt);
  });
  return { total: (p.endTime - p.startTime) / 1000, buckets, scripts };
}
