import { existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { keyFromAgent } from "../../src/store/agent/agentClient.js";
import { useKeychainWorld } from "../support/keychainWorld.js";
import { writeLoadRecorder } from "../support/loadRecorder.js";
import { BIN, runCli } from "../support/runCli.js";
import { hasShell, runShell } from "../support/shells.js";

// `stsctl env` without --shell speaks the syntax of the shell that ran it, not of
// $SHELL (the login shell): fish started from bash keeps SHELL=/bin/bash. Also when
// the key agent answers the hit: it must use the caller's parent, not its own.

const t = useKeychainWorld({
  afterEach: async (x) => {
    await runCli(["clear", "--all"], { env: x.env });
  },
});

/** bash with SHELL=/bin/bash starts fish, which sources `stsctl env dev` and prints what it got. */
const FISH_FROM_BASH = [
  "export SHELL=/bin/bash",
  `exec fish --no-config -c '$STSCTL_BIN env dev | source; or exit 9; echo "key=$AWS_ACCESS_KEY_ID region=$AWS_REGION"'`,
  "",
].join("\n");

const haveShells = hasShell("bash") && hasShell("fish");

async function fishFromBash(env: Record<string, string>) {
  const r = await runShell("bash", FISH_FROM_BASH, { env: { ...env, STSCTL_BIN: BIN }, timeoutMs: 30_000 });
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^key=ASIA[A-Z2-7]{16} region=\n$/); // dev sets no region: none exported
}

describe("env's shell syntax follows the shell that runs it", () => {
  it.skipIf(!haveShells)("fish run from bash (SHELL=/bin/bash) sources `stsctl env dev`", async () => {
    await fishFromBash({ ...t.env, STSCTL_AGENT: "0" });
  });

  it.skipIf(!haveShells)("also when the key agent answers the hit", async () => {
    const first = await runCli(["env", "dev", "--shell", "bash"], { env: t.env });
    expect(first.status, first.stderr).toBe(0);
    const agentDir = join(t.env.STSCTL_CACHE_DIR!, "agent");
    let up = false;
    for (let i = 0; i < 60 && !up; i++) {
      const sockets = existsSync(agentDir) ? readdirSync(agentDir).filter((f) => f.endsWith(".sock")) : [];
      for (const s of sockets) up ||= (await keyFromAgent(join(agentDir, s))) !== null;
      if (!up) await new Promise((r) => setTimeout(r, 50));
    }
    expect(up).toBe(true);
    const recorder = writeLoadRecorder(t.w.home);
    rmSync(recorder.log, { force: true });
    await fishFromBash({ ...t.env, NODE_OPTIONS: recorder.nodeOptions });
    // Answered by the agent: the caller loaded nothing of stsctl but the front.
    const own = recorder
      .read()
      .filter((u) => /\/(dist|bin)\//.test(u) && !u.includes("/node_modules/"))
      .map((u) => u.replace(/^.*\/(dist|bin)\//, "$1/"));
    expect(own.sort()).toEqual(["bin/stsctl", "dist/front.cjs"]);
  });
});
