// A quick A/B of the cache hit alone, for working on the hit path: the floor,
// the hit through the key agent, and the hit without it, interleaved.
//   npx tsx bench/quickHit.ts [runs]
import { fileURLToPath } from "node:url";
import { timeOnce, timeParallel } from "./spawnTimed.js";
import { summarize } from "./stats.js";
import { startBenchWorld } from "./world.js";

const BIN = fileURLToPath(new URL("../bin/stsctl", import.meta.url));
const runs = Number(process.argv[2] ?? 40);
const w = await startBenchWorld();
try {
  const cases = [
    { name: "node -e 0", cmd: { cmd: process.execPath, args: ["-e", "0"], env: w.env } },
    { name: "credential-process hit", cmd: { cmd: BIN, args: ["credential-process", "dev"], env: w.env } },
    { name: "credential-process hit, STSCTL_AGENT=0", cmd: { cmd: BIN, args: ["credential-process", "dev"], env: { ...w.env, STSCTL_AGENT: "0" } } },
  ];
  await timeParallel(cases[1]!.cmd, 1);
  const samples = cases.map(() => [] as number[]);
  for (let i = 0; i < runs + 3; i++) {
    cases.forEach((c, j) => {
      const r = timeOnce(c.cmd);
      if (r.status !== 0) throw new Error(`${c.name}: ${r.stderr}`);
      if (i >= 3) samples[j]!.push(r.ms);
    });
  }
  const floor = summarize(samples[0]!).median;
  cases.forEach((c, j) => {
    const m = summarize(samples[j]!).median;
    process.stdout.write(`${c.name.padEnd(42)} ${m.toFixed(1).padStart(6)} ms  ${(m / floor).toFixed(2)}×\n`);
  });
} finally {
  await w.stop();
}
