import path from "node:path";
import { checkRange, LIMITS, showDuration } from "../../plan/durations.js";
import { pickRegion } from "../../plan/resolveWhere.js";
import type { AssumeRoleWithSamlStep, Plan } from "../../plan/steps.js";

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
export function samlFlagsPlan(f: SamlFlags & ({ url: string } | { assertionFile: string }), env: NodeJS.ProcessEnv): Plan {
  const reasons: string[] = [];
  if (f.duration !== undefined) checkRange("AssumeRoleWithSAML", f.duration, "--duration");
  const seconds = f.duration ?? LIMITS.AssumeRoleWithSAML.default;
  const file = f.assertionFile;
  const step: AssumeRoleWithSamlStep = {
    kind: "AssumeRoleWithSAML",
    profile: FLAGS_PROFILE,
    durationSeconds: seconds,
    durationDefaulted: f.duration === undefined,
    reasons: [f.duration === undefined ? `duration ${showDuration(seconds)} unless the assertion's SessionDuration says otherwise` : `duration ${showDuration(seconds)}: from --duration`],
    assertion: file !== undefined ? { kind: "file", path: file === "-" ? "-" : path.resolve(file) } : { kind: "browser", url: f.url! },
    ...(f.roleArn ? { roleArn: f.roleArn } : {}),
    ...(f.principalArn ? { principalArn: f.principalArn } : {}),
  };
  const region = pickRegion([[f.region, "--region"], [env.AWS_REGION, "AWS_REGION"], [env.AWS_DEFAULT_REGION, "AWS_DEFAULT_REGION"]], reasons);
  const endpoint = pick([[f.endpointUrl, "--endpoint-url"], [env.AWS_ENDPOINT_URL_STS, "AWS_ENDPOINT_URL_STS"], [env.AWS_ENDPOINT_URL, "AWS_ENDPOINT_URL"]]);
  if (endpoint) reasons.push(`STS endpoint ${endpoint[0]}: from ${endpoint[1]}`);
  return { profile: FLAGS_PROFILE, region, ...(endpoint ? { endpoint: endpoint[0] } : {}), steps: [step], reasons };
}

function pick(options: Array<[string | undefined, string]>): [string, string] | undefined {
  const found = options.find(([v]) => v);
  return found ? [found[0]!, found[1]] : undefined;
}
