import { ConfigError } from "../errors.js";
import { getProfile } from "../config/getProfile.js";
import type { LoadedConfig } from "../config/load.js";
import type { Profile } from "../config/profile.js";

/** Where a chain of role profiles gets its first credentials. */
export type ChainBase =
  | { kind: "static"; profile: Profile }
  | { kind: "keychain"; profile: Profile }
  | { kind: "environment"; profile: Profile }
  | { kind: "sdk"; profile: Profile; provider: "process" | "sso" | "instance" | "container" }
  | { kind: "webIdentity"; profile: Profile }
  | { kind: "saml"; profile: Profile };

export interface SourceChain {
  base: ChainBase;
  /** Role profiles from the one nearest the base up to the requested profile. */
  roles: Profile[];
}

/**
 * Follows source_profile links from `name` down to the first credentials.
 * The requested profile uses role_arn even when it also has keys (as the AWS CLI
 * does); a source profile with static keys is used for its keys, and so is the
 * requested profile's own when its source_profile names itself.
 */
export function sourceChain(config: LoadedConfig, name: string): SourceChain {
  const roles: Profile[] = [];
  const seen: string[] = [];
  let p = getProfile(config, name);
  for (;;) {
    seen.push(p.name);
    const isTop = roles.length === 0 && seen.length === 1;
    const own = ownBase(p, isTop);
    if (own) return { base: own, roles: roles.reverse() };
    if (!p.roleArn) throw noCredentials(p);
    if (p.webIdentityTokenFile || p.webIdentityTokenProcess || p.oidcIssuer) {
      return { base: { kind: "webIdentity", profile: p }, roles: roles.reverse() };
    }
    roles.push(p);
    if (p.credentialSource) {
      return { base: credentialSourceBase(p), roles: roles.reverse() };
    }
    if (!p.sourceProfile) {
      throw new ConfigError(`profile "${p.name}" has role_arn but nothing to assume it with`, {
        hint: `add source_profile (a profile with keys), credential_source, or web_identity_token_file to profile "${p.name}"`,
      });
    }
    if (!config.profiles.has(p.sourceProfile)) {
      throw new ConfigError(`The source_profile "${p.sourceProfile}" referenced in the profile "${p.name}" does not exist.`, {
        hint: `fix source_profile in ${p.where.source_profile} or add a [profile ${p.sourceProfile}] section`,
      });
    }
    if (p.sourceProfile === p.name && p.awsAccessKeyId) {
      // Keys and role in one profile, source_profile naming itself: botocore assumes the role with
      // this profile's static keys (a self-reference is a loop only for a profile without keys).
      return { base: { kind: "static", profile: p }, roles: roles.reverse() };
    }
    if (seen.includes(p.sourceProfile)) {
      const loop = [...seen, p.sourceProfile].join(" -> ");
      throw new ConfigError(`Infinite loop in credential configuration detected: ${loop}`, {
        hint: `one of these profiles must get credentials another way (keys, credential_source, web identity)`,
      });
    }
    p = getProfile(config, p.sourceProfile);
  }
}

function ownBase(p: Profile, isTop: boolean): ChainBase | undefined {
  if (isTop && p.roleArn) return undefined;
  if (p.awsAccessKeyId) return { kind: "static", profile: p };
  if (p.keysInKeychain) return { kind: "keychain", profile: p };
  if (p.samlUrl || p.samlRoleArn) return { kind: "saml", profile: p };
  if (p.roleArn) return undefined;
  if (p.credentialProcess) return { kind: "sdk", profile: p, provider: "process" };
  if (p.ssoSession || p.ssoStartUrl) return { kind: "sdk", profile: p, provider: "sso" };
  return undefined;
}

function credentialSourceBase(p: Profile): ChainBase {
  switch (p.credentialSource) {
    case "Environment":
      return { kind: "environment", profile: p };
    case "Ec2InstanceMetadata":
      return { kind: "sdk", profile: p, provider: "instance" };
    default:
      return { kind: "sdk", profile: p, provider: "container" };
  }
}

function noCredentials(p: Profile): ConfigError {
  return new ConfigError(`profile "${p.name}" has no credentials`, {
    hint: `give it role_arn with source_profile, aws_access_key_id/aws_secret_access_key in the credentials file, or run stsctl add ${p.name}`,
  });
}
