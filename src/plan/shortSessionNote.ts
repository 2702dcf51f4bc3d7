import { showDuration } from "./durations.js";

/**
 * How long before `Expiration` the consumers of a session refresh it
 * (docs/aws-limits.md, "credential_process"): the AWS CLI and boto3 with
 * under 15 minutes left, the AWS SDK for JavaScript with under 5.
 */
const CONSUMER_REFRESH_MARGINS: ReadonlyArray<{ who: string; seconds: number }> = [
  { who: "the AWS CLI and boto3", seconds: 900 },
  { who: "the AWS SDK for JavaScript", seconds: 300 },
];

/** A note for `stsctl plan` when a session is so short that a consumer refreshes it before every call, else undefined. */
export function shortSessionNote(durationSeconds: number): string | undefined {
  const every = CONSUMER_REFRESH_MARGINS.filter((c) => durationSeconds <= c.seconds);
  if (!every.length) return undefined;
  const who = every.map((c) => `${c.who} (${showDuration(c.seconds)})`).join(" and ");
  return (
    `note: a ${showDuration(durationSeconds)} session starts inside the refresh margin of ${who}: they run credential_process ` +
    `before every call, answered from stsctl's cache; ask for more than ${showDuration(every[0]!.seconds)} to avoid that`
  );
}
