// The test keyring itself: private, activation-free, and never leaking daemons.
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { startKeyring } from "../support/keyring.js";
import { startFixture } from "./helpers.js";

const run = promisify(execFile);

async function busCall(env: Record<string, string>, ...args: string[]): Promise<string> {
  const { stdout } = await run("dbus-send", ["--session", "--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus", ...args], {
    env: { ...process.env, ...env },
    timeout: 3000,
  });
  return stdout;
}

async function pidOf(env: Record<string, string>, name: string): Promise<number> {
  const out = await busCall(env, "org.freedesktop.DBus.GetConnectionUnixProcessID", `string:${name}`);
  return Number(/uint32 (\d+)/.exec(out)?.[1]);
}

/** Gone, or a zombie nobody reaps (PID 1 in some containers does not). */
function dead(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.startsWith("Z") ?? true;
  } catch {
    return true;
  }
}

describe("keyring harness", () => {
  it("absent: a private bus where nothing can be activated and no Secret Service runs", async () => {
    const h = await startKeyring({ mode: "absent" });
    try {
      expect(h.env.DBUS_SESSION_BUS_ADDRESS).toMatch(/^unix:path=\/.*\/bus$/);
      expect(h.env.DBUS_SESSION_BUS_ADDRESS).not.toBe(process.env.DBUS_SESSION_BUS_ADDRESS);
      const activatable = await busCall(h.env, "org.freedesktop.DBus.ListActivatableNames");
      expect(activatable).not.toContain("secrets");
      expect(activatable).not.toContain("keyring");
      expect(await busCall(h.env, "org.freedesktop.DBus.NameHasOwner", "string:org.freedesktop.secrets")).toContain("boolean false");
    } finally {
      await h.stop();
    }
  });

  it("stop() ends its daemons and removes its files", async () => {
    const h = await startKeyring({ mode: "unlocked" });
    const pids = [await pidOf(h.env, "org.freedesktop.secrets"), await pidOf(h.env, "org.freedesktop.DBus")];
    expect(pids.every((p) => p > 0)).toBe(true);
    const started = Date.now();
    await h.stop();
    expect(Date.now() - started).toBeLessThan(5000);
    for (const p of pids) expect(dead(p)).toBe(true);
    expect(existsSync(h.env.XDG_RUNTIME_DIR!)).toBe(false);
  });

  it("its daemons die with a test process that is killed before stop()", async () => {
    const parent = startFixture("keyringParent", ["unlocked"]);
    await parent.waitFor("}");
    const env = JSON.parse(parent.output()) as Record<string, string>;
    const pids = [await pidOf(env, "org.freedesktop.secrets"), await pidOf(env, "org.freedesktop.DBus")];
    parent.child.kill("SIGKILL");
    await parent.done;
    const deadline = Date.now() + 5000;
    const gone = () => pids.every(dead) && !existsSync(env.XDG_RUNTIME_DIR!);
    while (!gone() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    for (const p of pids) expect(dead(p)).toBe(true);
    expect(existsSync(env.XDG_RUNTIME_DIR!)).toBe(false);
  });
});
