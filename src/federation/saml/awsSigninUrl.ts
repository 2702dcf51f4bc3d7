// The AWS sign-in endpoints an IdP posts SAMLResponse to, in every partition,
// with or without a region prefix (us-east-1.signin.aws.amazon.com).
const HOSTS = [/^(?:[a-z0-9-]+\.)?signin\.aws\.amazon\.com$/, /^(?:[a-z0-9-]+\.)?signin\.amazonaws-us-gov\.com$/, /^(?:[a-z0-9-]+\.)?signin\.amazonaws\.cn$/];

export function isAwsSamlEndpoint(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  // http too: whatever the scheme, a SAMLResponse must never leave for AWS from here.
  return (u.protocol === "https:" || u.protocol === "http:") && HOSTS.some((h) => h.test(u.hostname)) && /^\/saml\/?$/.test(u.pathname);
}
