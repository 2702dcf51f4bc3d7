import type { AwsCredentials, Session } from "../credentials.js";
import { secondsLeft } from "../credentials.js";
import { AwsError, StoreError, StsctlError } from "../errors.js";
import { showDuration } from "../plan/durations.js";
import { refreshWindow } from "../plan/refreshWindow.js";
import { isStsStep, type AssumeRoleStep, type GetSessionTokenStep, type Plan, type StsStep } from "../plan/steps.js";
import type { CacheEntry } from "../store/sessionStore.js";
import type { StsEndpoint } from "../sts/stsApi.js";
import { stepKeys } from "./cacheKey.js";
import type { EngineDeps } from "./deps.js";

export interface StepOutcome {
  step: StsStep;
  session: Session;
  fromCache: boolean;
}

export interface RunResult {
  credentials: AwsCredentials;
  /** The final STS session, if the plan has STS steps. */
  session?: Session;
  outcomes: StepOutcome[];
}

export interface RunOptions {
  /** Don't read or write the session cache. */
  noCache?: boolean;
  /** Refresh the final session when fewer seconds than this remain (default: its refresh window). */
  finalMinSeconds?: number;
  /** Refresh window: a cached session with less left is renewed (STSCTL_MIN_TTL, default 15 minutes; at most a third of the session, refreshWindow.ts). */
  minTtlSeconds: number;
}

/** Every role's MaxSessionDuration is at least this (IAM's minimum setting). */
const ROLE_MIN_MAX = 3600;

/** A parent session need only outlive the call that uses it. */
const PARENT_MIN_SECONDS = 60;

/**
 * Walks a plan from the top: a fresh cached final session is returned without
 * touching anything below it (no keychain read, no SDK load). A step that must
 * be renewed takes its lock, looks in the cache again (another process may have
 * just renewed it), and only then resolves its parent and calls STS.
 */
export async function runPlan(plan: Plan, deps: EngineDeps, opts: RunOptions): Promise<RunResult> {
  const keys = stepKeys(plan, deps.env);
  const outcomes: StepOutcome[] = [];
  const last = plan.steps.length - 1;

  // `minLeft` undefined: the step's refresh window.
  const resolve = async (i: number, minLeft?: number): Promise<AwsCredentials> => {
    const step = plan.steps[i]!;
    if (!isStsStep(step)) return deps.sourceCredentials(step);
    const key = keys[i]!;
    const firstLook = deps.now();
    // `renewedSince`: after waiting for the lock, a session another process stored
    // meanwhile is as fresh as STS would make it, even if the window asks for more.
    const fresh = async (renewedSince?: Date): Promise<Session | undefined> => {
      if (opts.noCache) return undefined;
      const hit = await deps.sessions.get(key);
      const left = hit ? secondsLeft(hit.session.credentials.expiration, deps.now()) : 0;
      if (hit && renewedSince && hit.storedAt >= renewedSince && left > PARENT_MIN_SECONDS) {
        deps.log.debug(`cache: ${step.kind} for "${step.profile}" was just renewed by another process`);
        return hit.session;
      }
      if (hit && left > (minLeft ?? refreshWindow(opts.minTtlSeconds, lifetime(step, hit)))) {
        deps.log.debug(`cache hit: ${step.kind} for "${step.profile}" (${left}s left)`);
        return hit.session;
      }
      if (hit) deps.log.debug(`cache: ${step.kind} for "${step.profile}" has ${left}s left, renewing`);
      return undefined;
    };
    const cached = await fresh();
    if (cached) {
      outcomes.unshift({ step, session: cached, fromCache: true });
      return cached.credentials;
    }
    const renew = async () => {
      const again = await fresh(firstLook);
      if (again) return { session: again, fromCache: true };
      const session = await callSts(step, i, resolve, deps, { region: plan.region, endpoint: plan.endpoint });
      if (!opts.noCache) await store(deps, { key, profile: step.profile, step: label(step), session, storedAt: deps.now() });
      return { session, fromCache: false };
    };
    // Waiters read the cache between lock attempts: once the holder has stored the
    // renewed session they all take it at once instead of queueing for the lock.
    const renewedMeanwhile = async () => {
      const s = await fresh(firstLook);
      return s ? { session: s, fromCache: true } : undefined;
    };
    const got = opts.noCache ? await renew() : await deps.withLock(`step-${key}`, renew, renewedMeanwhile);
    outcomes.push({ step, ...got });
    return got.session.credentials;
  };

  const credentials = await resolve(last, opts.finalMinSeconds);
  const finalStep = plan.steps[last];
  const session = outcomes.find((o) => o.step === finalStep)?.session;
  outcomes.sort((a, b) => plan.steps.indexOf(a.step) - plan.steps.indexOf(b.step));
  return { credentials, ...(session ? { session } : {}), outcomes };
}

/**
 * How long a cached session lasts as issued: what the step asks STS for, which unlike
 * the entry's storedAt does not depend on this machine's clock agreeing with STS's.
 * A SAML step left at its default takes the IdP's SessionDuration, known only from the entry.
 */
function lifetime(step: StsStep, hit: CacheEntry): number {
  if (step.kind === "AssumeRoleWithSAML" && step.durationDefaulted) {
    return Math.round((hit.session.credentials.expiration.getTime() - hit.storedAt.getTime()) / 1000);
  }
  return step.durationSeconds;
}

