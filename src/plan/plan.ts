import type { LoadedConfig } from "../config/load.js";
import { askedDuration } from "./askedDuration.js";
import { assumeRoleSteps } from "./assumeRoleSteps.js";
import { federationStep } from "./federationStep.js";
import { placeMfa } from "./placeMfa.js";
import type { PlanOptions } from "./planOptions.js";
import { resolveWhere } from "./resolveWhere.js";
import { shortSessionNote } from "./shortSessionNote.js";
import { roleHops } from "./roleHops.js";
import { requireSessionTokenSource, sessionTokenStep } from "./sessionTokenStep.js";
import { sourceChain, type SourceChain } from "./sourceChain.js";
import { isLongTerm, sourceStep } from "./sourceStep.js";
import { isStsStep, type Plan, type Step } from "./steps.js";

export type { PlanOptions } from "./planOptions.js";

/**
 * A pure function from profiles and flags to the steps that get credentials, each
 * with its reasons: the source, then a federation or GetSessionToken step, then
 * the role hops. Each decision lives in the module named for it.
 */
export function plan(config: LoadedConfig, profileName: string, opts: PlanOptions): Plan {
  return planChain(sourceChain(config, profileName), profileName, opts);
}

/** plan() for a chain already followed (or made up, as for the environment's keys: environmentKeysPlan.ts). */
export function planChain({ base, roles }: SourceChain, profileName: string, opts: PlanOptions): Plan {
  const top = roles.at(-1) ?? base.profile;
  const reasons: string[] = [];
  const steps: Step[] = [];

  const source = sourceStep(base, opts.env);
  if (source) steps.push(source);
  const longTerm = isLongTerm(source, opts.env);

  const hops = roleHops(roles, top, opts.roleArn);
  if (opts.want === "session-token") requireSessionTokenSource(profileName, hops, longTerm);

  const asked = askedDuration(opts.duration, top);
  const mfa = placeMfa({ profileName, chain: [base.profile, ...roles], hops, longTerm, asked, opts });

  if (base.kind === "webIdentity" || base.kind === "saml") {
    steps.push(federationStep(base, asked, hops.length > 0 ? undefined : opts));
  }
  if (mfa.sessionToken) steps.push(sessionTokenStep(base.profile, top, hops, mfa, asked));
  steps.push(...assumeRoleSteps({ hops, top, source, longTerm, mfa, asked, opts }));

  // The session the caller gets: warn when its consumers would refresh it on every call.
  const last = steps.at(-1);
  if (last && isStsStep(last) && !(last.kind === "AssumeRoleWithSAML" && last.durationDefaulted)) {
    const note = shortSessionNote(last.durationSeconds);
    if (note) last.reasons.push(note);
  }

  if (!steps.some((s) => s.kind !== "StaticKeys" && s.kind !== "KeychainKeys" && s.kind !== "Environment") && opts.want !== "any") {
    reasons.push("no STS call: the profile's credentials are used as they are");
  }
  const where = resolveWhere({ region: opts.region, endpointUrl: opts.endpointUrl, env: opts.env, profile: top }, reasons);
  return { profile: profileName, ...where, steps, reasons };
}
