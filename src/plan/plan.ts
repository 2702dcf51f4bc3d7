import { ConfigError, UsageError } from "../errors.js";
import type { LoadedConfig } from "../config/load.js";
import type { Profile } from "../config/profile.js";
import { CHAINED_MAX, LIMITS, checkRange, showDuration } from "./durations.js";
import { resolveEndpoint, resolveRegion } from "./resolveWhere.js";
import { sourceChain, type ChainBase } from "./sourceChain.js";
import type { AssumeRoleStep, Plan, SessionOptions, SourceStep, Step, StsStep } from "./steps.js";

export interface PlanOptions extends SessionOptions {
  /** Seconds, from --duration. */
  duration?: number;
  /** --mfa: demand MFA even if no profile names a serial. */
  mfa?: boolean;
  mfaSerial?: string;
  /** --role-arn: an ad-hoc role assumed on top of the profile's credentials. */
  roleArn?: string;
  externalId?: string;
  sessionName?: string;
  region?: string;
  endpointUrl?: string;
  /**
   * "session": the caller wants temporary credentials (assume, env, exec,
   * credential-process): bare IAM-user keys get a GetSessionToken step.
   * "session-token": the last step must be GetSessionToken (stsctl session-token).
   * "any": any working credentials will do (whoami).
   */
  want: "session" | "session-token" | "any";
  env: NodeJS.ProcessEnv;
  /** Used when neither --session-name nor role_session_name is set; stable so cached sessions match. */
  defaultSessionName: string;
}

