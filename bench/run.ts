// npm run bench: the credential_process figures of docs/performance.md, in one run on this
// machine. Sequential cases are interleaved round by round so that a change in
// the machine's load hits every case alike; ratios compare medians.
//
//   BENCH_RUNS=25    sequential runs per case (at least 20)
//   BENCH_REF=HEAD   measure a git ref (exported and built apart) instead of the working tree's build
//   BENCH_JSON=file  also write the figures as JSON
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { coldRounds, parallelReference, type ColdRound } from "./cold.js";
import { hitPathModules, isolatedImportCosts, keychainLookupCost, profileHit } from "./importCost.js";
import { describeMachine, loadAverage } from "./machine.js";
import { printReport, type CaseId, type Report } from "./report.js";
import { peakRssKiB, timeOnce, timeParallel, type Cmd } from "./spawnTimed.js";
import { summarize } from "./stats.js";
import { takeSnapshot } from "./snapshot.js";
import { startBenchWorld } from "./world.js";

const REPO = fileURLToPath(new URL("..", import.meta.url));
const AWS_CLI = "/usr/bin/aws";
const RUNS = Math.max(20, Number(process.env.BENCH_RUNS ?? 25));
const WARMUP = 3;

async function main(): Promise<void> {
  const started = Date.now();
  const hasAws = existsSync(AWS_CLI);
  const machine = describeMachine(hasAws ? AWS_CLI : null);
  const build = takeSnapshot(REPO, process.env.BENCH_REF || undefined);
  const BIN = build.bin;
  const loads: Array<[string, string]> = [["start", loadAverage()]];
  process.stderr.write(`bench: ${machine.cpu}, ${machine.cores} cores, node ${machine.node}, load ${loads[0]![1]}\n`);

  process.stderr.write(`bench: measuring the ${build.label}\n`);
  const w = await startBenchWorld().catch((e: unknown) => {
    build.remove();
    throw e;
  });
  const scratch = mkdtempSync(join(tmpdir(), "stsctl-bench-"));
  try {
    const stsctl = (...args: string[]): Cmd => ({ cmd: BIN, args, env: w.env });
    const cases: Array<{ id: CaseId; name: string; cmd: Cmd; expect?: (out: string) => boolean }> = [
      { id: "floor", name: "node -e 0 (floor)", cmd: { cmd: process.execPath, args: ["-e", "0"], env: w.env } },
      { id: "hit", name: "stsctl credential-process dev (cache hit)", cmd: stsctl("credential-process", "dev"), expect: (o) => o.startsWith('{"Version":1,') },
      { id: "env", name: "stsctl env dev (cache hit)", cmd: stsctl("env", "dev", "--shell", "bash"), expect: (o) => o.includes("AWS_SESSION_TOKEN") },
    ];
    // Shown after the AWS CLI row: the hit reading the keychain itself, with no key agent in between.
    const noAgent = {
      id: "hitNoAgent" as const,
      name: "stsctl credential-process dev (cache hit, STSCTL_AGENT=0)",
      cmd: { ...stsctl("credential-process", "dev"), env: { ...w.env, STSCTL_AGENT: "0" } },
      expect: (o: string) => o.startsWith('{"Version":1,'),
    };
    if (hasAws) {
      cases.push({
        id: "aws",
        name: "aws configure export-credentials (static profile)",
        cmd: {
          cmd: AWS_CLI,
          args: ["configure", "export-credentials", "--profile", "alice", "--format", "process"],
          env: {
            PATH: "/usr/bin:/bin",
            HOME: w.world.home,
            AWS_CONFIG_FILE: w.env.AWS_CONFIG_FILE!,
            AWS_SHARED_CREDENTIALS_FILE: w.env.AWS_SHARED_CREDENTIALS_FILE!,
            AWS_EC2_METADATA_DISABLED: "true",
          },
        },
        expect: (o) => o.includes(w.world.alice.accessKeyId),
      });
    }
    cases.push(noAgent);

    // Fill the cache (one cold call each, async: the emulator answers from this
    // process's event loop, which spawnSync would block), then every call must be a hit.
    for (const c of cases) {
      const r = (await timeParallel(c.cmd, 1)).runs[0]!;
      if (r.status !== 0 || (c.expect && !c.expect(r.stdout))) throw new Error(`${c.name} failed: ${r.stderr}`);
    }
    w.sts.resetCalls();
    process.stderr.write(`bench: ${RUNS} interleaved runs of ${cases.length} cases…\n`);
    const samples = cases.map(() => [] as number[]);
    for (let i = 0; i < WARMUP + RUNS; i++) {
      cases.forEach((c, j) => {
        const r = timeOnce(c.cmd);
        if (r.status !== 0 || (c.expect && !c.expect(r.stdout))) throw new Error(`${c.name} failed: ${r.stderr}`);
        if (i >= WARMUP) samples[j]!.push(r.ms);
      });
    }
    const hitStsCalls = w.sts.calls();
    loads.push(["after sequential runs", loadAverage()]);

    process.stderr.write("bench: peak RSS…\n");
    const rss = cases
      .filter((c) => c.id !== "aws")
      .map((c) => {
        const v = Array.from({ length: 5 }, () => peakRssKiB(c.cmd)).filter((n): n is number => n !== null);
        return { name: c.name, medianKiB: v.length ? summarize(v).median : null, maxKiB: v.length ? Math.max(...v) : null };
      });

    process.stderr.write("bench: cold rounds (N = 1, 8, 32)…\n");
    const cold: ColdRound[] = await coldRounds(w, stsctl("credential-process", w.chain.profile), [
      [1, 9],
      [8, 5],
      [32, 3],
    ]);
    // What 32 processes cost on this machine before any STS or lock: the part of a 32-way cold round no code can remove.
    const parallel32 = {
      floor: await parallelReference(cases.find((c) => c.id === "floor")!.cmd, 32, 3),
      hit: await parallelReference(cases.find((c) => c.id === "hit")!.cmd, 32, 3),
    };
    loads.push(["after cold rounds", loadAverage()]);

    process.stderr.write("bench: import costs on the cache-hit path…\n");
    const modules = hitPathModules(stsctl("credential-process", "dev"), scratch);
    // Shared chunks have no side effects of their own; entry points (main.js, a CJS bundle) would run stsctl.
    const ownChunks = modules.chunks.filter((c) => c.url.includes("/dist/chunks/")).map((c) => c.url);
    const imports = isolatedImportCosts(
      [
        ...(ownChunks.length ? [{ what: `stsctl's shared chunks on the hit path (${ownChunks.length})`, specifiers: ownChunks }] : []),
        ...modules.packages.map((p) => ({ what: `${p} (on the hit path)`, specifiers: [p] })),
        ...modules.builtins
          .filter((b) => !["fs", "path", "module", "url"].includes(b))
          .map((b) => ({ what: `node:${b} (on the hit path)`, specifiers: [`node:${b}`] })),
        ...[
          "commander",
          "chalk",
          "ini",
          "proper-lockfile",
          "otplib",
          "@inquirer/prompts",
          "@aws-sdk/client-sts",
          "@aws-sdk/credential-providers",
          "playwright-core",
        ]
          .filter((p) => !modules.packages.includes(p) && existsSync(join(REPO, "node_modules", p, "package.json")))
          .map((p) => ({ what: `${p} (not on the hit path)`, specifiers: [p] })),
      ],
      REPO,
      7,
    );
    const keychain = keychainLookupCost(w.env, REPO, 7);
    const profile = profileHit(stsctl("credential-process", "dev"), 9);
    const floorProfile = profileHit({ cmd: "-e", args: ["0"], env: w.env }, 9);
    const envModules = hitPathModules(stsctl("env", "dev", "--shell", "bash"), scratch);
    loads.push(["end", loadAverage()]);

    const report: Report = {
      machine,
      build: build.label,
      loads,
      runs: RUNS,
      sequential: cases.map((c, j) => ({ id: c.id, name: c.name, ...summarize(samples[j]!) })),
      hitStsCalls,
      rss,
      cold,
      parallel32,
      modules,
      imports,
      keychain,
      profile,
      floorProfile,
      envModules,
      seconds: (Date.now() - started) / 1000,
    };
    printReport(report);
    if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify(report, null, 2) + "\n");
  } finally {
    rmSync(scratch, { recursive: true, force: true });
    await w.stop();
    build.remove();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
