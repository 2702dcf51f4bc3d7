import { rmSync } from "node:fs";
import { expect, it } from "vitest";
import { useKeychainWorld } from "../support/keychainWorld.js";
import { writeLoadRecorder } from "../support/loadRecorder.js";
import { runCli } from "../support/runCli.js";

// Colour (chalk) and prompts (@inquirer/prompts) load when something is painted or
// asked, never on a cache hit: here dist/fast.cjs answers the hit itself
// (STSCTL_AGENT=0); test/e2e/agentHit.test.ts covers hits the key agent answers.

const t = useKeychainWorld();
const UI = /\/node_modules\/(chalk|@inquirer\/[^/]+)\//;

it("a cache hit of credential-process or env loads neither chalk nor the prompt library; an error loads chalk", async () => {
  // NO_COLOR unset (the demo world sets it): colour stays possible, so chalk could load.
  const { NO_COLOR: _, ...worldEnv } = t.env;
  const env = { ...worldEnv, STSCTL_AGENT: "0" };
  const cold = await runCli(["assume", "dev"], { env });
  expect(cold.status, cold.stderr).toBe(0);
  const recorder = writeLoadRecorder(t.w.home);
  const recorded = { ...env, NODE_OPTIONS: recorder.nodeOptions };
  for (const args of [
    ["credential-process", "dev"],
    ["env", "dev", "--shell", "bash"],
  ]) {
    rmSync(recorder.log, { force: true });
    const hit = await runCli(args, { env: recorded });
    expect(hit.status, `${args.join(" ")}: ${hit.stderr}`).toBe(0);
    const loaded = recorder.read();
    expect(
      loaded.some((l) => l.endsWith("/dist/fast.cjs")),
      args.join(" "),
    ).toBe(true);
    expect(
      loaded.filter((l) => UI.test(l)),
      args.join(" "),
    ).toEqual([]);
  }
  expect(t.sts.calls()).toBe(1);

  // Control: the recorder does see chalk load when an error is painted on the same path.
  rmSync(recorder.log, { force: true });
  const failed = await runCli(["credential-process", "no-such-profile"], { env: recorded });
  expect(failed.status).toBe(3);
  expect(recorder.read().some((l) => l.includes("/node_modules/chalk/"))).toBe(true);
});
