// A real Secret Service for tests: a private dbus-daemon (no service
// activation, so nothing on the machine can be auto-started onto it) and, unless
// the mode is "absent", a gnome-keyring-daemon unlocked with a throwaway password
// in fresh XDG directories. Nothing here touches the user's own session bus.
//
// Each daemon runs under a tiny sh guard that kills it when our end of its stdin
// closes, so even if the test process dies, no daemon outlives it.
//
// Using it:
// - In process: assign `env` into process.env BEFORE the first keychain call.
//   libdbus fixes the session bus address at a process's first connection, so
//   one process can use one harness only (vitest runs each file in its own
//   process: one in-process harness per file). Other modes: child processes.
// - @napi-rs/keyring stores items with the attributes service and username:
//   `secret-tool lookup service stsctl username <account>` finds them.

import { execFile, spawn, type ChildProcess } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export type HarnessMode = "unlocked" | "locked" | "absent";

export interface KeyringHarness {
  /** DBUS_SESSION_BUS_ADDRESS, XDG_RUNTIME_DIR, XDG_DATA_HOME, XDG_CONFIG_HOME: pass to children or assign into process.env. */
  env: Record<string, string>;
  /** Locks the default collection (works in any mode with a keyring). */
  lock(): Promise<void>;
  /** Unlocks it as a login does: a new keyring daemon opens the same keyring with the password (no prompter here to unlock it in place). */
  unlock(): Promise<void>;
  /** SIGSTOPs the keyring daemon: it keeps its bus name but never answers. */
  freeze(): void;
  /** SIGSTOPs the dbus-daemon itself: connecting clients wait for its greeting forever. */
  freezeBus(): void;
  /** Resumes whatever freeze() or freezeBus() stopped. */
  thaw(): void;
  stop(): Promise<void>;
}

const SECRETS = "org.freedesktop.secrets";
const STARTUP_MS = 10_000;

export async function startKeyring(opts: { mode?: HarnessMode } = {}): Promise<KeyringHarness> {
  const mode = opts.mode ?? "unlocked";
  // Short path: a unix socket path must fit in 108 bytes.
  const root = await fs.mkdtemp(path.join(os.tmpdir(), "stsctl-kr-"));
  const dirs = { run: path.join(root, "run"), data: path.join(root, "data"), config: path.join(root, "config"), home: path.join(root, "home") };
  for (const d of Object.values(dirs)) await fs.mkdir(d, { mode: 0o700 });
  const socket = path.join(dirs.run, "bus");
  await fs.writeFile(path.join(root, "bus.conf"), busConfig(socket));

  const env: Record<string, string> = {
    DBUS_SESSION_BUS_ADDRESS: `unix:path=${socket}`,
    XDG_RUNTIME_DIR: dirs.run,
    XDG_DATA_HOME: dirs.data,
    XDG_CONFIG_HOME: dirs.config,
  };
  const childEnv = { ...env, HOME: dirs.home, PATH: process.env.PATH ?? "/usr/bin:/bin", LANG: "C" };
  const guards: Guard[] = [];
  let keyringPid: number | undefined;
  let busPid: number | undefined;
  const frozen = new Set<number>();
  const stopPid = (pid: number | undefined, what: string) => {
    if (pid === undefined) throw new Error(`no ${what} in this harness`);
    process.kill(pid, "SIGSTOP");
    frozen.add(pid);
  };
  // The password comes from a 0600 file on stdin, never from argv.
  const pwFile = path.join(root, "password");
  const startKeyringDaemon = async () => {
    const keyring = guard(
      'gnome-keyring-daemon --unlock --components=secrets --foreground < "$1" & pid=$!\n' +
        'echo "pid $pid"\nread _ignored\nkill "$pid" 2>/dev/null; wait "$pid"',
      [pwFile],
      childEnv,
    );
    guards.push(keyring);
    const pidLine = await keyring.waitForLine((l) => l.startsWith("pid "), "gnome-keyring-daemon to start");
    keyringPid = Number(pidLine.slice(4));
    await waitForName(childEnv, keyring);
    return keyring;
  };
  let keyringGuard: Guard | undefined;

  const harness: KeyringHarness = {
    env,
    lock: () => lockDefault(childEnv),
    async unlock() {
      if (!keyringGuard) throw new Error("no keyring daemon in this harness");
      harness.thaw();
      const old = keyringGuard;
      await old.stop();
      guards.splice(guards.indexOf(old), 1);
      keyringGuard = await startKeyringDaemon();
    },
    freeze: () => stopPid(keyringPid, "keyring daemon"),
    freezeBus: () => stopPid(busPid, "dbus-daemon"),
    thaw() {
      for (const pid of frozen) process.kill(pid, "SIGCONT");
      frozen.clear();
    },
    async stop() {
      harness.thaw();
      for (const g of guards.reverse()) await g.stop();
      await fs.rm(root, { recursive: true, force: true });
    },
  };

  try {
    const bus = guard(
      // Last to go, so it also removes the temp directory if the test process died.
      'dbus-daemon --config-file="$1" --nofork --print-address=1 & pid=$!\n' +
        'echo "pid $pid"\nread _ignored\nkill "$pid" 2>/dev/null; wait "$pid"; rm -rf -- "$2"',
      [path.join(root, "bus.conf"), root],
      childEnv,
    );
    guards.push(bus);
    await bus.waitForLine((l) => l.startsWith("unix:"), "dbus-daemon to print its address");
    busPid = Number((await bus.waitForLine((l) => l.startsWith("pid "), "dbus-daemon's pid")).slice(4));
    if (mode === "absent") return harness;

    await fs.writeFile(pwFile, "stsctl-test-keyring", { mode: 0o600 });
    keyringGuard = await startKeyringDaemon();

    if (mode === "locked") {
      // A probe item, so that a lookup really needs an unlock; with no prompter on
      // this bus the unlock must fail at once rather than wait for a human.
      await secretTool(["store", "--label=stsctl harness probe", "harness", "probe"], childEnv, "probe");
      await lockDefault(childEnv);
      const started = Date.now();
      const probe = await secretTool(["lookup", "harness", "probe"], childEnv).catch((e: unknown) => e);
      if (typeof probe === "string" && probe.length > 0) throw new Error("locked keyring still returned a secret");
      if (Date.now() - started > 3000) throw new Error("unlock attempt on the locked keyring took more than 3 s");
    }
    return harness;
  } catch (e) {
    await harness.stop().catch(() => undefined);
    throw e;
  }
}

