import * as f from "../config/fields.js";
import type { Profile } from "../config/profile.js";
import { ConfigError, UsageError } from "../errors.js";
import type { PlanOptions } from "./plan.js";

// Where the plan's STS calls go, each choice with its reason (STS-FACTS "Shared config";
// the region order is issue 2's: flag, profile, AWS_REGION, AWS_DEFAULT_REGION).

export function resolveRegion(top: Profile, opts: PlanOptions, reasons: string[]): string {
  return pickRegion(
    [
      [opts.region, "--region"],
      [top.region, `profile "${top.name}"`, top.where.region],
      [opts.env.AWS_REGION, "AWS_REGION"],
      [opts.env.AWS_DEFAULT_REGION, "AWS_DEFAULT_REGION"],
    ],
    reasons,
  );
}

/** A region candidate: its value, the source named in the plan's reasons, and where it is written when not the same. */
export type RegionChoice = readonly [value: string | undefined, source: string, written?: string];

/**
 * The first region set, in the order given, else us-east-1. Every plan's region
 * comes through here (profiles, web identity, SAML flags), so a value from any
 * source is checked before it reaches the STS client's host name and signature:
 * a flag fails as a UsageError, anything else as a ConfigError naming its source.
 */
export function pickRegion(choices: readonly RegionChoice[], reasons: string[]): string {
  const pick = choices.find(([v]) => v);
  if (!pick) {
    const sources = choices.map(([, source]) => (source.startsWith("profile ") ? "profile region" : source));
    reasons.push(`region us-east-1: the default (no ${sources.slice(0, -1).join(", ")} or ${sources.at(-1)})`);
    return "us-east-1";
  }
  const [value, source, written] = pick;
  try {
    f.region(value!, written ?? source);
  } catch (e) {
    if (source.startsWith("--") && e instanceof ConfigError) throw new UsageError(e.message, { hint: e.hint });
    throw e;
  }
  reasons.push(`region ${value}: from ${source}`);
  return value!;
}

/** Regions whose STS calls went to the global endpoint under the legacy setting (as botocore has them). */
const LEGACY_GLOBAL_REGIONS = new Set([
  "ap-northeast-1", "ap-south-1", "ap-southeast-1", "ap-southeast-2", "ca-central-1", "eu-central-1", "eu-north-1", "eu-west-1",
  "eu-west-2", "eu-west-3", "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2",
]);

export function resolveEndpoint(top: Profile, opts: PlanOptions, reasons: string[], region: string): string | undefined {
  const pick = (
    [
      [opts.endpointUrl, "--endpoint-url"],
      [opts.env.AWS_ENDPOINT_URL_STS, "AWS_ENDPOINT_URL_STS"],
      [opts.env.AWS_ENDPOINT_URL, "AWS_ENDPOINT_URL"],
      [top.endpointUrl, `endpoint_url of profile "${top.name}"`],
    ] as const
  ).find(([v]) => v);
  if (pick) {
    reasons.push(`STS endpoint ${pick[0]}: from ${pick[1]}`);
    return pick[0];
  }
  const legacy = (opts.env.AWS_STS_REGIONAL_ENDPOINTS ?? top.stsRegionalEndpoints) === "legacy";
  if (legacy && LEGACY_GLOBAL_REGIONS.has(region)) {
    reasons.push("STS endpoint https://sts.amazonaws.com: sts_regional_endpoints = legacy (the global endpoint, for this region)");
    return "https://sts.amazonaws.com";
  }
  return undefined;
}