/**
 * Caches a session STS just issued. A cache that cannot be written (a full disk, a
 * directory where the entry goes) costs the next command an STS call, not this one
 * its credentials: warn and go on.
 */
async function store(deps: EngineDeps, entry: CacheEntry): Promise<void> {
  try {
    await deps.sessions.put(entry);
  } catch (e) {
    if (!(e instanceof StoreError)) throw e;
    deps.log.warn(`${e.message}; this session is used but not cached, so the next command calls STS again. ${e.hint ?? ""}`.trim());
  }
}

async function callSts(
  step: StsStep,
  i: number,
  resolve: (i: number, minLeft?: number) => Promise<AwsCredentials>,
  deps: EngineDeps,
  where: StsEndpoint,
): Promise<Session> {
  const parent = () => (i > 0 ? resolve(i - 1, PARENT_MIN_SECONDS) : Promise.reject(new StsctlError(`${step.kind} has no source step`)));
  const sts = deps.sts(where);
  switch (step.kind) {
    case "GetSessionToken": {
      const creds = await parent();
      return withMfa(step, deps, (mfa) => sts.getSessionToken(creds, { durationSeconds: step.durationSeconds, ...mfa }));
    }
    case "AssumeRole": {
      const creds = await parent();
      return withMfa(step, deps, (mfa) =>
        sts.assumeRole(creds, {
          roleArn: step.roleArn,
          roleSessionName: step.roleSessionName,
          durationSeconds: step.durationSeconds,
          ...mfa,
          ...pick(step, ["externalId", "policy", "policyArns", "tags", "transitiveTagKeys", "sourceIdentity"]),
        }),
      );
    }
    case "AssumeRoleWithWebIdentity": {
      if (!deps.webIdentityToken) throw new StsctlError("web identity is not available in this build");
      const { token, sessionName } = await deps.webIdentityToken(step);
      return sts.assumeRoleWithWebIdentity({
        roleArn: step.roleArn,
        roleSessionName: step.roleSessionName ?? sessionName,
        webIdentityToken: token,
        durationSeconds: step.durationSeconds,
        ...pick(step, ["policy", "policyArns"]),
      });
    }
    case "AssumeRoleWithSAML": {
      if (!deps.samlAssertion) throw new StsctlError("SAML is not available in this build");
      const a = await deps.samlAssertion(step);
      const exchange = (durationSeconds: number) =>
        sts.assumeRoleWithSaml({
          roleArn: a.roleArn,
          principalArn: a.principalArn,
          samlAssertion: a.assertion,
          durationSeconds,
          ...pick(step, ["policy", "policyArns"]),
        });
      try {
        return await exchange(a.durationSeconds);
      } catch (e) {
        // IdPs often send a SessionDuration longer than the role allows, which only STS knows;
        // the user asked for nothing, so take the 1h every role allows rather than fail.
        if (!(a.durationFromIdp && a.durationSeconds > ROLE_MIN_MAX && e instanceof AwsError && e.awsMessage.includes("MaxSessionDuration"))) throw e;
        deps.log.info(
          `note: the IdP's SessionDuration (${showDuration(a.durationSeconds)}) is longer than the role allows; asking for ${showDuration(ROLE_MIN_MAX)}`,
        );
        return exchange(ROLE_MIN_MAX);
      }
    }
  }
}

/**
 * Calls STS with the step's MFA code, if it has a serial. A code STS refuses as invalid goes
 * back to the MFA source, which gives another if it can ask again (a person at a prompt) or
 * rethrows the refusal; the engine does not know which (src/mfa/mfaCodeSource.ts).
 */
async function withMfa(
  step: GetSessionTokenStep | AssumeRoleStep,
  deps: EngineDeps,
  call: (mfa: { serialNumber?: string; tokenCode?: string }) => Promise<Session>,
): Promise<Session> {
  if (!step.mfaSerial) return call({});
  const req = mfaRequest(step, step.mfaSerial);
  let tokenCode = await deps.mfaCode(req);
  for (;;) {
    try {
      return await call({ serialNumber: step.mfaSerial, tokenCode });
    } catch (e) {
      // AWS's words for a wrong or reused code (docs/aws-limits.md, MFA).
      if (!(e instanceof AwsError && e.awsCode === "AccessDenied" && e.awsMessage.startsWith(INVALID_MFA_CODE))) throw e;
      tokenCode = await deps.mfaCode(req, e);
    }
  }
}

const INVALID_MFA_CODE = "MultiFactorAuthentication failed with invalid MFA one time pass code";

/** What the MFA source needs for a step's code: the step also names the mfa_process, so nothing here reads config. */
function mfaRequest(step: GetSessionTokenStep | AssumeRoleStep, serial: string): Parameters<EngineDeps["mfaCode"]>[0] {
  return { profile: step.profile, serial, ...(step.mfaProcess ? { mfaProcess: step.mfaProcess } : {}) };
}

function label(step: StsStep): string {
  switch (step.kind) {
    case "GetSessionToken":
      return `GetSessionToken${step.mfaSerial ? ` (MFA ${step.mfaSerial})` : ""}`;
    case "AssumeRole":
      return `AssumeRole ${step.roleArn}`;
    case "AssumeRoleWithWebIdentity":
      return `AssumeRoleWithWebIdentity ${step.roleArn}`;
    case "AssumeRoleWithSAML":
      return `AssumeRoleWithSAML ${step.roleArn ?? ""}`.trim();
  }
}

function pick<T extends object, K extends keyof T>(o: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}
