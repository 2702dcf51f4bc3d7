import type { Profile } from "../config/profile.js";
import type { PlanOptions } from "./plan.js";

// Where the plan's STS calls go, each choice with its reason (STS-FACTS "Shared config";
// the region order is issue 2's: flag, profile, AWS_REGION, AWS_DEFAULT_REGION).

export function resolveRegion(top: Profile, opts: PlanOptions, reasons: string[]): string {
  const pick = (
    [
      [opts.region, "--region"],
      [top.region, `profile "${top.name}"`],
      [opts.env.AWS_REGION, "AWS_REGION"],
      [opts.env.AWS_DEFAULT_REGION, "AWS_DEFAULT_REGION"],
    ] as const
  ).find(([v]) => v);
  if (pick) {
    reasons.push(`region ${pick[0]}: from ${pick[1]}`);
    return pick[0]!;
  }
  reasons.push("region us-east-1: the default (no --region, profile region, AWS_REGION or AWS_DEFAULT_REGION)");
  return "us-east-1";
}

export function resolveEndpoint(top: Profile, opts: PlanOptions, reasons: string[]): string | undefined {
  const pick = (
    [
      [opts.endpointUrl, "--endpoint-url"],
      [opts.env.AWS_ENDPOINT_URL_STS, "AWS_ENDPOINT_URL_STS"],
      [opts.env.AWS_ENDPOINT_URL, "AWS_ENDPOINT_URL"],
      [top.endpointUrl, `endpoint_url of profile "${top.name}"`],
    ] as const
  ).find(([v]) => v);
  if (!pick) return undefined;
  reasons.push(`STS endpoint ${pick[0]}: from ${pick[1]}`);
  return pick[0];
}
