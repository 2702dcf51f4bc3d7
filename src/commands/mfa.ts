import * as f from "../config/fields.js";
import { MfaError, UsageError } from "../errors.js";
import { registerSecret } from "../io/redact.js";
import { openTty } from "../io/tty.js";
import { seedName } from "../mfa/mfaCodeSource.js";
import { parseSeed, TOTP_STEP_SECONDS, totpCode, totpCounter } from "../mfa/totp.js";
import type { Ctx } from "../app/ctx.js";
import { join } from "node:path";
import { codeMarked, markCode } from "../mfa/usedCodes.js";
import { openUserStores, userCacheDir } from "../app/userStores.js";

const serialOf = (serial: string) => {
  try {
    return f.mfaSerial(serial, "serial");
  } catch (e) {
    throw new UsageError((e as Error).message, { hint: (e as UsageError).hint });
  }
};

// The mfa subcommands' one flag is --json: a small result on stdout, the human line on stderr.
const wantsJson = (flags: unknown) => (flags as { json?: unknown } | undefined)?.json === true;

/** stsctl mfa add SERIAL: store a virtual MFA device's seed in the OS keychain. Never from argv: stdin or a hidden prompt. */
export async function mfaAdd(ctx: Ctx, serial: string, flags?: unknown): Promise<number> {
  const s = serialOf(serial);
  const input = ctx.stdin.isTTY ? await promptSeed(s) : await readAll(ctx.stdin);
  registerSecret(input.trim());
  const seed = parseSeed(input);
  registerSecret(seed);
  const { secrets } = await openUserStores(ctx, { requireCache: true });
  await secrets.set(seedName(s), seed);
  ctx.log.info(`stored the seed for ${s} in the ${secrets.backend === "keychain" ? "OS keychain" : "stsctl vault"}; MFA steps for it need no prompt now`);
  if (wantsJson(flags)) ctx.out(`${JSON.stringify({ serial: s, stored: true, backend: secrets.backend })}\n`);
  return 0;
}

/** stsctl mfa code SERIAL: the device's current code, on stdout. */
export async function mfaCode(ctx: Ctx, serial: string, flags?: unknown): Promise<number> {
  const s = serialOf(serial);
  const { secrets } = await openUserStores(ctx, { requireCache: true });
  const seed = await secrets.get(seedName(s));
  if (!seed) throw new MfaError(`no seed stored for ${s}`, { hint: `store it with: stsctl mfa add ${s}` });
  registerSecret(seed);
  const now = ctx.now();
  const code = totpCode(seed, now);
  const stateDir = join(userCacheDir(ctx), "mfa");
  // AWS accepts each code once: one stsctl already sent is refused wherever it is typed.
  if (await codeMarked(stateDir, s, code, now)) {
    const left = Math.ceil(((totpCounter(now) + 1) * TOTP_STEP_SECONDS * 1000 - now.getTime()) / 1000);
    ctx.log.warn(`this code for ${s} was already used, so AWS will refuse it; the next one comes in ${left}s`);
  }
  // Shown to be typed elsewhere (the console, another tool): a stored seed must not send it again.
  await markCode(stateDir, s, code, "shown", now);
  // The end of its TOTP window, for a script that would rather wait for the next code.
  const validUntil = new Date((totpCounter(now) + 1) * TOTP_STEP_SECONDS * 1000).toISOString();
  ctx.out(wantsJson(flags) ? `${JSON.stringify({ serial: s, code, validUntil })}\n` : `${code}\n`);
  return 0;
}

/** stsctl mfa remove SERIAL */
export async function mfaRemove(ctx: Ctx, serial: string, flags?: unknown): Promise<number> {
  const s = serialOf(serial);
  const { secrets } = await openUserStores(ctx, { requireCache: true });
  const removed = await secrets.delete(seedName(s));
  ctx.log.info(removed ? `removed the seed for ${s}` : `no seed was stored for ${s}`);
  if (wantsJson(flags)) ctx.out(`${JSON.stringify({ serial: s, removed })}\n`);
  return 0;
}

async function promptSeed(serial: string): Promise<string> {
  const tty = openTty();
  if (!tty) throw new UsageError("no seed on stdin and no terminal to ask on", { hint: `pipe it in: stsctl mfa add ${serial} < seed.txt` });
  try {
    tty.write(`TOTP seed for ${serial} (base32 or otpauth:// URI, hidden): `);
    return await tty.readLine({ hidden: true });
  } finally {
    tty.close();
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text.trim()) throw new UsageError("no seed on stdin", { hint: "pipe the base32 seed or otpauth:// URI into stsctl mfa add" });
  return text;
}
