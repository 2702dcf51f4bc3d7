// Cold rounds: N parallel credential-process calls against an empty session
// cache (the keychain's data key stays: a cold cache, not a new machine).
// Each round reports its wall time, the STS calls per step from the emulator's
// log, and whether all N printed the same credentials.
import { timeParallel, type Cmd } from "./spawnTimed.js";
import { summarize, type Summary } from "./stats.js";
import { assumeRoleCalls, type BenchWorld } from "./world.js";

export interface ColdRound {
  n: number;
  rounds: number;
  wall: Summary;
  /** Per round: STS calls for each step of the plan, in plan order. */
  callsPerStep: number[][];
  /** Per round: all N exited 0 and printed one and the same AccessKeyId. */
  allOk: boolean[];
  sameCreds: boolean[];
  otherStsCalls: number;
}

export async function coldRounds(w: BenchWorld, cmd: Cmd, plan: Array<[n: number, rounds: number]>): Promise<ColdRound[]> {
  const out: ColdRound[] = [];
  for (const [n, rounds] of plan) {
    const walls: number[] = [];
    const callsPerStep: number[][] = [];
    const allOk: boolean[] = [];
    const sameCreds: boolean[] = [];
    let otherStsCalls = 0;
    for (let r = 0; r < rounds; r++) {
      w.clearSessions();
      w.sts.resetCalls();
      const { ms, runs } = await timeParallel(cmd, n);
      walls.push(ms);
      const steps = w.chain.steps.map((arn) => assumeRoleCalls(w.sts, arn));
      callsPerStep.push(steps);
      otherStsCalls += w.sts.calls() - steps.reduce((a, b) => a + b, 0);
      allOk.push(runs.every((x) => x.status === 0));
      const ids = new Set(runs.map((x) => (x.status === 0 ? (JSON.parse(x.stdout) as { AccessKeyId: string }).AccessKeyId : `failed: ${x.stderr}`)));
      sameCreds.push(ids.size === 1);
      if (!allOk.at(-1)) process.stderr.write(`bench: a cold call failed: ${runs.find((x) => x.status !== 0)?.stderr ?? ""}\n`);
    }
    out.push({ n, rounds, wall: summarize(walls), callsPerStep, allOk, sameCreds, otherStsCalls });
  }
  return out;
}

/** Wall time of `rounds` rounds of `n` parallel runs of a command that needs no STS (the unavoidable process cost). */
export async function parallelReference(cmd: Cmd, n: number, rounds: number): Promise<Summary> {
  const walls: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const { ms, runs } = await timeParallel(cmd, n);
    if (runs.some((x) => x.status !== 0)) throw new Error(`parallel reference failed: ${runs.find((x) => x.status !== 0)?.stderr ?? ""}`);
    walls.push(ms);
  }
  return summarize(walls);
}