function busConfig(socket: string): string {
  // No <servicedir> and no <standard_session_servicedirs/>: no activation at all.
  return `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=${socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`;
}

interface Guard {
  child: ChildProcess;
  waitForLine(match: (line: string) => boolean, what: string): Promise<string>;
  stop(): Promise<void>;
}

function guard(script: string, args: string[], env: NodeJS.ProcessEnv): Guard {
  const child = spawn("sh", ["-c", script, "sh", ...args], { env, stdio: ["pipe", "pipe", "pipe"], detached: true });
  let out = "";
  let err = "";
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.once("exit", () => (exited = true));
  child.on("error", () => undefined);
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (err += d.toString()));

  return {
    child,
    async waitForLine(match, what) {
      const deadline = Date.now() + STARTUP_MS;
      while (Date.now() < deadline) {
        const line = out.split("\n").find(match);
        if (line !== undefined) return line.trim();
        if (exited) break;
        await sleep(20);
      }
      throw new Error(`timed out waiting for ${what}: ${err.trim().slice(0, 500)}`);
    },
    async stop() {
      if (exited) return;
      child.stdin?.on("error", () => undefined); // it may exit without reading
      child.stdin?.end();
      const done = await Promise.race([exit.then(() => true), sleep(3000).then(() => false)]);
      if (!done && child.pid !== undefined) {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          /* already gone */
        }
        await Promise.race([exit, sleep(1000)]);
      }
    },
  };
}

async function waitForName(env: NodeJS.ProcessEnv, keyring: Guard): Promise<void> {
  const deadline = Date.now() + STARTUP_MS;
  while (Date.now() < deadline) {
    if (keyring.child.exitCode !== null) break;
    const reply = await dbusSend(env, ["--dest=org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner", `string:${SECRETS}`]).catch(
      () => "",
    );
    if (reply.includes("boolean true")) return;
    await sleep(30);
  }
  throw new Error(`gnome-keyring-daemon did not take ${SECRETS} within ${STARTUP_MS / 1000} s`);
}

async function lockDefault(env: NodeJS.ProcessEnv): Promise<void> {
  await dbusSend(env, [
    "--dest=" + SECRETS,
    "/org/freedesktop/secrets",
    "org.freedesktop.Secret.Service.Lock",
    "array:objpath:/org/freedesktop/secrets/aliases/default",
  ]);
  const locked = await dbusSend(env, [
    "--dest=" + SECRETS,
    "/org/freedesktop/secrets/aliases/default",
    "org.freedesktop.DBus.Properties.Get",
    "string:org.freedesktop.Secret.Collection",
    "string:Locked",
  ]);
  if (!locked.includes("boolean true")) throw new Error(`default collection did not lock: ${locked}`);
}

async function dbusSend(env: NodeJS.ProcessEnv, args: string[]): Promise<string> {
  const { stdout } = await run("dbus-send", ["--session", "--print-reply", "--reply-timeout=2000", ...args], { env, timeout: 3000 });
  return stdout;
}

/** Runs secret-tool against the harness bus, bounded; `input` goes to stdin (for `store`). */
export function secretTool(args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile("secret-tool", args, { env: { PATH: process.env.PATH, ...env }, timeout: 5000 }, (error, stdout) => {
      if (error) reject(error);
      else resolve(stdout);
    });
    child.stdin?.on("error", () => undefined); // it may exit without reading
    child.stdin?.end(input ?? "");
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
