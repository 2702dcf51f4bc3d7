// Test-side setup of the emulator's world: users, MFA devices, roles. These
// are fixtures, so bad input throws plain Errors at once.
import { newAccessKeyId, newSecretAccessKey, newTotpSeed, newUniqueId } from "./ids.js";
import type { TrustStatement } from "./trust.js";
import type { MfaDevice, Role, User, World } from "./world.js";

export interface AddUserInput {
  name: string;
  accountId?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** The account's root user: arn:aws:iam::ACCT:root. */
  root?: boolean;
}

export function addUser(world: World, input: AddUserInput): User {
  const accountId = input.accountId ?? world.defaultAccountId;
  const arn = input.root ? `arn:aws:iam::${accountId}:root` : `arn:aws:iam::${accountId}:user/${input.name}`;
  if (world.users.has(arn)) throw new Error(`STS emulator: user ${arn} already exists`);
  const user: User = {
    name: input.name,
    accountId,
    arn,
    userId: input.root ? accountId : newUniqueId("AIDA"),
    root: input.root ?? false,
    accessKeyId: input.accessKeyId ?? newAccessKeyId("AKIA"),
    secretAccessKey: input.secretAccessKey ?? newSecretAccessKey(),
  };
  world.users.set(arn, user);
  return user;
}

function findUser(world: World, nameOrArn: string): User {
  const user = world.users.get(nameOrArn) ?? [...world.users.values()].find((u) => u.name === nameOrArn);
  if (!user) throw new Error(`STS emulator: no user ${nameOrArn}`);
  return user;
}

export function addMfaDevice(world: World, input: { user: string; serial?: string; seed?: string }): MfaDevice {
  const user = findUser(world, input.user);
  const serial = input.serial ?? (user.root ? `arn:aws:iam::${user.accountId}:mfa/root-account-mfa-device` : `arn:aws:iam::${user.accountId}:mfa/${user.name}`);
  if (world.mfaDevices.has(serial)) throw new Error(`STS emulator: MFA device ${serial} already exists`);
  const seed = (input.seed ?? newTotpSeed()).replace(/\s+/g, "").toUpperCase();
  if (!/^[A-Z2-7]+=*$/.test(seed)) throw new Error("STS emulator: MFA seed must be base32");
  const device: MfaDevice = { serial, seed, user, accepted: [] };
  world.mfaDevices.set(serial, device);
  return device;
}

export interface AddRoleInput {
  name: string;
  accountId?: string;
  /** IAM path, e.g. "/team/"; the role ARN includes it, assumed-role ARNs do not. */
  path?: string;
  /** 3600..43200, default 3600. */
  maxSessionDuration?: number;
  /** Trust policy statements, or a whole policy document. */
  trust: TrustStatement[] | { Version?: string; Statement: TrustStatement[] | TrustStatement };
}

export function addRole(world: World, input: AddRoleInput): Role {
  const accountId = input.accountId ?? world.defaultAccountId;
  const path = input.path ?? "/";
  if (!/^\/(?:[\w+=,.@-]+\/)*$/.test(path)) throw new Error(`STS emulator: bad role path ${path}`);
  const max = input.maxSessionDuration ?? 3600;
  if (!Number.isInteger(max) || max < 3600 || max > 43200) throw new Error("STS emulator: maxSessionDuration must be 3600..43200");
  const arn = `arn:aws:iam::${accountId}:role${path}${input.name}`;
  if (world.roles.has(arn)) throw new Error(`STS emulator: role ${arn} already exists`);
  const statements = Array.isArray(input.trust) ? input.trust : Array.isArray(input.trust.Statement) ? input.trust.Statement : [input.trust.Statement];
  const role: Role = { name: input.name, path, accountId, arn, roleId: newUniqueId("AROA"), maxSessionDuration: max, trust: statements };
  world.roles.set(arn, role);
  return role;
}