/** A pure function from profiles and flags to the steps that get credentials, each with its reasons. */
export function plan(config: LoadedConfig, profileName: string, opts: PlanOptions): Plan {
  const { base, roles } = sourceChain(config, profileName);
  const top = roles.at(-1) ?? base.profile;
  const reasons: string[] = [];
  const steps: Step[] = [];

  const source = sourceStep(base, opts.env);
  if (source) steps.push(source);
  const baseIsLongTerm =
    (source?.kind === "StaticKeys" && !source.temporary) ||
    source?.kind === "KeychainKeys" ||
    (source?.kind === "Environment" && !opts.env.AWS_SESSION_TOKEN);

  // Role hops, nearest the base first; --role-arn adds one on top.
  const hops: Array<{ profile: Profile; roleArn: string; adHoc: boolean }> = roles.map((p) => ({
    profile: p,
    roleArn: p.roleArn!,
    adHoc: false,
  }));
  if (opts.roleArn) hops.push({ profile: top, roleArn: opts.roleArn, adHoc: true });
  if (opts.want === "session-token" && (hops.length > 0 || !baseIsLongTerm)) {
    throw new UsageError(`profile "${profileName}" is not an IAM user with long-term keys`, {
      hint: "GetSessionToken needs long-term keys; use stsctl assume for role profiles",
    });
  }

  // MFA: an explicit serial, else the first profile from the base up that names one.
  const chainProfiles = [base.profile, ...roles];
  const declared = chainProfiles.find((p) => p.mfaSerial);
  const mfaSerial = opts.mfaSerial ?? declared?.mfaSerial;
  const mfaWanted = Boolean(opts.mfa || opts.mfaSerial || declared);
  if (mfaWanted && !mfaSerial) {
    throw new UsageError(`--mfa needs an MFA device serial, and profile "${profileName}" names none`, {
      hint: `add mfa_serial to profile "${profileName}" (or its source profile), or pass --mfa-serial ARN`,
    });
  }

  const asked = opts.duration !== undefined ? { s: opts.duration, from: "--duration" } : top.durationSeconds !== undefined
    ? { s: top.durationSeconds, from: top.where.duration_seconds ?? "duration_seconds" }
    : undefined;

  if (base.kind === "webIdentity" || base.kind === "saml") {
    steps.push(federationStep(base, asked, hops.length > 0 ? undefined : opts));
  }

  // Where does the MFA code go? GetSessionToken first lets one code serve every role
  // from this user for 12h, but makes each role hop "chained" (1h cap). So a single
  // role asked for more than 1h takes the code on its own AssumeRole call.
  let gst = false;
  let mfaOnHop = -1;
  if (hops.length === 0) {
    if (baseIsLongTerm && (opts.want !== "any" || mfaWanted)) gst = true;
  } else if (mfaWanted) {
    const finalAsk = asked?.s ?? LIMITS.AssumeRole.default;
    if (baseIsLongTerm && !(hops.length === 1 && finalAsk > CHAINED_MAX)) gst = true;
    else {
      const idx = opts.mfaSerial || !declared ? 0 : hops.findIndex((h) => h.profile === declared || h.profile.mfaSerial);
      mfaOnHop = Math.max(0, idx);
    }
  }

  if (gst) {
    const last = hops.length === 0;
    const duration = last && asked ? asked.s : LIMITS.GetSessionToken.default;
    if (last && asked) checkRange("GetSessionToken", asked.s, asked.from);
    const why: string[] = [];
    if (mfaWanted) {
      why.push(
        hops.length
          ? `MFA via GetSessionToken: one code serves every role assumed from "${base.profile.name}" while this session lasts`
          : `MFA session for IAM user "${base.profile.name}"`,
      );
    } else why.push(`temporary credentials for IAM user "${base.profile.name}", so long-term keys never leave stsctl`);
    why.push(durationReason(duration, last ? asked : undefined, "GetSessionToken"));
    steps.push({
      kind: "GetSessionToken",
      profile: base.profile.name,
      durationSeconds: duration,
      ...(mfaWanted ? { mfaSerial } : {}),
      reasons: why,
    });
  }

  hops.forEach((hop, i) => {
    const last = i === hops.length - 1;
    // Only a hop from long-term keys is unchained. Of the SDK's sources, SSO and instance or
    // container credentials are role sessions; another tool's credential_process may be either.
    const fromLongTermOrUnknown = baseIsLongTerm || (source?.kind === "SdkProvider" && source.provider === "process");
    const chained = gst || i > 0 || !fromLongTermOrUnknown;
    const why: string[] = [];
    let duration: number;
    if (last) {
      duration = asked?.s ?? LIMITS.AssumeRole.default;
      if (asked) checkRange("AssumeRole", asked.s, asked.from);
      if (chained && duration > CHAINED_MAX) {
        why.push(`duration ${showDuration(CHAINED_MAX)} (asked ${showDuration(duration)}): chained role: 1h maximum (AWS caps roles assumed with session credentials)`);
        duration = CHAINED_MAX;
      } else why.push(durationReason(duration, asked, "AssumeRole"));
    } else {
      duration = chained ? CHAINED_MAX : (hop.profile.durationSeconds ?? LIMITS.AssumeRole.default);
      why.push(`duration ${showDuration(duration)}: intermediate hop${chained ? " (chained role: 1h maximum)" : ""}`);
    }
    if (chained && i === 0 && gst) why.push("chained: assumed with the GetSessionToken session");
    else if (chained && i === 0) why.push("chained: assumed with temporary credentials");
    else if (chained) why.push("chained: assumed with the previous role's session");
    const mfaHere = i === mfaOnHop;
    if (mfaHere) {
      why.push(
        gst || !baseIsLongTerm
          ? "MFA on AssumeRole: the source credentials are temporary, so GetSessionToken is not possible"
          : `MFA on AssumeRole: a single role asked for more than 1h cannot come from a GetSessionToken session`,
      );
    }
    const step: AssumeRoleStep = {
      kind: "AssumeRole",
      profile: hop.adHoc ? `${top.name}+--role-arn` : hop.profile.name,
      roleArn: hop.roleArn,
      roleSessionName: (last ? opts.sessionName : undefined) ?? hop.profile.roleSessionName ?? opts.defaultSessionName,
      durationSeconds: duration,
      chained,
      reasons: why,
      ...(mfaHere ? { mfaSerial } : {}),
      ...defined({
        externalId: (last && opts.externalId) || (hop.adHoc ? undefined : hop.profile.externalId),
        sourceIdentity: (last && opts.sourceIdentity) || (hop.adHoc ? undefined : hop.profile.sourceIdentity),
        tags: last && opts.tags ? { ...hop.profile.sessionTags, ...opts.tags } : hop.adHoc ? undefined : hop.profile.sessionTags,
        transitiveTagKeys: (last && opts.transitiveTagKeys) || (hop.adHoc ? undefined : hop.profile.transitiveSessionTags),
        policy: last ? opts.policy : undefined,
        policyArns: last ? opts.policyArns : undefined,
      }),
    };
    steps.push(step);
  });

  if (!steps.some((s) => s.kind !== "StaticKeys" && s.kind !== "KeychainKeys" && s.kind !== "Environment") && opts.want !== "any") {
    reasons.push("no STS call: the profile's credentials are used as they are");
  }

  const region = resolveRegion(top, opts, reasons);
  const endpoint = resolveEndpoint(top, opts, reasons, region);
  return { profile: profileName, region, ...(endpoint ? { endpoint } : {}), steps, reasons };
}

