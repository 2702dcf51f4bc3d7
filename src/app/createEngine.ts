import { join } from "node:path";
import { getProfile } from "../config/getProfile.js";
import type { LoadedConfig } from "../config/load.js";
import type { EngineDeps } from "../engine/deps.js";
import { runPlan, type RunResult } from "../engine/runPlan.js";
import { sourceCredentials } from "../engine/sourceCredentials.js";
import { parseDuration } from "../plan/durations.js";
import type { Plan } from "../plan/steps.js";
import { noSecretStore, type SecretStore } from "../store/secretStore.js";
import type { SessionStore } from "../store/sessionStore.js";
import { createStsApi } from "../sts/client.js";
import type { StsApi } from "../sts/stsApi.js";
import { UsageError } from "../errors.js";
import type { Ctx } from "./ctx.js";
import { openUserStores, userCacheDir } from "./userStores.js";

export interface Engine {
  run(opts?: { finalMinSeconds?: number }): Promise<RunResult>;
  /** An STS client for the plan's region and endpoint. */
  sts: StsApi;
  deps: EngineDeps;
  stores(): Promise<{ sessions: SessionStore; secrets: SecretStore }>;
  minTtlSeconds: number;
}

/** Wires the engine's dependencies for one command run. Stores open on first use only. */
export function createEngine(ctx: Ctx, config: LoadedConfig, plan: Plan, opts: Record<string, unknown>): Engine {
  const dir = userCacheDir(ctx);
  const stores = ctx.cacheOnly ? cacheOnlyStores(ctx.cacheOnly.sessions) : once(() => openUserStores(ctx));
  // The engine reads and writes sessions; the stores open on its first look.
  const sessions: EngineDeps["sessions"] = {
    get: async (k) => (await stores()).sessions.get(k),
    put: async (e) => (await stores()).sessions.put(e),
  };
  const top = plan.profile;
  // MFA, tty and lock modules load only when a step must be renewed: never on a cache hit.
  const mfa = once(async () => {
    const [{ createMfaCodeSource }, { openTty }] = await Promise.all([import("../mfa/mfaCodeSource.js"), import("../io/tty.js")]);
    return createMfaCodeSource({
      env: ctx.env,
      now: ctx.now,
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      log: ctx.log,
      seeds: (await stores()).secrets,
      openTty: () => openTty(),
      stateDir: join(dir, "mfa"),
    });
  });
  // Bounds every HTTP call of this run (STS and the OIDC provider); checked before any of them.
  const timeoutMs = ctx.env.STSCTL_STS_TIMEOUT_MS ? timeoutSetting(ctx.env.STSCTL_STS_TIMEOUT_MS) : undefined;
  const stsFor = (where: { region: string; endpoint?: string }) => createStsApi({ ...where, log: ctx.log, ...(timeoutMs ? { timeoutMs } : {}) });
  const deps: EngineDeps = {
    config,
    env: ctx.env,
    now: ctx.now,
    log: ctx.log,
    sts: stsFor,
    sessions,
    withLock: async (name, fn, whileWaiting) => {
      // Without a shared cache a lock only serialises processes that cannot help each other.
      if ((await stores()).sessions.backend === "none") return fn();
      return (await import("../store/lock.js")).withLock(name, fn, { dir: join(dir, "locks"), log: ctx.log, ...(whileWaiting ? { whileWaiting } : {}) });
    },
    mfaCode: async ({ profile, serial }) => {
      const mfaProcess = getProfile(config, profile).mfaProcess ?? safeProfile(config, top)?.mfaProcess;
      return (await mfa()).code({
        profile: top,
        serial,
        ...(typeof opts.tokenCode === "string" ? { tokenCode: opts.tokenCode.trim() } : {}),
        ...(mfaProcess ? { mfaProcess } : {}),
      });
    },
    sourceCredentials: (step) => sourceCredentials(step, { config, env: ctx.env, secrets: async () => (await stores()).secrets }),
    // SAML code (XML parser, browser driver) loads only when a SAML step really runs.
    samlAssertion: async (step) => (await import("../federation/saml/engineHook.js")).samlAssertion(step, { ctx, opts, cacheDir: dir, withLock: deps.withLock }),
    // OIDC code (openid-client, the sign-in listener) loads only when a web identity step really runs.
    webIdentityToken: async (step) =>
      (await import("../federation/oidc/webIdentityToken.js")).webIdentityToken(step, {
        env: ctx.env,
        now: ctx.now,
        log: ctx.log,
        platform: ctx.platform,
        secrets: async () => (await stores()).secrets,
        ...(timeoutMs ? { httpTimeoutMs: timeoutMs } : {}),
      }),
  };
  if (ctx.cacheOnly) {
    // Every renewal takes the step's lock first, and every source is read below the first STS step;
    // the rest is closed too, so no path can reach STS, a key, a browser or a prompt.
    const miss = () => Promise.reject(new CacheMiss());
    Object.assign(deps, { withLock: miss, sourceCredentials: miss, mfaCode: miss, samlAssertion: miss, webIdentityToken: miss });
    deps.sts = () => {
      throw new CacheMiss();
    };
  }
  const minTtlSeconds = ctx.env.STSCTL_MIN_TTL ? envDuration("STSCTL_MIN_TTL", ctx.env.STSCTL_MIN_TTL) : 900;
  return {
    deps,
    sts: stsFor({ region: plan.region, ...(plan.endpoint ? { endpoint: plan.endpoint } : {}) }),
    stores,
    minTtlSeconds,
    run: (o = {}) => (ctx.cacheOnly && opts.cache === false ? Promise.reject(new CacheMiss()) : runPlan(plan, deps, { noCache: opts.cache === false, minTtlSeconds, ...o })),
  };
}

/** Thrown in cache-only runs (ctx.cacheOnly) where a normal run would renew, read a source or prompt. */
export class CacheMiss extends Error {
  constructor() {
    super("not in the session cache");
  }
}

function cacheOnlyStores(sessions: SessionStore): () => Promise<{ sessions: SessionStore; secrets: SecretStore }> {
  return async () => ({ sessions, secrets: noSecretStore("a cache-only run reads no secrets") });
}

function envDuration(name: string, value: string): number {
  try {
    return parseDuration(value);
  } catch {
    throw new UsageError(`${name}=${JSON.stringify(value)} is not a duration`, { hint: `set ${name} to seconds (900) or a form like 15m or 1h, or unset it` });
  }
}

// An hour is far beyond any sane HTTP call, and keeps the value inside what setTimeout can hold
// (Node.js fires a longer timer at once).
const MAX_TIMEOUT_MS = 3_600_000;

function timeoutSetting(value: string): number {
  const n = /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!(n >= 1 && n <= MAX_TIMEOUT_MS)) {
    throw new UsageError(`STSCTL_STS_TIMEOUT_MS=${JSON.stringify(value)} is not a number of milliseconds from 1 to ${MAX_TIMEOUT_MS}`, {
      hint: "set it to e.g. 10000 (the default, 10 s), or unset it",
    });
  }
  return n;
}

function safeProfile(config: LoadedConfig, name: string) {
  try {
    return getProfile(config, name);
  } catch {
    return undefined;
  }
}

function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= fn());
}
