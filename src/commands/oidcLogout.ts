import { getProfile, profileNames } from "../config/getProfile.js";
import type { LoadedConfig } from "../config/load.js";
import * as f from "../config/fields.js";
import { UsageError } from "../errors.js";
import { plan } from "../plan/plan.js";
import type { SecretStore } from "../store/secretStore.js";
import type { Ctx } from "../app/ctx.js";
import { loadUserConfig } from "../app/loadUserConfig.js";
import { openUserStores } from "../app/userStores.js";
import { planOptions } from "../cli/planOptions.js";
import { profileName } from "../cli/profileName.js";

interface Target {
  issuer: string;
  clientId: string;
}

/**
 * stsctl oidc logout [PROFILE | --issuer URL [--client-id ID]]: sign out of an OpenID
 * provider. The refresh token kept for an issuer and client serves every profile that
 * signs in there, so this (not `stsctl clear`) is what forgets it: revoked at the
 * provider when it can (src/federation/oidc/signOut.ts), deleted here in any case.
 */
export default async function oidcLogout(ctx: Ctx, args: unknown[], opts: Record<string, unknown>): Promise<number> {
  const targets = logoutTargets(ctx, args, opts);
  const { oidcSignOut } = await import("../federation/oidc/signOut.js");
  // A keychain (or vault) item: opened once, without starting a key agent.
  let opened: Promise<SecretStore> | undefined;
  const secrets = () => (opened ??= openUserStores(ctx, { requireCache: true, agent: false }).then((s) => s.secrets));
  let signedOut = false;
  for (const t of targets) {
    const r = await oidcSignOut(t, { log: ctx.log, secrets });
    signedOut ||= r.signedIn;
    const revoked = r.revoked ? "; the provider revoked the refresh token" : "";
    ctx.log.info(r.signedIn ? `signed out of ${t.issuer} (client ${t.clientId})${revoked}` : `not signed in to ${t.issuer} (client ${t.clientId})`);
  }
  if (signedOut) ctx.log.info("cached role sessions last until they expire; `stsctl clear PROFILE` forgets them now");
  return 0;
}

function logoutTargets(ctx: Ctx, args: unknown[], opts: Record<string, unknown>): Target[] {
  const s = (k: string) => (typeof opts[k] === "string" && opts[k] !== "" ? (opts[k] as string) : undefined);
  const named = (typeof args[0] === "string" && args[0]) || s("profile");
  if (named && s("issuer")) {
    throw new UsageError(`profile "${named}" already names its issuer`, { hint: "give a profile or --issuer URL, not both" });
  }
  const config = loadUserConfig(ctx);
  if (s("issuer")) {
    const issuer = usage(() => f.url(s("issuer")!, "--issuer"));
    const clientIds = s("clientId") ? [s("clientId")!] : clientsOf(config, issuer);
    if (!clientIds.length) {
      throw new UsageError(`no profile names a client id for ${issuer}`, { hint: "pass --client-id, the one you signed in with" });
    }
    return clientIds.map((clientId) => ({ issuer, clientId }));
  }
  if (s("clientId")) throw new UsageError("--client-id needs --issuer", { hint: "e.g. stsctl oidc logout --issuer https://login.example.com --client-id ID" });
  const name = profileName(args[0], opts, ctx.env);
  const step = plan(config, name, planOptions({}, ctx.env, "session")).steps.find((x) => x.kind === "AssumeRoleWithWebIdentity");
  if (step?.kind !== "AssumeRoleWithWebIdentity" || step.token.kind !== "oidc") {
    throw new UsageError(`profile "${name}" does not sign in at an OpenID provider, so there is nothing to sign out of`, {
      hint: "name a profile with oidc_issuer, or use stsctl oidc logout --issuer URL --client-id ID",
    });
  }
  return [{ issuer: step.token.issuer, clientId: step.token.clientId }];
}

/** The client ids the config's profiles sign in to `issuer` with, each once. */
function clientsOf(config: LoadedConfig, issuer: string): string[] {
  const ids = new Set<string>();
  for (const name of profileNames(config)) {
    try {
      const p = getProfile(config, name);
      if (p.oidcIssuer === issuer && p.oidcClientId) ids.add(p.oidcClientId);
    } catch {
      // a broken profile names no client
    }
  }
  return [...ids];
}

function usage<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw e instanceof Error && "hint" in e ? new UsageError(e.message, { hint: (e as UsageError).hint }) : e;
  }
}
