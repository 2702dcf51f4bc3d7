import { ConfigError } from "../errors.js";
import { durationReason, stepDuration, type AskedDuration } from "./askedDuration.js";
import { defined } from "./defined.js";
import type { ChainBase } from "./sourceChain.js";
import type { AssumeRoleWithSamlStep, AssumeRoleWithWebIdentityStep, WebIdentityTokenSource } from "./steps.js";

/**
 * The STS step of a profile that signs in with a web identity or SAML. `last`
 * holds --session-name when this step gives the user's credentials; undefined
 * when roles are assumed on top of it (they take the asked duration instead).
 */
export function federationStep(
  base: ChainBase & { kind: "webIdentity" | "saml" },
  asked: AskedDuration | undefined,
  last: { sessionName?: string } | undefined,
): AssumeRoleWithSamlStep | AssumeRoleWithWebIdentityStep {
  const p = base.profile;
  const api = base.kind === "saml" ? "AssumeRoleWithSAML" : "AssumeRoleWithWebIdentity";
  const duration = stepDuration(api, asked, Boolean(last));
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
  const token: WebIdentityTokenSource = p.webIdentityTokenFile
    ? { kind: "file", path: p.webIdentityTokenFile }
    : p.webIdentityTokenProcess
      ? { kind: "process", command: p.webIdentityTokenProcess }
      : { kind: "oidc", issuer: p.oidcIssuer!, clientId: p.oidcClientId ?? "", scopes: p.oidcScopes ?? ["openid"], flow: p.oidcFlow ?? "browser" };
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
