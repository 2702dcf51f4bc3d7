import { join } from "node:path";
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
import type { SamlOverrides } from "../federation/saml/samlAssertionHook.js";
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

/** What a command's flags change in how the engine runs (read by src/cli/engineOptions.ts). */
export interface EngineOptions {
  /** --no-cache: neither read nor write the session cache. */
  noCache?: boolean;
  /** --token-code, trimmed: the MFA code for the step that needs one. */
  tokenCode?: string;
  /** stsctl saml's source flags (src/cli/samlOverrides.ts): where the assertion comes from. */
  saml?: SamlOverrides;
}

/**
 * Wires the engine's dependencies for one command run. Stores open on first use only.
 * `_config` is not read: the plan's steps carry all the engine needs (keys, mfa_process);
 * the parameter goes when the commands stop passing it.
 */
export function createEngine(ctx: Ctx, _config: LoadedConfig, plan: Plan, opts: EngineOptions = {}): Engine {
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
    env: ctx.env,
    now: ctx.now,
    log: ctx.log,
    sts: stsFor,
    sessions,
    withLock: async (name, fn, whileWaiting) => {
      // Without a shared cache a lock only serialises processes that cannot help each other.
      if ((await stores()).sessions.backend === "none") return fn();
      return (await import("../io/lock.js")).withLock(name, fn, { dir: join(dir, "locks"), log: ctx.log, ...(whileWaiting ? { whileWaiting } : {}) });
    },
    mfaCode: async ({ serial, mfaProcess }, refused) => {
      const req = {
        profile: top,
        serial,
        ...(opts.tokenCode !== undefined ? { tokenCode: opts.tokenCode } : {}),
        ...(mfaProcess ? { mfaProcess } : {}),
      };
      return (await mfa()).code(req, refused);
    },
    sourceCredentials: (step) => sourceCredentials(step, { env: ctx.env, secrets: async () => (await stores()).secrets }),
    // SAML code (XML parser, browser driver) loads only when a SAML step really runs.
    samlAssertion: async (step) =>
      (await import("../federation/saml/samlAssertionHook.js")).createSamlAssertionHook({
        env: ctx.env,
        now: ctx.now,
        log: ctx.log,
        stdin: ctx.stdin,
        platform: ctx.platform,
        home: ctx.home,
        cacheDir: dir,
        overrides: opts.saml ?? {},
        withLock: deps.withLock,
      })(step),
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
    run: (o = {}) =>
      ctx.cacheOnly && opts.noCache ? Promise.reject(new CacheMiss()) : runPlan(plan, deps, { noCache: opts.noCache === true, minTtlSeconds, ...o }),
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

function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= fn());
}
