// The default credentials-file section of `--write` (assume, oidc, saml).

import { createHash } from "node:crypto";
import type { SectionOwner } from "./credentialsSection.js";

/** Characters a section name may keep as they are: safe in an INI header and as `--profile` / AWS_PROFILE. */
const PLAIN = /^[\w.@+-]+$/;

/**
 * Never the profile's own name, whose role settings would shadow the keys
 * (test/e2e/write.test.ts shows the AWS CLI doing so), and one section per
 * profile: a name that is not plain keeps a readable part (accents dropped,
 * other runs of characters as "-") plus a hash of its exact text, so that
 * "team/prod", "team prod" and "ünï" each get their own, stable section.
 */
export function writeSectionName(profile: string): string {
  if (PLAIN.test(profile)) return `stsctl-${profile}`;
  const readable = profile
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[^\w.@+]+/g, "-")
    .slice(0, 32)
    .replace(/^-+|-+$/g, "");
  const hash = createHash("sha256").update(profile, "utf8").digest("hex").slice(0, 8);
  return readable ? `stsctl-${readable}-${hash}` : `stsctl-${hash}`;
}

/** The default section for `owner`: flows that no profile describes share [stsctl-saml] or [stsctl-web-identity]. */
export const defaultSectionName = (owner: SectionOwner): string =>
  "profile" in owner ? writeSectionName(owner.profile) : owner.flow === "saml" ? "stsctl-saml" : "stsctl-web-identity";
