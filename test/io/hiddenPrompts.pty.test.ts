// The hidden prompts of the real binary on a real terminal (tmux): a TOTP seed for
// `stsctl mfa add` and the file vault's passphrase, neither ever shown.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { startPty, type Pty } from "../support/pty.js";
import { BIN, runCli } from "../support/runCli.js";
import { totp } from "../support/sts/index.js";

const SERIAL = "arn:aws:iam::123456789012:mfa/alice";
const SEED = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const PASSPHRASE = "correct horse battery staple";
const SEED_PROMPT = `TOTP seed for ${SERIAL} (base32 or otpauth:// URI, hidden): `;
const PASSPHRASE_PROMPT = "stsctl vault passphrase: ";

const homes: string[] = [];
afterAll(() => {
  for (const h of homes) rmSync(h, { recursive: true, force: true });
});
let term: Pty | undefined;
afterEach(async () => {
  await term?.kill();
  term = undefined;
});

function world(): Record<string, string> {
  const home = mkdtempSync(join(tmpdir(), "stsctl-hidden-"));
  homes.push(home);
  mkdirSync(join(home, ".aws"), { mode: 0o700 });
  writeFileSync(join(home, ".aws", "config"), "[default]\nregion = us-east-1\n");
  return {
    HOME: home,
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    LANG: "C.UTF-8",
    TERM: "xterm-256color",
    AWS_CONFIG_FILE: join(home, ".aws", "config"),
    STSCTL_CACHE_DIR: join(home, "cache"),
    STSCTL_DATA_DIR: join(home, "data"),
    STSCTL_KEYRING: "file",
    STSCTL_AGENT: "0",
  };
}

describe("hidden prompts on a terminal", () => {
  it("mfa add asks for the seed and the vault passphrase without showing either, and stores the seed", async () => {
    const env = world();
    term = await startPty(process.execPath, [BIN, "mfa", "add", SERIAL], { env });
    await term.waitFor(SEED_PROMPT, 15_000);
    await term.sendLine(SEED);
    await term.waitFor(PASSPHRASE_PROMPT, 15_000);
    await term.sendLine(PASSPHRASE);
    expect(await term.waitForExit(15_000)).toBe(0);
    const screen = await term.screen();
    expect(screen).toContain(`stored the seed for ${SERIAL}`);
    expect(screen).not.toContain(SEED);
    expect(screen).not.toContain("correct horse");
    // Each prompt stays on its own line, with nothing after it.
    expect(screen).toMatch(new RegExp(`^${escapeRegex(SEED_PROMPT)}\\n${escapeRegex(PASSPHRASE_PROMPT)}\\n`, "m"));

    const code = await runCli(["mfa", "code", SERIAL], { env: { ...env, STSCTL_FILE_PASSPHRASE: PASSPHRASE } });
    expect(code.status, code.stderr).toBe(0);
    expect(code.stdout.trim()).toBe(totp(SEED, new Date()));
  });

  it("Ctrl-C at the passphrase prompt exits 130 and stores nothing", async () => {
    const env = world();
    term = await startPty(process.execPath, [BIN, "mfa", "add", SERIAL], { env });
    await term.waitFor(SEED_PROMPT, 15_000);
    await term.sendLine(SEED);
    await term.waitFor(PASSPHRASE_PROMPT, 15_000);
    await term.send("half a pass");
    await term.key("C-c");
    expect(await term.waitForExit(15_000)).toBe(130);
    expect(await term.screen()).toContain("Interrupted");
    const code = await runCli(["mfa", "code", SERIAL], { env: { ...env, STSCTL_FILE_PASSPHRASE: PASSPHRASE } });
    expect(code.status).not.toBe(0);
    expect(code.stderr).toContain(`no seed stored for ${SERIAL}`);
  });
});

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
