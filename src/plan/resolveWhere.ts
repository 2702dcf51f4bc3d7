import * as f from "../config/fields.js";
import type { Profile } from "../config/profile.js";
import { ConfigError, UsageError } from "../errors.js";
import type { PlanEnv } from "./planOptions.js";

/** What decides where a plan's STS calls go. `profile` is absent for plans made from flags or the environment alone. */
export interface WhereInput {
  /** --region */
  region?: string;
  /** --endpoint-url */
  endpointUrl?: string;
  env: PlanEnv;
  profile?: Profile;
}

export interface Where {
  region: string;
  /** True when nothing set the region and it is stsctl's us-east-1 fallback: exports then leave AWS_REGION alone. */
  regionDefaulted?: true;
  /** Absent: the regional endpoint of `region`. */
  endpoint?: string;
}

/**
 * The region and STS endpoint of every plan (profiles, web identity, SAML
 * flags), each choice with its reason pushed onto `reasons`. Region: --region,
 * the profile's region, AWS_REGION, AWS_DEFAULT_REGION, else us-east-1 (marked
 * regionDefaulted: exports leave it out).
 * Endpoint: --endpoint-url, AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, the profile's
 * endpoint_url, else the global one under sts_regional_endpoints = legacy
 * (AWS SDKs and Tools reference guide, "Service-specific endpoints" and
 * "AWS STS Regional endpoints").
 */
export function resolveWhere(input: WhereInput, reasons: string[]): Where {
  const { env, profile: p } = input;
  const { region, defaulted } = pickRegion(
    [
      [input.region, "--region"],
      ...(p ? [[p.region, `profile "${p.name}"`, p.where.region] as const] : []),
      [env.AWS_REGION, "AWS_REGION"],
      [env.AWS_DEFAULT_REGION, "AWS_DEFAULT_REGION"],
    ],
    reasons,
  );
  const pick = (
    [
      [input.endpointUrl, "--endpoint-url"],
      [env.AWS_ENDPOINT_URL_STS, "AWS_ENDPOINT_URL_STS"],
      [env.AWS_ENDPOINT_URL, "AWS_ENDPOINT_URL"],
      ...(p ? [[p.endpointUrl, `endpoint_url of profile "${p.name}"`] as const] : []),
    ] as const
  ).find(([v]) => v);
  if (pick) {
    reasons.push(`STS endpoint ${pick[0]}: from ${pick[1]}`);
    return { region, ...defaulted, endpoint: pick[0]! };
  }
  // Plans without a profile (web identity and SAML from flags or the environment) have
  // always gone to the regional endpoint, whatever AWS_STS_REGIONAL_ENDPOINTS says.
  const legacy = p !== undefined && (env.AWS_STS_REGIONAL_ENDPOINTS ?? p.stsRegionalEndpoints) === "legacy";
  if (legacy && LEGACY_GLOBAL_REGIONS.has(region)) {
    reasons.push("STS endpoint https://sts.amazonaws.com: sts_regional_endpoints = legacy (the global endpoint, for this region)");
    return { region, ...defaulted, endpoint: "https://sts.amazonaws.com" };
  }
  return { region, ...defaulted };
}

/**
 * The region a session's exports carry (AWS_REGION, AWS_DEFAULT_REGION): the plan's,
 * when a flag, the profile or the environment chose it; none for the us-east-1
 * fallback, which would otherwise pass for a choice the user made.
 */
export function regionToExport(where: Where): string | undefined {
  return where.regionDefaulted ? undefined : where.region;
}

/** A region candidate: its value, the source named in the plan's reasons, and where it is written when not the same. */
type RegionChoice = readonly [value: string | undefined, source: string, written?: string];

/**
 * The first region set, in the order given, else us-east-1. A value from any
 * source is checked before it reaches the STS client's host name and signature:
 * a flag fails as a UsageError, anything else as a ConfigError naming its source.
 */
function pickRegion(choices: readonly RegionChoice[], reasons: string[]): { region: string; defaulted?: { regionDefaulted: true } } {
  const pick = choices.find(([v]) => v);
  if (!pick) {
    const sources = choices.map(([, source]) => (source.startsWith("profile ") ? "profile region" : source));
    reasons.push(`region us-east-1: the default (no ${sources.slice(0, -1).join(", ")} or ${sources.at(-1)}), so not exported`);
    return { region: "us-east-1", defaulted: { regionDefaulted: true } };
  }
  const [value, source, written] = pick;
  try {
    f.region(value!, written ?? source);
  } catch (e) {
    if (source.startsWith("--") && e instanceof ConfigError) throw new UsageError(e.message, { hint: e.hint });
    throw e;
  }
  reasons.push(`region ${value}: from ${source}`);
  return { region: value! };
}

/** Regions whose STS calls went to the global endpoint under the legacy setting (as botocore has them). */
const LEGACY_GLOBAL_REGIONS = new Set([
  "ap-northeast-1",
  "ap-south-1",
  "ap-southeast-1",
  "ap-southeast-2",
  "ca-central-1",
  "eu-central-1",
  "eu-north-1",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "sa-east-1",
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
]);
