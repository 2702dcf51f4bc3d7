import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { FederationError } from "../../errors.js";
import type { Logger } from "../../io/log.js";
import { registerSecret } from "../../io/redact.js";
import { formatDuration } from "../../output/summary.js";
import type { AssumeRoleWithSamlStep } from "../../plan/steps.js";
import { captureSamlResponse } from "./browserCapture.js";
import { checkAssertionTimes } from "./checkAssertionTimes.js";
import { chooseRole } from "./chooseRole.js";
import { findBrowser } from "./findBrowser.js";
import { parseSamlResponse } from "./parseSamlResponse.js";
import { readAssertionFile } from "./readAssertionFile.js";
import { terminalRolePicker } from "./rolePicker.js";
import { samlDuration } from "./samlDuration.js";
import type { SamlRole } from "./samlRoles.js";

export const DEFAULT_SIGNIN_TIMEOUT_MS = 5 * 60 * 1000;

/** Flags of `stsctl saml` that change where the assertion comes from but not which session it makes (so not the cache key). */
export interface SamlOverrides {
  assertionFile?: string;
  browserPath?: string;
  timeoutMs?: number;
  /** false: a throwaway browser profile for this sign-in. */
  browserProfile?: boolean;
}

export interface SamlHookDeps {
  env: NodeJS.ProcessEnv;
  now: () => Date;
  log: Logger;
  stdin: NodeJS.ReadableStream;
  platform: NodeJS.Platform;
  home: string;
  cacheDir: string;
  overrides: SamlOverrides;
  /** Runs fn holding the cross-process lock `name` (the engine's lock). */
  withLock: <T>(name: string, fn: () => Promise<T>) => Promise<T>;
  /** The terminal picker by default; undefined result means no terminal. */
  rolePicker?: () => ((roles: SamlRole[]) => Promise<SamlRole>) | undefined;
}

/** What the engine asks of SAML for a step: the assertion and the role to assume with it. */
export type SamlAssertionHook = (step: AssumeRoleWithSamlStep) => Promise<{
  assertion: string;
  roleArn: string;
  principalArn: string;
  durationSeconds: number;
  /** The duration came from the IdP's SessionDuration, not from the user: it may exceed the role's maximum. */
  durationFromIdp?: boolean;
}>;

/** The engine's samlAssertion hook: get the response, read it, refuse it if stale, choose the role and the duration. */
export function createSamlAssertionHook(d: SamlHookDeps): SamlAssertionHook {
  return async (step) => {
    const raw = await obtain(step, d);
    registerSecret(raw.trim());
    const info = parseSamlResponse(raw);
    registerSecret(info.assertion);
    if (info.encrypted) return encrypted(step, info.assertion);
    checkAssertionTimes(info, d.now());
    if (info.malformedRoles.length) d.log.warn(`ignored ${info.malformedRoles.length} Role value(s) that are not role_arn,saml_provider_arn pairs`);
    const role = await chooseRole(info.roles, {
      ...(step.roleArn ? { roleArn: step.roleArn, source: "--role-arn or saml_role_arn" } : {}),
      ...(step.principalArn ? { principalArn: step.principalArn } : {}),
      pick: (d.rolePicker ?? (() => terminalRolePicker(d.platform)))(),
    });
    const duration = samlDuration(step, info.sessionDuration);
    d.log.debug(`SAML: ${info.roles.length} role(s) granted; using ${role.roleArn} via ${role.principalArn}; ${duration.reason}`);
    return {
      assertion: info.assertion,
      roleArn: role.roleArn,
      principalArn: role.principalArn,
      durationSeconds: duration.seconds,
      durationFromIdp: step.durationDefaulted && info.sessionDuration !== undefined,
    };
  };
}

async function obtain(step: AssumeRoleWithSamlStep, d: SamlHookDeps): Promise<string> {
  const file = d.overrides.assertionFile ?? (step.assertion.kind === "file" ? step.assertion.path : undefined);
  if (file !== undefined) return readAssertionFile(file, d.stdin);
  if (step.assertion.kind !== "browser") throw new Error("unreachable");
  const url = step.assertion.url;
  if (!url) {
    throw new FederationError(`profile "${step.profile}" has no saml_url to sign in at`, {
      hint: `add saml_url (your IdP's sign-in URL for AWS) to profile "${step.profile}", or pass --assertion-file`,
    });
  }
  const configured = d.overrides.browserPath
    ? { path: d.overrides.browserPath, from: "--browser-path" }
    : step.assertion.browserPath
      ? { path: step.assertion.browserPath, from: `saml_browser of profile "${step.profile}"` }
      : undefined;
  const headless = d.env.STSCTL_BROWSER_HEADLESS === "1";
  if (!headless && d.platform === "linux" && !d.env.DISPLAY && !d.env.WAYLAND_DISPLAY) {
    throw new FederationError("cannot open a browser window to sign in: there is no display (DISPLAY is not set)", {
      hint: "sign in on a desktop session, or save the SAMLResponse and pass it with --assertion-file",
    });
  }
  const executablePath = findBrowser({ ...(configured ? { configured } : {}), platform: d.platform, env: d.env, home: d.home, exists: existsSync });
  const origin = new URL(url).origin;
  const id = createHash("sha256").update(origin).digest("hex").slice(0, 16);
  const persistent = d.overrides.browserProfile !== false && d.env.STSCTL_SAML_BROWSER_PROFILE !== "off";
  const timeoutMs = d.overrides.timeoutMs ?? DEFAULT_SIGNIN_TIMEOUT_MS;
  // One sign-in per IdP at a time: a browser profile can't be opened twice, and the second waiter reuses the IdP's cookie.
  return d.withLock(`saml-browser-${id}`, () => {
    d.log.info(`Opening ${origin} in ${path.basename(executablePath)} to sign in (waiting up to ${formatDuration(timeoutMs / 1000)})...`);
    return captureSamlResponse({
      url,
      executablePath,
      headless,
      timeoutMs,
      ...(persistent ? { profileDir: path.join(d.cacheDir, "saml-browser", id) } : {}),
      extraArgs: (d.env.STSCTL_BROWSER_ARGS ?? "").split(/\s+/).filter(Boolean),
      env: d.env,
      log: d.log,
    });
  });
}

/** An encrypted assertion can't be read here, but STS can decrypt it: go on if the role is named. */
function encrypted(step: AssumeRoleWithSamlStep, assertion: string): Awaited<ReturnType<SamlAssertionHook>> {
  if (!step.roleArn || !step.principalArn) {
    throw new FederationError("the SAML assertion is encrypted, so stsctl cannot read the roles it grants", {
      hint: "pass --role-arn and --principal-arn (or set saml_role_arn and saml_principal_arn in the profile)",
    });
  }
  return { assertion, roleArn: step.roleArn, principalArn: step.principalArn, durationSeconds: step.durationSeconds };
}
