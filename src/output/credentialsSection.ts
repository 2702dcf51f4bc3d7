// What stsctl puts in a credentials-file section (pure; the writer is credentialsFile.ts).

import type { AwsCredentials } from "../credentials.js";
import { firstBodyLine } from "../ini/iniSplice.js";
import { toIsoSeconds } from "./isoSeconds.js";

/** First line of every section stsctl writes; its absence means "not ours, don't touch". */
export const STSCTL_MARKER = "# managed by stsctl: temporary credentials, replaced on each write";

/** A session that no profile describes: SAML or web identity from flags or the environment. */
export type Flow = "saml" | "web identity";

/** Whose session a section holds: a profile's, or a flow's. */
export type SectionOwner = { profile: string } | { flow: Flow };

/** How the marker names an owner; a profile name is JSON-quoted, so no name can end the comment line. */
export const describeOwner = (owner: SectionOwner): string =>
  "profile" in owner ? `for profile ${JSON.stringify(owner.profile)}` : `for ${owner.flow} without a profile`;

/**
 * The marker line of a section written for `owner`: STSCTL_MARKER, then whose
 * session it is, so that one profile's --write never silently replaces another's.
 */
export const markerFor = (owner?: SectionOwner): string => (owner ? `${STSCTL_MARKER}; ${describeOwner(owner)}` : STSCTL_MARKER);

/**
 * What the marker of section [name] says: undefined when stsctl did not write
 * the section, {} when a release that recorded no owner did, else the owner
 * as describeOwner put it.
 */
export function readMarker(text: string, name: string): { owner?: string } | undefined {
  const line = firstBodyLine(text, name);
  if (line === STSCTL_MARKER) return {};
  if (line?.startsWith(`${STSCTL_MARKER}; `)) return { owner: line.slice(STSCTL_MARKER.length + 2) };
  return undefined;
}

/**
 * Expiry of the written session. botocore and the JS SDK ignore keys they do
 * not know (tested against the AWS CLI), and unlike a comment the `ini`
 * parser keeps it, so stsctl's config reader can see when the section expires.
 */
export const EXPIRATION_KEY = "x_stsctl_expiration";

export function credentialsSectionLines(creds: AwsCredentials): Array<[string, string]> {
  const lines: Array<[string, string]> = [
    ["aws_access_key_id", creds.accessKeyId],
    ["aws_secret_access_key", creds.secretAccessKey],
  ];
  if (creds.sessionToken) lines.push(["aws_session_token", creds.sessionToken]);
  if (creds.expiration) lines.push([EXPIRATION_KEY, toIsoSeconds(creds.expiration)]);
  return lines;
}
