import { getProfile, profileNames } from "../config/getProfile.js";
import type { LoadedConfig } from "../config/load.js";
import { stepKeys } from "../engine/cacheKey.js";
import { formatExpiry } from "../output/summary.js";
import { LIMITS } from "../plan/durations.js";
import { plan } from "../plan/plan.js";
import { isStsStep } from "../plan/steps.js";
import { sourceChain } from "../plan/sourceChain.js";
import type { CacheMeta } from "../store/sessionStore.js";
import type { Ctx } from "../app/ctx.js";
import { loadUserConfig } from "../app/loadUserConfig.js";
import { defaultSessionName } from "../cli/planOptions.js";
import { openUserStores } from "../app/userStores.js";

interface Row {
  profile: string;
  kind: string;
  role?: string;
  mfaSerial?: string;
  /** The longest-lived unexpired session cached for the profile's own credentials; `step` says which call made it. */
  session?: { expiration: string; expiresIn: string; step: string };
  error?: string;
}

/** stsctl list: every profile with its kind, role, MFA device and cached session. Reads cache metadata only. */
export default async function list(ctx: Ctx, _args: unknown[], opts: Record<string, unknown>): Promise<number> {
  const json = opts.json === true;
  const config = loadUserConfig(ctx);
  const { sessions } = await openUserStores(ctx);
  const metas = new Map((await sessions.list()).map((m) => [m.key, m]));
  const names = profileNames(config);
  const keys = sessionKeys(config, names, ctx.env);
  const rows = names.map((name) => row(config, name, metas, keys.get(name) ?? new Set(), ctx));
  if (json) {
    ctx.out(JSON.stringify(rows, null, 2) + "\n");
    return 0;
  }
  const table = [
    ["PROFILE", "KIND", "ROLE / MFA", "SESSION"],
    ...rows.map((r) => [
      r.profile,
      r.kind,
      r.error ?? [r.role, r.mfaSerial && `mfa ${r.mfaSerial}`].filter(Boolean).join("  "),
      r.session ? `${r.session.expiresIn}${r.session.step.startsWith("GetSessionToken (MFA") ? " (MFA session)" : ""}` : "-",
    ]),
  ];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
  ctx.out(table.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join("  ")).join("\n") + "\n");
  return 0;
}

function row(config: LoadedConfig, name: string, metas: Map<string, CacheMeta>, keys: Set<string>, ctx: Ctx): Row {
  try {
    const p = getProfile(config, name);
    const { base, roles } = sourceChain(config, name);
    const kind =
      roles.length > 1 || (roles.length === 1 && (base.kind === "webIdentity" || base.kind === "saml" || Boolean(base.profile.awsSessionToken)))
        ? "chained role"
        : roles.length === 1
          ? "role"
          : base.kind === "static"
            ? base.profile.awsSessionToken
              ? "session keys"
              : "user"
            : base.kind === "keychain"
              ? "user (keychain)"
              : base.kind === "webIdentity"
                ? "web identity"
                : base.kind === "saml"
                  ? "saml"
                  : base.kind === "environment"
                    ? "environment"
                    : `sdk (${base.provider})`;
    const mfaSerial = [base.profile, ...roles].find((x) => x.mfaSerial)?.mfaSerial;
    const out: Row = {
      profile: name,
      kind,
      ...(p.roleArn ? { role: p.roleArn } : p.samlRoleArn ? { role: p.samlRoleArn } : {}),
      ...(mfaSerial ? { mfaSerial } : {}),
    };
    const now = ctx.now();
    let meta: CacheMeta | undefined;
    for (const k of keys) {
      const m = metas.get(k);
      if (m && m.expiration > now && (!meta || m.expiration > meta.expiration)) meta = m;
    }
    if (meta) out.session = { expiration: meta.expiration.toISOString(), expiresIn: formatExpiry(meta.expiration, now), step: meta.step };
    return out;
  } catch (e) {
    // A profile with settings only (e.g. [default] with a region) is normal, not broken.
    const settingsOnly = /has no credentials$/.test((e as Error).message);
    return { profile: name, kind: settingsOnly ? "settings only" : "invalid", ...(settingsOnly ? {} : { error: (e as Error).message }) };
  }
}

/**
 * The cache keys of every session stsctl makes for each profile's own credentials. Each STS
 * step of every profile's plan belongs to the profile it names, so a user's MFA session shows
 * under the user even when a role's plan made it. Two plans a profile: the default, and one
 * longer than 1h, which puts MFA on the role's own call (src/plan/placeMfa.ts) and so caches
 * under other keys (src/engine/cacheKey.ts: durations are not part of a key).
 */
function sessionKeys(config: LoadedConfig, names: string[], env: NodeJS.ProcessEnv): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const name of names) {
    for (const duration of [undefined, LIMITS.AssumeRole.max]) {
      let p: ReturnType<typeof plan>;
      try {
        p = plan(config, name, { want: "session", env, defaultSessionName: defaultSessionName(env), ...(duration ? { duration } : {}) });
      } catch {
        continue; // shown as its row's error
      }
      const keys = stepKeys(p, env);
      p.steps.forEach((step, i) => {
        if (!isStsStep(step)) return;
        const own = out.get(step.profile) ?? new Set<string>();
        out.set(step.profile, own.add(keys[i]!));
      });
    }
  }
  return out;
}
