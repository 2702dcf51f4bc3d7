import { configPaths, displayPath } from "../config/paths.js";
import type { RunResult } from "../engine/runPlan.js";
import { UsageError } from "../errors.js";
import { paint } from "../io/color.js";
import { checkCredentialsSection, writeCredentialsSection } from "../output/credentialsFile.js";
import type { Flow, SectionOwner } from "../output/credentialsSection.js";
import { formatCredentialsJson } from "../output/processJson.js";
import { detectShell, formatExports, sessionVars, UNSET_ON_EXPORT } from "../output/shellExports.js";
import { formatExpiry } from "../output/summary.js";
import { defaultSectionName } from "../output/writeSectionName.js";
import { regionToExport } from "../plan/resolveWhere.js";
import type { Plan } from "../plan/steps.js";
import type { Ctx } from "../app/ctx.js";
import { recordCurrentSession } from "../app/currentProfile.js";
import type { OutputOptions } from "./outputOptions.js";

/** STS reports PackedPolicySize as a percent of the limit; warn before it bites. */
const PACKED_POLICY_WARN = 90;

// clear --write removes the section that --write wrote.
export { writeSectionName } from "../output/writeSectionName.js";

/** Where --write puts the session, and whose the marker says it is. */
function writeTarget(write: string | true, profile: string, flow: Flow | undefined): { name: string; owner: SectionOwner } {
  const owner: SectionOwner = flow ? { flow } : { profile };
  return { name: typeof write === "string" ? write : defaultSectionName(owner), owner };
}

/**
 * The output flags' checks, for commands to run before any STS call: an MFA code
 * or a cached session must not be spent on a command that cannot finish.
 */
export async function checkOutputOptions(ctx: Ctx, out: OutputOptions, profile: string, flow?: Flow): Promise<void> {
  if (out.export && out.json) throw new UsageError("--export and --json cannot be combined", { hint: "choose one output" });
  if (out.write !== undefined) {
    const { name, owner } = writeTarget(out.write, profile, flow);
    await checkCredentialsSection(configPaths(ctx).credentialsFile, name, { owner, force: out.force, home: ctx.home });
  }
}

/**
 * What assume, session-token, saml and oidc do with a session: a summary line
 * on stderr, then whatever output the user asked for (exports, JSON, a
 * credentials-file section), and the profile recorded as the current session.
 */
export async function emitSession(
  ctx: Ctx,
  result: RunResult,
  out: OutputOptions,
  /** duration: --duration as given, recorded with the current session (its plan can depend on it). */
  meta: { profile: string; plan: Plan; record?: boolean; flow?: Flow; duration?: string },
): Promise<number> {
  // The output flags were checked by checkOutputOptions, before any STS call.
  const creds = result.credentials;
  const session = result.session;
  const now = ctx.now();

  const last = result.outcomes.at(-1);
  const who = session?.arn ?? meta.profile;
  // Session keys used as they are (from the environment or a profile) may come without their expiry.
  const expiry = creds.expiration ? formatExpiry(creds.expiration, now) : creds.sessionToken ? "expiry unknown (session keys)" : "no expiry (long-term keys)";
  const cached = last?.fromCache ? " (cached)" : "";
  ctx.log.info(`${paint.green("✓")} ${who}${cached}: ${expiry}`);
  const finalStep = meta.plan.steps.at(-1);
  for (const r of finalStep?.reasons ?? []) if (r.includes("maximum")) ctx.log.info(`  note: ${r}`);
  if (session?.packedPolicySize !== undefined && session.packedPolicySize > PACKED_POLICY_WARN) {
    ctx.log.warn(`session policies and tags use ${session.packedPolicySize}% of the packed size limit; a little more will fail with PackedPolicyTooLarge`);
  }

  if (out.write !== undefined) {
    const { name, owner } = writeTarget(out.write, meta.profile, meta.flow);
    const file = configPaths(ctx).credentialsFile;
    await writeCredentialsSection(file, name, creds, { now, owner, force: out.force, home: ctx.home });
    ctx.log.info(`  wrote [${name}] to ${displayPath(file, ctx.home)} (use AWS_PROFILE=${name})`);
  }
  if (meta.record !== false) {
    await recordCurrentSession(ctx, { profile: meta.profile, ...(meta.duration !== undefined ? { duration: meta.duration } : {}) });
  }

  if (out.export) {
    const shell = out.shell ?? detectShell(ctx.env, ctx.platform, await ctx.parentProcess?.());
    ctx.out(formatExports(sessionVars(creds, { region: regionToExport(meta.plan) }), shell, { unset: UNSET_ON_EXPORT }));
  } else if (out.json) {
    ctx.out(formatCredentialsJson(creds));
  }
  return 0;
}
