// A code typed at the MFA prompt that STS refuses gets a new prompt, up to three codes,
// then exit 5 (README, exit codes): bin/stsctl on a real terminal (tmux) against the emulator.
import { afterEach, describe, expect, it } from "vitest";
import { startPty, type Pty } from "../support/pty.js";
import { BIN } from "../support/runCli.js";
import { useStsWorld } from "../support/stsWorld.js";
import { totp } from "../support/sts/index.js";

const t = useStsWorld();
let term: Pty | undefined;
afterEach(async () => {
  await term?.kill();
  term = undefined;
});

const prompt = () => `Enter MFA code for ${t.w.mfa.serial}: `;
const REFUSED = "AWS refused that code (wrong, or already used); try again";
const count = (screen: string, s: string) => screen.split(s).length - 1;

/** `n` different codes the emulator refuses: none is the device's code in the windows it would accept. */
function wrongCodes(n: number): string[] {
  const now = t.sts.clock.now().getTime();
  const valid = new Set([-2, -1, 0, 1, 2].map((d) => totp(t.w.mfa.seed, new Date(now + d * 30_000))));
  const out: string[] = [];
  for (let i = 0; out.length < n; i++) {
    const c = String(100_000 + i * 111_111).slice(0, 6);
    if (!valid.has(c) && !out.includes(c)) out.push(c);
  }
  return out;
}

// --duration 2h puts the code on the one AssumeRole call (src/plan/placeMfa.ts): each code is one STS call.
async function assume(): Promise<Pty> {
  term = await startPty(process.execPath, [BIN, "assume", "prod-admin", "--duration", "2h"], { env: t.env });
  await term.waitFor(prompt());
  return term;
}

describe("the MFA prompt after STS refuses a code", () => {
  it("asks again, and the right code then succeeds with one successful STS call", async () => {
    const pty = await assume();
    const [wrong] = wrongCodes(1);
    await pty.sendLine(wrong!);
    const screen = await pty.waitFor(new RegExp(`${escapeRegex(REFUSED)}\\s*\\n${escapeRegex(prompt())}`));
    expect(count(screen, prompt())).toBe(2);
    await pty.sendLine(totp(t.w.mfa.seed, t.sts.clock.now()));
    expect(await pty.waitForExit(15_000)).toBe(0);
    expect(await pty.screen()).toMatch(/✓ .*ProdAdmin/);
    expect(t.sts.log.map((l) => [l.action, l.ok, l.code])).toEqual([
      ["AssumeRole", false, "AccessDenied"],
      ["AssumeRole", true, undefined],
    ]);
  });

  it("a code typed again after it was sent is refused before STS, and the prompt asks again", async () => {
    const pty = await assume();
    const [wrong] = wrongCodes(1);
    await pty.sendLine(wrong!);
    await pty.waitFor(REFUSED);
    await pty.sendLine(wrong!);
    await pty.waitFor("that code was already used for this device; wait for the next one; try again");
    await pty.sendLine(totp(t.w.mfa.seed, t.sts.clock.now()));
    expect(await pty.waitForExit(15_000)).toBe(0);
    expect(t.sts.calls("AssumeRole")).toBe(2);
  });

  it("gives up after three refused codes with exit 5 and a hint", async () => {
    const pty = await assume();
    const codes = wrongCodes(3);
    for (const [i, c] of codes.entries()) {
      if (i > 0) await pty.waitFor(new RegExp(`(${escapeRegex(prompt())}[\\s\\S]*){${i + 1}}`));
      await pty.sendLine(c);
    }
    expect(await pty.waitForExit(15_000)).toBe(5);
    const screen = await pty.screen();
    expect(screen).toContain(`error: AWS refused 3 MFA codes for ${t.w.mfa.serial}\n`);
    expect(screen).toMatch(/^hint: enter the current code of the authenticator entry/m);
    expect(count(screen, prompt())).toBe(3);
    expect(count(screen, REFUSED)).toBe(2);
    for (const c of codes) expect(screen.split(c).length - 1, "each code only where it was typed").toBe(1);
    expect(t.sts.log.map((l) => [l.action, l.ok])).toEqual(Array(3).fill(["AssumeRole", false]));
  });
});

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