function sourceStep(base: ChainBase, env: NodeJS.ProcessEnv): SourceStep | undefined {
  const p = base.profile;
  switch (base.kind) {
    case "static": {
      const temporary = Boolean(p.awsSessionToken);
      return {
        kind: "StaticKeys",
        profile: p.name,
        temporary,
        reasons: [`${temporary ? "session" : "long-term"} keys of profile "${p.name}" (${p.where.aws_access_key_id})`],
      };
    }
    case "keychain":
      return { kind: "KeychainKeys", profile: p.name, reasons: [`long-term keys of "${p.name}" from the OS keychain`] };
    case "environment":
      return {
        kind: "Environment",
        profile: p.name,
        reasons: [
          `credential_source = Environment: AWS_ACCESS_KEY_ID ${env.AWS_ACCESS_KEY_ID ? "is set" : "is NOT set"} in this environment`,
        ],
      };
    case "sdk":
      return { kind: "SdkProvider", profile: p.name, provider: base.provider, reasons: [`resolved by the AWS SDK (${base.provider})`] };
    default:
      return undefined;
  }
}

function federationStep(
  base: ChainBase & { kind: "webIdentity" | "saml" },
  asked: { s: number; from: string } | undefined,
  last: PlanOptions | undefined,
): StsStep {
  const p = base.profile;
  const api = base.kind === "saml" ? "AssumeRoleWithSAML" : "AssumeRoleWithWebIdentity";
  const duration = last && asked ? asked.s : LIMITS[api].default;
  if (last && asked) checkRange(api, asked.s, asked.from);
  const reasons = [durationReason(duration, last ? asked : undefined, api)];
  if (base.kind === "saml") {
    return {
      kind: "AssumeRoleWithSAML",
      profile: p.name,
      durationSeconds: duration,
      durationDefaulted: !(last && asked),
      reasons,
      assertion: { kind: "browser", url: p.samlUrl ?? "", ...(p.samlBrowser ? { browserPath: p.samlBrowser } : {}) },
      ...defined({ roleArn: p.samlRoleArn, principalArn: p.samlPrincipalArn }),
    };
  }
  if (!p.webIdentityTokenFile && !p.webIdentityTokenProcess && p.oidcIssuer && !p.oidcClientId) {
    throw new ConfigError(`profile "${p.name}" has oidc_issuer but no oidc_client_id`, {
      hint: "add oidc_client_id: the id of the public client registered for stsctl at the identity provider",
    });
  }
  const token = p.webIdentityTokenFile
    ? ({ kind: "file", path: p.webIdentityTokenFile } as const)
    : p.webIdentityTokenProcess
      ? ({ kind: "process", command: p.webIdentityTokenProcess } as const)
      : ({
          kind: "oidc",
          issuer: p.oidcIssuer!,
          clientId: p.oidcClientId ?? "",
          scopes: p.oidcScopes ?? ["openid"],
          flow: p.oidcFlow ?? "browser",
        } as const);
  return {
    kind: "AssumeRoleWithWebIdentity",
    profile: p.name,
    roleArn: p.roleArn!,
    durationSeconds: duration,
    reasons,
    token,
    ...defined({ roleSessionName: last?.sessionName ?? p.roleSessionName }),
  };
}

function durationReason(seconds: number, asked: { s: number; from: string } | undefined, api: keyof typeof LIMITS): string {
  if (asked) return `duration ${showDuration(seconds)}: from ${asked.from}`;
  const saml = api === "AssumeRoleWithSAML" ? ", unless the assertion's SessionDuration says otherwise" : "";
  return `duration ${showDuration(seconds)}: ${api} default${saml}`;
}

function defined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== "")) as Partial<T>;
}
