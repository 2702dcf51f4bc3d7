// AWS accepts each MFA code once (docs/aws-limits.md, MFA), whatever gave it to
// stsctl: bin/stsctl against the emulator, which refuses a replayed code as AWS does.
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/runCli.js";
import { useStsWorld } from "../support/stsWorld.js";
import { totp } from "../support/sts/index.js";

const t = useStsWorld();
const cli = (args: string[], extra: Record<string, string> = {}, opts: { input?: string; timeoutMs?: number } = {}) =>
  runCli(args, { env: { ...t.env, ...extra }, ...opts });
const mfaCalls = () => t.sts.log.filter((l) => l.params.SerialNumber === t.w.mfa.serial);

/**
 * Starts with at least `seconds` left in the current 30-second TOTP window, so that the
 * few commands after it meet the same code: a wait, not something the test measures.
 */
async function roomInWindow(seconds: number): Promise<void> {
  const left = 30_000 - (Date.now() % 30_000);
  if (left < seconds * 1000) await new Promise((r) => setTimeout(r, left + 100));
}

describe("a code already used is not sent again", () => {
  it("--token-code: the second use fails at once, before STS, saying to wait for the next code", async () => {
    const code = totp(t.w.mfa.seed, new Date());
    const first = await cli(["assume", "prod-admin", "--token-code", code]);
    expect(first.status, first.stderr).toBe(0);
    expect((await cli(["clear", "--all"])).status).toBe(0);
    t.sts.resetCalls();

    const again = await cli(["assume", "prod-admin", "--token-code", code]);
    expect(again.status).toBe(5);
    expect(again.stdout).toBe("");
    expect(again.stderr).toBe(
      `error: the MFA code given with --token-code was already used for ${t.w.mfa.serial}\n` +
        "hint: AWS accepts each code once: wait for the next code (a new one every 30 seconds) and pass that\n",
    );
    expect(t.sts.calls()).toBe(0);
  });

  it("mfa_process: a code it prints again is not sent; stsctl waits for the next window and runs it again", { timeout: 90_000 }, async () => {
    // Prints the device's code for the window the test started in on its first two runs (so
    // both commands meet it, wherever the window edge falls), then always the current code.
    const otplib = createRequire(import.meta.url).resolve("otplib");
    const runs = join(t.w.home, "mfa-process-runs");
    const started = JSON.stringify(totp(t.w.mfa.seed, new Date()));
    const script = join(t.w.home, "print-code.cjs");
    writeFileSync(
      script,
      [
        `const fs = require("node:fs");`,
        `fs.appendFileSync(${JSON.stringify(runs)}, "run\\n");`,
        `const n = fs.readFileSync(${JSON.stringify(runs)}, "utf8").split("\\n").length - 1;`,
        `const { authenticator } = require(${JSON.stringify(otplib)});`,
        `console.log(n <= 2 ? ${started} : authenticator.generate(${JSON.stringify(t.w.mfa.seed)}));`,
      ].join("\n"),
    );
    appendFileSync(
      t.env.AWS_CONFIG_FILE!,
      `\n[profile mfaproc]\nrole_arn = ${t.w.roles.prodAdmin}\nsource_profile = alice\nmfa_serial = ${t.w.mfa.serial}\n` +
        `mfa_process = "${process.execPath}" "${script}"\n`,
    );

    const first = await cli(["assume", "mfaproc"]);
    expect(first.status, first.stderr).toBe(0);
    expect((await cli(["clear", "--all"])).status).toBe(0);
    const second = await cli(["assume", "mfaproc"], {}, { timeoutMs: 60_000 });
    expect(second.status, second.stderr).toBe(0);
    expect(second.stderr).toMatch(
      new RegExp(`^MFA code for ${t.w.mfa.serial} from mfa_process of profile mfaproc already used; waiting \\d+s for the next one$`, "m"),
    );
    expect(readFileSync(runs, "utf8")).toBe("run\nrun\nrun\n");
    // Two codes, each accepted at the first try: no AccessDenied anywhere.
    expect(mfaCalls().map((l) => [l.action, l.ok])).toEqual([
      ["GetSessionToken", true],
      ["GetSessionToken", true],
    ]);
    expect(t.sts.log.every((l) => l.ok)).toBe(true);
  });
});

describe("stsctl mfa code", () => {
  const vault = { STSCTL_KEYRING: "file", STSCTL_FILE_PASSPHRASE: "correct horse battery staple", STSCTL_AGENT: "0" };

  it("shows a code that --token-code may still pass on, and warns once that code was used", async () => {
    expect((await cli(["mfa", "add", t.w.mfa.serial], vault, { input: t.w.mfa.seed })).status).toBe(0);
    await roomInWindow(10);
    const shown = await cli(["mfa", "code", t.w.mfa.serial], vault);
    expect(shown.status).toBe(0);
    expect(shown.stderr).toBe("");
    const code = shown.stdout.trim();

    const used = await cli(["assume", "prod-admin", "--token-code", code], vault);
    expect(used.status, used.stderr).toBe(0);

    const again = await cli(["mfa", "code", t.w.mfa.serial], vault);
    expect(again.status).toBe(0);
    expect(again.stdout).toBe(`${code}\n`);
    expect(again.stderr).toMatch(
      new RegExp(`^warning: this code for ${t.w.mfa.serial} was already used, so AWS will refuse it; the next one comes in \\d+s\\n$`),
    );
  });
});
