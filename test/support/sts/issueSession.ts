// Minting temporary credentials. Every Assume* action ends here, so role
// sessions look the same whichever way they were obtained: ids, expiry,
// chaining facts (user behind, MFA, source identity, transitive tags).
import { newAccessKeyId, newSecretAccessKey, newSessionToken } from "./ids.js";
import { el, isoSeconds } from "./xml.js";
import type { IssuedSession, Role, SessionKind, Tag, User, World } from "./world.js";

export interface RoleSessionSpec {
  role: Role;
  sessionName: string;
  durationSeconds: number;
  /** Long-term user the chain started from, if any. */
  user?: User;
  /** When MFA was proven for this session (on this call or earlier in the chain). */
  mfaAuthTime?: Date;
  sourceIdentity?: string;
  /** Tags passed on this call. */
  tags?: Tag[];
  transitiveTagKeys?: string[];
  /** Transitive tags of the calling session: they carry over and stay transitive. */
  inheritedTags?: Tag[];
  /** Extra bytes of token, mimicking tokens growing with policies and tags. */
  tokenGrowth?: number;
  federation?: Record<string, string>;
}

export function mintSession(
  world: World,
  base: Omit<IssuedSession, "accessKeyId" | "secretAccessKey" | "sessionToken" | "issuedAt" | "expiration"> & {
    durationSeconds: number;
    tokenGrowth?: number;
  },
): IssuedSession {
  const { durationSeconds, tokenGrowth, ...rest } = base;
  const now = world.clock.now();
  const session: IssuedSession = {
    ...rest,
    accessKeyId: newAccessKeyId("ASIA"),
    secretAccessKey: newSecretAccessKey(),
    sessionToken: newSessionToken(tokenGrowth ?? 0),
    // AWS reports whole seconds; keep the stored expiry identical to what the client sees.
    issuedAt: now,
    expiration: new Date(Math.floor(now.getTime() / 1000) * 1000 + durationSeconds * 1000),
  };
  world.sessions.set(session.accessKeyId, session);
  return session;
}

function mergeTags(inherited: Tag[], requested: Tag[]): Tag[] {
  // An inherited transitive tag cannot be replaced further down the chain.
  const taken = new Set(inherited.map((t) => t.key.toLowerCase()));
  return [...inherited, ...requested.filter((t) => !taken.has(t.key.toLowerCase()))];
}

export function issueRoleSession(world: World, spec: RoleSessionSpec): IssuedSession {
  const inherited = spec.inheritedTags ?? [];
  const tags = mergeTags(inherited, spec.tags ?? []);
  const requestedTransitive = new Set((spec.transitiveTagKeys ?? []).map((k) => k.toLowerCase()));
  const transitiveTagKeys = tags.filter((t) => inherited.includes(t) || requestedTransitive.has(t.key.toLowerCase())).map((t) => t.key);
  const kind: SessionKind = "role";
  return mintSession(world, {
    kind,
    durationSeconds: spec.durationSeconds,
    tokenGrowth: spec.tokenGrowth,
    accountId: spec.role.accountId,
    arn: `arn:aws:sts::${spec.role.accountId}:assumed-role/${spec.role.name}/${spec.sessionName}`,
    userId: `${spec.role.roleId}:${spec.sessionName}`,
    user: spec.user,
    role: spec.role,
    sessionName: spec.sessionName,
    mfaAuthTime: spec.mfaAuthTime,
    sourceIdentity: spec.sourceIdentity,
    tags,
    transitiveTagKeys,
    federation: spec.federation,
  });
}

export function credentialsXml(s: IssuedSession): string {
  return (
    "    <Credentials>\n" +
    `      ${el("AccessKeyId", s.accessKeyId)}\n` +
    `      ${el("SecretAccessKey", s.secretAccessKey)}\n` +
    `      ${el("SessionToken", s.sessionToken)}\n` +
    `      ${el("Expiration", isoSeconds(s.expiration))}\n` +
    "    </Credentials>"
  );
}

export function assumedRoleUserXml(s: IssuedSession): string {
  return `    <AssumedRoleUser>\n      ${el("Arn", s.arn)}\n      ${el("AssumedRoleId", s.userId)}\n    </AssumedRoleUser>`;
}

/**
 * The common body of every Assume* result: Credentials, AssumedRoleUser,
 * PackedPolicySize and SourceIdentity when present; `extra` elements (e.g.
 * SAML's Subject/Issuer, web identity's Provider/Audience) are appended.
 */
export function roleSessionResultXml(s: IssuedSession, packedPolicySize?: number, extra: Record<string, string | undefined> = {}): string {
  const parts = [credentialsXml(s), assumedRoleUserXml(s)];
  if (packedPolicySize !== undefined) parts.push(`    ${el("PackedPolicySize", packedPolicySize)}`);
  if (s.sourceIdentity !== undefined) parts.push(`    ${el("SourceIdentity", s.sourceIdentity)}`);
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) parts.push(`    ${el(k, v)}`);
  return parts.join("\n");
}
