import * as f from "../config/fields.js";
import { UsageError } from "../errors.js";
import { FLAGS_PROFILE, samlFlagsPlan } from "../plan/samlFlagsPlan.js";
import { parseDuration } from "../plan/durations.js";
import { plan } from "../plan/plan.js";
import type { AssumeRoleWithSamlStep, Plan } from "../plan/steps.js";
import type { Ctx } from "../app/ctx.js";
import { createEngine } from "../app/createEngine.js";
import { checkOutputOptions, emitSession } from "../cli/emitSession.js";
import { engineOptions } from "../cli/engineOptions.js";
import { outputOptions } from "../cli/outputOptions.js";
import { samlOverrides } from "../cli/samlOverrides.js";
import { loadUserConfig } from "../app/loadUserConfig.js";
import { planOptions } from "../cli/planOptions.js";
import { profileName } from "../cli/profileName.js";

/**
 * stsctl saml [profile]: AssumeRoleWithSAML with a response from a browser
 * sign-in or a file (stdin), from a profile's saml_* keys or from flags alone.
 */
export default async function saml(ctx: Ctx, args: unknown[], opts: Record<string, unknown>): Promise<number> {
  // Everything checked before a browser opens or a file is read.
  // The source flags are read here once, and reach the SAML hook through createEngine.
  const overrides = samlOverrides(opts);
  const output = outputOptions(opts);
  const str = (k: string) => (typeof opts[k] === "string" ? (opts[k] as string) : undefined);
  const flags = {
    url: flag(str("url"), "--url", f.url, "pass your IdP's sign-in URL for the AWS app, e.g. https://idp.example.com/app/aws/sso"),
    roleArn: flag(str("roleArn"), "--role-arn", f.roleArn),
    principalArn: flag(str("principalArn"), "--principal-arn", f.samlProviderArn),
  };
  if (opts.browser && overrides.assertionFile !== undefined) {
    throw new UsageError("--browser and --assertion-file are two sources of the SAML response", { hint: "choose one" });
  }
  const named = (typeof args[0] === "string" && args[0]) || (typeof opts.profile === "string" && opts.profile);
  // A profile when one is named, or when no flag says where the response comes from (AWS_PROFILE, AWS_DEFAULT_PROFILE, then default).
  const fromProfile = Boolean(named || (!flags.url && overrides.assertionFile === undefined));
  const config = loadUserConfig(ctx);

  let p: Plan;
  let name: string;
  if (fromProfile) {
    name = profileName(args[0], opts, ctx.env);
    // --role-arn picks among the assertion's roles here; it is not an extra hop as in assume.
    p = plan(config, name, planOptions({ ...opts, roleArn: undefined }, ctx.env, "session"));
    const step = p.steps.find((s): s is AssumeRoleWithSamlStep => s.kind === "AssumeRoleWithSAML");
    if (!step) {
      throw new UsageError(`profile "${name}" does not sign in with SAML`, {
        hint: `add saml_url (and saml_role_arn) to profile "${name}", or use stsctl assume ${name}`,
      });
    }
    if (flags.roleArn) step.roleArn = flags.roleArn;
    if (flags.principalArn) step.principalArn = flags.principalArn;
    if (flags.url) step.assertion = { ...(step.assertion.kind === "browser" ? step.assertion : {}), kind: "browser", url: flags.url };
  } else {
    name = "saml";
    const duration = str("duration") !== undefined ? parseDuration(str("duration")!) : undefined;
    const source = overrides.assertionFile !== undefined ? { assertionFile: overrides.assertionFile } : { url: flags.url! };
    p = samlFlagsPlan({ ...source, ...defined({ ...flags, duration, region: str("region"), endpointUrl: str("endpointUrl") }) }, ctx.env);
  }

  const flow = p.profile === FLAGS_PROFILE ? "saml" : undefined;
  await checkOutputOptions(ctx, output, name, flow);
  const engine = createEngine(ctx, config, p, { ...engineOptions(opts), saml: overrides });
  // A response given on the command line is meant to be used now, not to be ignored for a cached session.
  const fresh = overrides.assertionFile !== undefined && p.steps.at(-1)?.kind === "AssumeRoleWithSAML";
  const result = await engine.run(fresh ? { finalMinSeconds: Number.POSITIVE_INFINITY } : {});
  return emitSession(ctx, result, output, { profile: name, plan: p, record: !flow, flow, duration: str("duration") });
}

function flag(value: string | undefined, name: string, check: (v: string, where: string) => string, hint?: string): string | undefined {
  if (value === undefined) return undefined;
  try {
    return check(value, name);
  } catch (e) {
    throw new UsageError((e as Error).message, { hint: hint ?? (e as UsageError).hint });
  }
}

function defined<T extends Record<string, unknown>>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}
