import { afterAll, beforeAll, expect, it } from "vitest";
import { createDemoWorld, type DemoWorld } from "../support/demoWorld.js";
import { startPty } from "../support/pty.js";
import { BIN } from "../support/runCli.js";
import { startSts, totp, type StsEmulator } from "../support/sts/index.js";

// An interactive bash in a real terminal, with the shell-init function: the
// MFA prompt still reaches the user although the function captures stdout.

let sts: StsEmulator;
let w: DemoWorld;
beforeAll(async () => {
  sts = await startSts();
  w = createDemoWorld(sts);
});
afterAll(async () => sts?.close());

it("stsctl assume through the bash function asks for the MFA code on the terminal and exports the session", async () => {
  const term = await startPty("bash", ["--norc", "--noprofile", "-i"], { env: { ...w.env, STSCTL_BIN: BIN, PS1: "$ ", TERM: "xterm-256color" } });
  try {
    await term.sendLine('eval "$("$STSCTL_BIN" shell-init bash)"');
    await term.sendLine("stsctl assume prod-admin");
    await term.waitFor(`Enter MFA code for ${w.mfa.serial}: `, 15_000);
    await term.sendLine(totp(w.mfa.seed, new Date()));
    await term.waitFor(/✓ arn:aws:sts::123456789012:assumed-role\/ProdAdmin\//, 15_000);
    await term.sendLine('echo "RESULT status=$? key=${AWS_ACCESS_KEY_ID:0:4} profile=$STSCTL_PROFILE"');
    const screen = await term.waitFor(/RESULT status=0 key=ASIA profile=prod-admin/);
    // The exports were evaluated, never shown.
    expect(screen).not.toContain("AWS_SECRET_ACCESS_KEY");
    expect(sts.calls("GetSessionToken") + sts.calls("AssumeRole")).toBeGreaterThan(0);
    await term.sendLine("exit 0");
    expect(await term.waitForExit()).toBe(0);
  } finally {
    await term.kill();
  }
});
