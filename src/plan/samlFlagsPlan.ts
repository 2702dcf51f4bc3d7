import path from "node:path";
import { checkRange, LIMITS, showDuration } from "./durations.js";
import type { PlanEnv } from "./planOptions.js";
import { resolveWhere } from "./resolveWhere.js";
import type { AssumeRoleWithSamlStep, Plan } from "./steps.js";

/** The profile name of a plan made from flags alone; never a real profile's name, so cache entries can't mix. */
export const FLAGS_PROFILE = "(saml)";

export interface SamlFlags {
  url?: string;
  assertionFile?: string;
  roleArn?: string;
  principalArn?: string;
  /** Seconds, from --duration. */
  duration?: number;
  region?: string;
  endpointUrl?: string;
}

/** `stsctl saml --url ... | --assertion-file ...` without a profile: one AssumeRoleWithSAML step. */
export function samlFlagsPlan(f: SamlFlags & ({ url: string } | { assertionFile: string }), env: PlanEnv): Plan {
  const reasons: string[] = [];
  if (f.duration !== undefined) checkRange("AssumeRoleWithSAML", f.duration, "--duration");
  const seconds = f.duration ?? LIMITS.AssumeRoleWithSAML.default;
  const file = f.assertionFile;
  const step: AssumeRoleWithSamlStep = {
    kind: "AssumeRoleWithSAML",
    profile: FLAGS_PROFILE,
    durationSeconds: seconds,
    durationDefaulted: f.duration === undefined,
    reasons: [
      f.duration === undefined
        ? `duration ${showDuration(seconds)} unless the assertion's SessionDuration says otherwise`
        : `duration ${showDuration(seconds)}: from --duration`,
    ],
    assertion: file !== undefined ? { kind: "file", path: file === "-" ? "-" : path.resolve(file) } : { kind: "browser", url: f.url! },
    ...(f.roleArn ? { roleArn: f.roleArn } : {}),
    ...(f.principalArn ? { principalArn: f.principalArn } : {}),
  };
  const where = resolveWhere({ region: f.region, endpointUrl: f.endpointUrl, env }, reasons);
  return { profile: FLAGS_PROFILE, ...where, steps: [step], reasons };
}
