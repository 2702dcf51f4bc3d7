// A local AWS STS for tests and the demo: real HTTP on 127.0.0.1, the STS
// Query protocol, SigV4-verified callers, AWS's rules, codes and messages.
//
//   const sts = await startSts();
//   const alice = sts.addUser({ name: "alice" });
//   const { serial, seed } = sts.addMfaDevice({ user: "alice" });
//   sts.addRole({ name: "Admin", trust: [{ Principal: { AWS: alice.arn }, Action: "sts:AssumeRole" }] });
//   new STSClient({ endpoint: sts.url, region: "us-east-1", credentials: alice });
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { actions } from "./actions/index.js";
import { createClock, type EmulatorClock } from "./clock.js";
import { FaultQueue, type Fault } from "./inject.js";
import { createHandler, type CallRecord } from "./server.js";
import { addMfaDevice, addRole, addUser, type AddRoleInput, type AddUserInput } from "./setup.js";
import { createWorld, type World } from "./world.js";

export { totp } from "./mfa.js";
export type { TrustStatement, PrincipalRef, TrustRequest } from "./trust.js";
export type { Fault, FaultKind } from "./inject.js";
export type { CallRecord } from "./server.js";
export type { EmulatorClock } from "./clock.js";
export type { World, User, Role, MfaDevice, IssuedSession, Caller, Tag } from "./world.js";
export type { AddRoleInput, AddUserInput } from "./setup.js";

export interface StartStsOptions {
  /** Where the emulator clock starts (default: real time). It then runs with real time. */
  now?: Date;
  /** Stop the clock: it moves only by clock.set/advance. */
  frozen?: boolean;
  /** Default account for users and roles (default "123456789012"). */
  accountId?: string;
  /** Refuse requests whose x-amz-date is more than 15 minutes off the emulator clock (default false). */
  checkSkew?: boolean;
}

export interface StsEmulator {
  /** "http://127.0.0.1:PORT" */
  url: string;
  port: number;
  close(): Promise<void>;
  clock: EmulatorClock;
  /** Shared state, for actions and helpers that register federation providers. */
  world: World;
  addUser(input: AddUserInput): { name: string; arn: string; userId: string; accessKeyId: string; secretAccessKey: string };
  addMfaDevice(input: { user: string; serial?: string; seed?: string }): { serial: string; seed: string };
  addRole(input: AddRoleInput): { arn: string; roleId: string; name: string };
  /** Requests seen for `action` (all actions when absent), whatever their outcome. */
  calls(action?: string): number;
  /** Every request that named an action, in order, secrets removed. */
  log: CallRecord[];
  resetCalls(): void;
  inject(fault: Fault): void;
  clearFaults(): void;
  /** Requests a "slow" fault is holding right now (received, not yet answered or logged). */
  held(): number;
}

export async function startSts(opts: StartStsOptions = {}): Promise<StsEmulator> {
  const clock = createClock({ start: opts.now, frozen: opts.frozen });
  const world = createWorld({ clock, accountId: opts.accountId ?? "123456789012", checkSkew: opts.checkSkew ?? false });
  const log: CallRecord[] = [];
  const faults = new FaultQueue();
  const sleeping = new Set<{ timer: NodeJS.Timeout; done: () => void }>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const entry = { timer: setTimeout(() => (sleeping.delete(entry), resolve()), ms), done: resolve };
      sleeping.add(entry);
    });

  const handler = createHandler({ world, actions, faults, record: (r) => log.push(r), sleep });
  const server = createServer((req, res) => void handler(req, res));
  // Bound every connection so a confused client cannot hold a test open.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    clock,
    world,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sleeping) clearTimeout(s.timer), s.done();
        sleeping.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    addUser: (input) => {
      const u = addUser(world, input);
      return { name: u.name, arn: u.arn, userId: u.userId, accessKeyId: u.accessKeyId, secretAccessKey: u.secretAccessKey };
    },
    addMfaDevice: (input) => {
      const d = addMfaDevice(world, input);
      return { serial: d.serial, seed: d.seed };
    },
    addRole: (input) => {
      const r = addRole(world, input);
      return { arn: r.arn, roleId: r.roleId, name: r.name };
    },
    calls: (action) => (action === undefined ? log.length : log.filter((r) => r.action === action).length),
    resetCalls: () => {
      log.length = 0;
    },
    inject: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    held: () => sleeping.size,
  };
}
