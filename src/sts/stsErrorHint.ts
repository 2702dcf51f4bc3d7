/** A next step for each STS error a user can meet (codes and messages in docs/aws-limits.md). */
export function stsErrorHint(code: string, message: string, action: string): string | undefined {
  if (code === "AccessDenied" && message.startsWith("MultiFactorAuthentication failed with invalid MFA one time pass code")) {
    return "the code was wrong or already used: wait for the next code (a new one every 30 seconds) and try again";
  }
  if (code === "AccessDenied" && message.includes("unable to validate MFA code")) {
    return "check mfa_serial: it must be the ARN of an MFA device assigned to this IAM user";
  }
  if (code === "AccessDenied" && message.includes("must provide both MFA serial number and one time pass code")) {
    return "the role requires MFA: add mfa_serial to the profile or pass --mfa";
  }
  if (code === "AccessDenied" && /not authorized to perform: sts:AssumeRole/.test(message)) {
    return "check that the role exists and its trust policy names this principal (and any ExternalId or MFA condition it sets), and that your IAM policy allows sts:AssumeRole on it";
  }
  if (code === "AccessDenied" && message.includes("GetSessionToken with session credentials")) {
    return "GetSessionToken needs long-term IAM user keys, not a session";
  }
  if (code === "AccessDenied" && action === "AssumeRoleWithSAML") {
    return "the role's trust policy must name this SAML provider (Federated) for sts:AssumeRoleWithSAML, with a SAML:aud condition it meets";
  }
  if (code === "AccessDenied" && action === "AssumeRoleWithWebIdentity") {
    return "check the role's trust policy: it must trust this OIDC provider (Federated) and its aud/sub conditions must match the token's claims";
  }
  if (code === "InvalidIdentityToken" && action === "AssumeRoleWithSAML") {
    return "STS could not verify the SAML response: the IAM SAML provider's metadata must hold the IdP's current signing certificate, and the IdP's AWS app must post to https://signin.aws.amazon.com/saml";
  }
  switch (code) {
    case "ExpiredToken":
    case "ExpiredTokenException":
      return action === "AssumeRoleWithWebIdentity" || action === "AssumeRoleWithSAML"
        ? "the token or assertion has expired: sign in again"
        : "the source credentials have expired: run stsctl clear for this profile and try again, or refresh the keys it is built on";
    case "InvalidClientTokenId":
      return "AWS does not know this access key (deleted, deactivated, or a session key without its token): check the profile's keys";
    case "SignatureDoesNotMatch":
      return "the secret key does not match the access key id: check aws_secret_access_key (or the system clock)";
    case "RegionDisabledException":
      return "STS is not activated in this region: activate it in IAM account settings or pass --region";
    case "MalformedPolicyDocument":
      return "check the session policy given with --policy: it must be a valid IAM policy document";
    case "PackedPolicyTooLarge":
      return "the session policy and tags are too large: shorten --policy or use fewer tags";
    case "InvalidIdentityToken":
      return "STS could not verify the token: check the issuer, its signing keys and the OIDC provider registered in IAM";
    case "IDPRejectedClaim":
      return "the identity provider's token or assertion was rejected: check the role's trust conditions and the provider configured in IAM";
    case "IDPCommunicationError":
      return "STS could not reach the identity provider: try again in a moment";
    case "InternalFailure":
    case "InternalError":
    case "ServiceUnavailable":
    case "ServiceUnavailableException":
      return "STS had a problem and stsctl's retries ran out: try again shortly";
    case "Throttling":
    case "ThrottlingException":
      return "STS is throttling requests: wait a few seconds and try again";
    case "ValidationError":
      if (message.includes("role chaining")) return "roles assumed with session credentials last at most 1h: ask for --duration 1h or less";
      if (message.includes("MaxSessionDuration")) return "ask for a shorter --duration, or raise the role's maximum session duration in IAM";
      if (message.includes("durationSeconds")) return "durations must be at least 15 minutes (900 seconds)";
      return undefined;
    default:
      return undefined;
  }
}
