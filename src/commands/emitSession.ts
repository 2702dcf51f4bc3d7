import { homedir } from "node:os";
import { configPaths, displayPath } from "../config/paths.js";
import type { RunResult } from "../engine/runPlan.js";
import { UsageError } from "../errors.js";
import { paint } from "../io/color.js";
import { checkCredentialsSection, writeCredentialsSection } from "../output/credentialsFile.js";
import { formatCredentialsJson } from "../output/processJson.js";
import { detectShell, formatExports, sessionVars, UNSET_ON_EXPORT, type ShellFormat } from "../output/shellExports.js";
import { formatExpiry } from "../output/summary.js";
import type { Plan } from "../plan/steps.js";
import type { Ctx } from "./ctx.js";
import { recordCurrentSession } from "./currentProfile.js";

/** STS reports PackedPolicySize as a percent of the limit; warn before it bites. */
const PACKED_POLICY_WARN = 90;

/**
 * Default section for --write: never the profile's own name, whose role settings
 * would shadow the keys. Plans that no profile describes ("(environment)",
 * "(flags)") write [stsctl-web-identity] or [stsctl-saml].
 */
export const writeSectionName = (profile: string) =>
  /^[\w.@+-]+$/.test(profile) ? `stsctl-${profile}` : profile.includes("saml") ? "stsctl-saml" : "stsctl-web-identity";

/**
 * What assume, session-token, saml and oidc do with a session: a summary line
 * on stderr, then whatever output the user asked for (exports, JSON, a
 * credentials-file section), and the profile recorded as the current session.
 */
/**
 * The output flags' checks, for commands to run before any STS call: an MFA code
 * or a cached session must not be spent on a command that cannot finish.
 */
export async function checkOutputOptions(ctx: Ctx, opts: Record<string, unknown>, profile: string): Promise<void> {
  if (opts.export && opts.json) throw new UsageError("--export and --json cannot be combined", { hint: "choose one output" });
  if (opts.write !== undefined && opts.write !== false) {
    const name = typeof opts.write === "string" ? opts.write : writeSectionName(profile);
    await checkCredentialsSection(configPaths(ctx.env).credentialsFile, name, { force: opts.force === true, home: ctx.env.HOME || homedir() });
  }
}

export async function emitSession(
  ctx: Ctx,
  result: RunResult,
  opts: Record<string, unknown>,
  meta: { profile: string; plan: Plan; record?: boolean },
): Promise<number> {
  // The output flags were checked by checkOutputOptions, before any STS call.
  const creds = result.credentials;
  const session = result.session;
  const now = ctx.now();

  const last = result.outcomes.at(-1);
  const who = session?.arn ?? meta.profile;
  const expiry = creds.expiration ? formatExpiry(creds.expiration, now) : "no expiry (long-term keys)";
  const cached = last?.fromCache ? " (cached)" : "";
  ctx.log.info(`${paint.green("✓")} ${who}${cached}: ${expiry}`);
  const finalStep = meta.plan.steps.at(-1);
  for (const r of finalStep?.reasons ?? []) if (r.includes("maximum")) ctx.log.info(`  note: ${r}`);
  if (session?.packedPolicySize !== undefined && session.packedPolicySize > PACKED_POLICY_WARN) {
    ctx.log.warn(`session policies and tags use ${session.packedPolicySize}% of the packed size limit; a little more will fail with PackedPolicyTooLarge`);
  }

  if (opts.write !== undefined && opts.write !== false) {
    const name = typeof opts.write === "string" ? opts.write : writeSectionName(meta.profile);
    const file = configPaths(ctx.env).credentialsFile;
    await writeCredentialsSection(file, name, creds, { now, force: opts.force === true, home: ctx.env.HOME || homedir() });
    ctx.log.info(`  wrote [${name}] to ${displayPath(file, ctx.env)} (use AWS_PROFILE=${name})`);
  }
  if (meta.record !== false) {
    await recordCurrentSession(ctx, { profile: meta.profile, ...(typeof opts.duration === "string" ? { duration: opts.duration } : {}) });
  }

  if (opts.export) {
    const shell = (opts.shell as ShellFormat | undefined) ?? detectShell(ctx.env, ctx.platform);
    ctx.out(formatExports(sessionVars(creds, { region: meta.plan.region }), shell, { unset: UNSET_ON_EXPORT }));
  } else if (opts.json) {
    ctx.out(formatCredentialsJson(creds));
  }
  return 0;
}
