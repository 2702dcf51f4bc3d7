import { ConfigError } from "../errors.js";
import * as f from "./fields.js";
import { displayPath } from "./paths.js";
import type { LoadedConfig, RawSetting } from "./load.js";
import { CREDENTIAL_SOURCES, type Profile } from "./profile.js";
import { suggest } from "./suggest.js";

/** The typed profile NAME. Unknown keys are ignored; a bad value names its file and line. */
export function getProfile(config: LoadedConfig, name: string): Profile {
  const settings = mergedSettings(config, name, []);
  const where = (key: string) => {
    const s = settings.get(key)!;
    return `${s.file} line ${s.line} (${key})`;
  };
  const get = (key: string) => settings.get(key)?.value || undefined;
  const p: Profile = { name, where: {} };
  for (const key of settings.keys()) p.where[key] = where(key);
  const str = (key: string) => get(key);
  const with_ = <T>(key: string, parse: (v: string, w: string) => T): T | undefined => {
    const v = get(key);
    return v === undefined ? undefined : parse(v, where(key));
  };

  p.region = with_("region", f.region);
  p.awsAccessKeyId = str("aws_access_key_id");
  p.awsSecretAccessKey = str("aws_secret_access_key");
  p.awsSessionToken = str("aws_session_token") ?? str("aws_security_token");
  p.roleArn = with_("role_arn", f.roleArn);
  p.sourceProfile = str("source_profile");
  p.credentialSource = with_("credential_source", (v, w) => f.oneOf(v, CREDENTIAL_SOURCES, w));
  p.mfaSerial = with_("mfa_serial", f.mfaSerial);
  p.mfaProcess = str("mfa_process");
  p.externalId = str("external_id");
  p.roleSessionName = with_("role_session_name", f.sessionName);
  p.durationSeconds = with_("duration_seconds", f.integer);
  p.sessionTags = with_("session_tags", f.tags);
  p.transitiveSessionTags = with_("transitive_session_tags", (v) => f.list(v));
  p.sourceIdentity = str("source_identity");
  p.webIdentityTokenFile = str("web_identity_token_file");
  p.webIdentityTokenProcess = str("web_identity_token_process");
  p.endpointUrl = with_("endpoint_url", f.url);
  p.stsRegionalEndpoints = with_("sts_regional_endpoints", (v, w) => f.oneOf(v, ["regional", "legacy"] as const, w));
  p.credentialProcess = str("credential_process");
  p.ssoSession = str("sso_session");
  p.ssoStartUrl = str("sso_start_url");
  p.keysInKeychain = with_("stsctl_credentials", (v, w) => f.oneOf(v, ["keychain"] as const, w) === "keychain");
  p.samlUrl = with_("saml_url", f.url);
  p.samlRoleArn = with_("saml_role_arn", f.roleArn);
  p.samlPrincipalArn = with_("saml_principal_arn", f.samlProviderArn);
  p.samlBrowser = str("saml_browser");
  p.oidcIssuer = with_("oidc_issuer", f.url);
  p.oidcClientId = str("oidc_client_id");
  p.oidcScopes = with_("oidc_scopes", (v) => f.list(v));
  p.oidcFlow = with_("oidc_flow", (v, w) => f.oneOf(v, ["browser", "device"] as const, w));

  if (p.sourceProfile && p.credentialSource) {
    throw new ConfigError(`The profile "${name}" contains both source_profile and credential_source.`, {
      hint: `keep only one of them in ${where("source_profile")}`,
    });
  }
  if (p.awsAccessKeyId && !p.awsSecretAccessKey) {
    throw new ConfigError(`profile "${name}" has aws_access_key_id but no aws_secret_access_key`, {
      hint: `add aws_secret_access_key next to ${where("aws_access_key_id")}, or run stsctl add ${name}`,
    });
  }
  for (const key of ["external_id", "source_identity"] as const) {
    const v = get(key);
    if (v !== undefined && !/^[\w+=,.@:/-]{2,1224}$/.test(v)) {
      f.fail(where(key), `"${v}" has characters STS does not accept`, "use letters, digits and +=,.@:/_-");
    }
  }
  return p;
}

export function profileNames(config: LoadedConfig): string[] {
  return [...config.profiles.keys()].sort();
}

export function requireProfileExists(config: LoadedConfig, name: string, context?: string): void {
  if (config.profiles.has(name)) return;
  const near = suggest(name, profileNames(config));
  const files = `${displayPath(config.paths.configFile, config.paths.home)} or ${displayPath(config.paths.credentialsFile, config.paths.home)}`;
  throw new ConfigError(`${context ?? `profile "${name}" not found`}`, {
    hint: near.length
      ? `did you mean ${near.map((n) => `"${n}"`).join(" or ")}? (stsctl list shows every profile)`
      : config.profiles.size
        ? `add [profile ${name}] to ${files}; stsctl list shows the profiles there`
        : `no profiles are configured: add [profile ${name}] to ${files}`,
  });
}

/** Settings of NAME with `include_profile` resolved: included keys fill what NAME does not set. */
function mergedSettings(config: LoadedConfig, name: string, seen: string[]): Map<string, RawSetting> {
  requireProfileExists(config, name);
  if (seen.includes(name)) {
    throw new ConfigError(`Infinite loop in credential configuration detected: include_profile ${[...seen, name].join(" -> ")}`, {
      hint: `remove include_profile from one of these profiles`,
    });
  }
  const own = config.profiles.get(name)!.settings;
  const include = own.get("include_profile")?.value;
  if (!include) return own;
  const inherited = mergedSettings(config, include, [...seen, name]);
  return new Map([...inherited, ...own]);
}
