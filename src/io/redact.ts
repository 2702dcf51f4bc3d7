// Secrets must never reach stderr, --debug output or error text. Every secret
// the process handles is registered here; anything printed to stderr passes
// through redact(). Patterns catch what was never registered (e.g. values in
// an SDK error or a request dump).

const known = new Set<string>();

export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 8) known.add(value);
}

/** Forgets every registered secret: a long-lived process (the key agent) keeps none after each answer. */
export function forgetSecrets(): void {
  known.clear();
}

const patterns: RegExp[] = [
  // Secret-bearing keys in query strings, JSON, INI and env assignments.
  // The left boundary keeps "GetSessionToken: AccessDenied" (an action name) intact.
  /((?<![A-Za-z])(?:SecretAccessKey|SessionToken|SecurityToken|aws_secret_access_key|aws_session_token|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN|SAMLAssertion|SAMLResponse|WebIdentityToken|TokenCode|id_token|access_token|refresh_token|passphrase|password)["']?\s*[:=]\s*["']?)([^"'&\s,}]+)/gi,
  // JWTs anywhere.
  /\beyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}/g,
];

export function redact(text: string): string {
  let out = text;
  for (const s of known) if (out.includes(s)) out = out.split(s).join("****");
  for (const p of patterns) {
    // Without a capture group the second argument is the match's offset, not a prefix.
    out = out.replace(p, (_m, prefix: unknown) => (typeof prefix === "string" ? `${prefix}****` : "****"));
  }
  return out;
}
