// The bench's world: the STS emulator in this process, a real Secret Service
// (private D-Bus + gnome-keyring) for the session cache, and a temporary HOME
// whose ~/.aws describes the demo company (test/support/demoWorld.ts) plus a
// two-step role chain without MFA for the cold rounds.
import { appendFileSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { createDemoWorld, type DemoWorld } from "../test/support/demoWorld.js";
import { startKeyring, type KeyringHarness } from "../test/support/keyring.js";
import { startSts, type StsEmulator } from "../test/support/sts/index.js";

export interface BenchWorld {
  sts: StsEmulator;
  keyring: KeyringHarness;
  world: DemoWorld;
  /** For bin/stsctl: the world, the keychain backend on the harness bus, node first on PATH. */
  env: Record<string, string>;
  /** Role ARNs of the chain profile's two steps, in order. */
  chain: { profile: string; steps: string[] };
  clearSessions(): void;
  stop(): Promise<void>;
}

export async function startBenchWorld(): Promise<BenchWorld> {
  const keyring = await startKeyring();
  const sts = await startSts();
  const world = createDemoWorld(sts);
  const chained = sts.addRole({ name: "DevChained", trust: [{ Principal: { AWS: world.roles.dev }, Action: "sts:AssumeRole" }] });
  appendFileSync(join(world.home, ".aws", "config"), `\n[profile dev-chain]\nrole_arn = ${chained.arn}\nsource_profile = dev\n`);
  const env: Record<string, string> = {
    ...world.env,
    ...keyring.env,
    STSCTL_KEYRING: "keychain",
    PATH: `${dirname(process.execPath)}:/usr/bin:/bin`,
  };
  const cache = env.STSCTL_CACHE_DIR!;
  return {
    sts,
    keyring,
    world,
    env,
    chain: { profile: "dev-chain", steps: [world.roles.dev, chained.arn] },
    clearSessions: () => rmSync(join(cache, "sessions"), { recursive: true, force: true }),
    async stop() {
      stopHelpersOf(cache);
      await sts.close();
      await keyring.stop();
      rmSync(world.home, { recursive: true, force: true });
    },
  };
}

/** AssumeRole calls the emulator saw for `roleArn`. */
export function assumeRoleCalls(sts: StsEmulator, roleArn: string): number {
  return sts.log.filter((r) => r.action === "AssumeRole" && r.params.RoleArn === roleArn).length;
}

/**
 * Ends helper processes stsctl started for this world (a key agent keeping the
 * data key in memory): exactly those whose command line names this world's own
 * temporary cache directory, by pid. Linux only (/proc); elsewhere they end on
 * their own idle timeout.
 */
function stopHelpersOf(cacheDir: string): void {
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((d) => /^\d+$/.test(d));
  } catch {
    return;
  }
  for (const pid of pids) {
    try {
      const argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      if (Number(pid) !== process.pid && argv.some((a) => a.startsWith(`${cacheDir}/`))) process.kill(Number(pid), "SIGTERM");
    } catch {
      /* gone, or not ours to read */
    }
  }
}
