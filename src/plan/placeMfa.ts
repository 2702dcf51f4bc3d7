import type { Profile } from "../config/profile.js";
import { UsageError } from "../errors.js";
import type { AskedDuration } from "./askedDuration.js";
import { CHAINED_MAX, LIMITS } from "./durations.js";
import type { PlanOptions } from "./planOptions.js";
import type { RoleHop } from "./roleHops.js";

export interface MfaPlacement {
  /** Some step takes an MFA code. */
  wanted: boolean;
  serial?: string;
  /** A GetSessionToken step follows the source (with the code, when wanted). */
  sessionToken: boolean;
  /** Index of the role hop whose AssumeRole call takes the code, or -1. */
  onHop: number;
}

export interface MfaInput {
  profileName: string;
  /** The chain's profiles, the base first. */
  chain: Profile[];
  hops: RoleHop[];
  longTerm: boolean;
  asked: AskedDuration | undefined;
  opts: Pick<PlanOptions, "mfa" | "mfaSerial" | "want">;
}

/**
 * Whether a GetSessionToken step comes first, and which call takes the MFA code.
 * GetSessionToken first lets one code serve every role from this user for 12h,
 * but makes each role hop "chained" (1h cap). So a single role asked for more
 * than 1h takes the code on its own AssumeRole call.
 */
export function placeMfa({ profileName, chain, hops, longTerm, asked, opts }: MfaInput): MfaPlacement {
  // An explicit serial, else the first profile from the base up that names one.
  const declared = chain.find((p) => p.mfaSerial);
  const serial = opts.mfaSerial ?? declared?.mfaSerial;
  const wanted = Boolean(opts.mfa || opts.mfaSerial || declared);
  if (wanted && !serial) {
    throw new UsageError(`--mfa needs an MFA device serial, and profile "${profileName}" names none`, {
      hint: `add mfa_serial to profile "${profileName}" (or its source profile), or pass --mfa-serial ARN`,
    });
  }
  const placed = { wanted, ...(serial ? { serial } : {}) };
  if (hops.length === 0) {
    // No roles: long-term keys get a session for callers that want one, and for MFA.
    return { ...placed, sessionToken: longTerm && (opts.want !== "any" || wanted), onHop: -1 };
  }
  if (!wanted) return { ...placed, sessionToken: false, onHop: -1 };
  const finalAsk = asked?.s ?? LIMITS.AssumeRole.default;
  if (longTerm && !(hops.length === 1 && finalAsk > CHAINED_MAX)) return { ...placed, sessionToken: true, onHop: -1 };
  const idx = opts.mfaSerial || !declared ? 0 : hops.findIndex((h) => h.profile === declared || h.profile.mfaSerial);
  return { ...placed, sessionToken: false, onHop: Math.max(0, idx) };
}

/**
 * The command that prints a step's MFA code: its own profile's mfa_process, else
 * the requested profile's (a role profile may name mfa_serial and mfa_process for
 * the user it is assumed from). Carried on the step so the engine reads no config.
 */
export function mfaProcessOf(own: Profile, top: Profile): { mfaProcess?: string } {
  const command = own.mfaProcess ?? top.mfaProcess;
  return command ? { mfaProcess: command } : {};
}
