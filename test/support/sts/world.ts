// Everything the emulator knows: accounts' users, roles and MFA devices, the
// sessions it has issued, and the federation providers. Actions read and
// change it; nothing else holds state.
import type { EmulatorClock } from "./clock.js";
import type { TrustStatement } from "./trust.js";

export interface Tag {
  key: string;
  value: string;
}

export interface User {
  name: string;
  accountId: string;
  /** arn:aws:iam::ACCT:user/NAME, or arn:aws:iam::ACCT:root for the root user. */
  arn: string;
  /** AIDA… for users; the account id for root, as GetCallerIdentity reports it. */
  userId: string;
  root: boolean;
  accessKeyId: string;
  secretAccessKey: string;
}

export interface Role {
  name: string;
  path: string;
  accountId: string;
  arn: string;
  /** AROA… */
  roleId: string;
  maxSessionDuration: number;
  trust: TrustStatement[];
}

export interface MfaDevice {
  serial: string;
  seed: string;
  user: User;
  /** Codes already accepted, with their TOTP step, so a code works only once. */
  accepted: Array<{ code: string; step: number }>;
}

export type SessionKind = "role" | "session-token" | "federated-user";

export interface IssuedSession {
  kind: SessionKind;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  issuedAt: Date;
  expiration: Date;
  accountId: string;
  /** What GetCallerIdentity reports: assumed-role, user or federated-user ARN. */
  arn: string;
  userId: string;
  /** The long-term user at the root of this session, if any (owner of MFA devices). */
  user?: User;
  role?: Role;
  sessionName?: string;
  /** Set when MFA was presented creating this session or any session it chains from. */
  mfaAuthTime?: Date;
  sourceIdentity?: string;
  /** Session tags (request tags plus inherited transitive ones). */
  tags: Tag[];
  /** Keys of `tags` that pass on to chained role sessions. */
  transitiveTagKeys: string[];
  /** Free-form facts a federated session carries (e.g. SAML or OIDC subject), for actions to use. */
  federation?: Record<string, string>;
}

/**
 * Federation providers. The SAML and OIDC actions own these shapes: extend them
 * from your own module with declaration merging, e.g.
 *   declare module "../world.js" { interface SamlProvider { certificates: string[] } }
 */
export interface SamlProvider {
  arn: string;
  name: string;
  accountId: string;
}
export interface OidcProvider {
  arn: string;
  accountId: string;
}

export interface World {
  clock: EmulatorClock;
  defaultAccountId: string;
  /** Whether x-amz-date must be within 15 minutes of the emulator clock. */
  checkSkew: boolean;
  /** By user ARN. */
  users: Map<string, User>;
  /** By role ARN. */
  roles: Map<string, Role>;
  /** By serial number (device ARN or hardware serial). */
  mfaDevices: Map<string, MfaDevice>;
  /** By temporary access key id (ASIA…). */
  sessions: Map<string, IssuedSession>;
  /** By provider ARN. */
  samlProviders: Map<string, SamlProvider>;
  /** By provider ARN (arn:aws:iam::ACCT:oidc-provider/HOST). */
  oidcProviders: Map<string, OidcProvider>;
}

export function createWorld(opts: { clock: EmulatorClock; accountId: string; checkSkew: boolean }): World {
  return {
    clock: opts.clock,
    defaultAccountId: opts.accountId,
    checkSkew: opts.checkSkew,
    users: new Map(),
    roles: new Map(),
    mfaDevices: new Map(),
    sessions: new Map(),
    samlProviders: new Map(),
    oidcProviders: new Map(),
  };
}

/** Who signed a request: long-term user keys, or a session the emulator issued. */
export type Caller = { kind: "user"; user: User } | { kind: "session"; session: IssuedSession };

export function callerArn(c: Caller): string {
  return c.kind === "user" ? c.user.arn : c.session.arn;
}

export function findUserByAccessKey(world: World, accessKeyId: string): User | undefined {
  for (const u of world.users.values()) if (u.accessKeyId === accessKeyId) return u;
  return undefined;
}
