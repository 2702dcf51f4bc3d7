// Who signed this request? Checks, in AWS's order: a signature is present and
// well-formed, scoped to sts, dated sanely; the key is known; a temporary key
// comes with its own session token; the session has not expired; the
// signature matches.
import { parseAmzDate, parseSignatureClaim, signatureMatches, type RawRequest } from "./sigv4.js";
import { expiredToken, invalidClientTokenId, signatureDoesNotMatch, StsError } from "./stsError.js";
import { findUserByAccessKey, type Caller, type World } from "./world.js";

const SKEW_MS = 15 * 60 * 1000;

const basic = (d: Date) => d.toISOString().replace(/[-:]|\.\d{3}/g, "");

export function authenticate(world: World, req: RawRequest): Caller {
  const claim = parseSignatureClaim(req);
  if (!claim) throw new StsError("MissingAuthenticationToken", "Request is missing Authentication Token", 403);
  if (claim.service !== "sts") throw signatureDoesNotMatch(`Credential should be scoped to correct service: 'sts'.`);
  if (!claim.amzDate.startsWith(claim.scopeDate)) {
    throw signatureDoesNotMatch(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${claim.scopeDate}' != '${claim.amzDate.slice(0, 8)}', from '${claim.amzDate}'.`,
    );
  }
  if (world.checkSkew) checkSkew(claim.amzDate, world.clock.now());

  const secret = secretFor(world, claim.accessKeyId, claim.securityToken);
  if (secret.session && world.clock.now().getTime() >= secret.session.expiration.getTime()) throw expiredToken();
  if (!signatureMatches(req, claim, secret.secretAccessKey)) throw signatureDoesNotMatch();
  return secret.session ? { kind: "session", session: secret.session } : { kind: "user", user: secret.user! };
}

function secretFor(world: World, accessKeyId: string, token: string | undefined) {
  const user = findUserByAccessKey(world, accessKeyId);
  if (user) {
    // Long-term keys never carry a token; a stray one makes AWS refuse the request.
    if (token !== undefined) throw invalidClientTokenId();
    return { secretAccessKey: user.secretAccessKey, user, session: undefined };
  }
  const session = world.sessions.get(accessKeyId);
  if (!session || token !== session.sessionToken) throw invalidClientTokenId();
  return { secretAccessKey: session.secretAccessKey, user: undefined, session };
}

function checkSkew(amzDate: string, now: Date): void {
  const signedAt = parseAmzDate(amzDate);
  if (!signedAt) throw signatureDoesNotMatch(`Invalid date format: ${amzDate}`);
  const diff = signedAt.getTime() - now.getTime();
  if (diff < -SKEW_MS) {
    const earliest = new Date(now.getTime() - SKEW_MS);
    throw signatureDoesNotMatch(`Signature expired: ${amzDate} is now earlier than ${basic(earliest)} (${basic(now)} - 15 min.)`);
  }
  if (diff > SKEW_MS) {
    const latest = new Date(now.getTime() + SKEW_MS);
    throw signatureDoesNotMatch(`Signature not yet current: ${amzDate} is still later than ${basic(latest)} (${basic(now)} + 15 min.)`);
  }
}
