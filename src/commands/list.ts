import { getProfile, profileNames } from "../config/getProfile.js";
import type { LoadedConfig } from "../config/load.js";
import { stepKeys } from "../engine/cacheKey.js";
import { formatExpiry } from "../output/summary.js";
import { plan } from "../plan/plan.js";
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
  session?: { expiration: string; expiresIn: string };
  error?: string;
}

/** stsctl list: every profile with its kind, role, MFA device and cached session. Reads cache metadata only. */
export default async function list(ctx: Ctx, _args: unknown[], opts: Record<string, unknown>): Promise<number> {
  const json = opts.json === true;
  const config = loadUserConfig(ctx);
  const { sessions } = await openUserStores(ctx);
  const metas = new Map((await sessions.list()).map((m) => [m.key, m]));
  const rows = profileNames(config).map((name) => row(config, name, metas, ctx));
  if (json) {
    ctx.out(JSON.stringify(rows, null, 2) + "\n");
    return 0;
  }
  const table = [
    ["PROFILE", "KIND", "ROLE / MFA", "SESSION"],
    ...rows.map((r) => [r.profile, r.kind, r.error ?? [r.role, r.mfaSerial && `mfa ${r.mfaSerial}`].filter(Boolean).join("  "), r.session?.expiresIn ?? "-"]),
  ];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
  ctx.out(table.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join("  ")).join("\n") + "\n");
  return 0;
}

function row(config: LoadedConfig, name: string, metas: Map<string, CacheMeta>, ctx: Ctx): Row {
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
    const keys = stepKeys(plan(config, name, { want: "session", env: ctx.env, defaultSessionName: defaultSessionName(ctx.env) }), ctx.env);
    const meta = metas.get(keys.at(-1) ?? "");
    if (meta && meta.expiration > ctx.now()) {
      out.session = { expiration: meta.expiration.toISOString(), expiresIn: formatExpiry(meta.expiration, ctx.now()) };
    }
    return out;
  } catch (e) {
    // A profile with settings only (e.g. [default] with a region) is normal, not broken.
    const settingsOnly = /has no credentials$/.test((e as Error).message);
    return { profile: name, kind: settingsOnly ? "settings only" : "invalid", ...(settingsOnly ? {} : { error: (e as Error).message }) };
  }
}
