import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { useKeychainWorld } from "../support/keychainWorld.js";
import { runCli } from "../support/runCli.js";
import { expectCleanFailure, processJson } from "./credential-process-support.js";

// A stopped dbus-daemon: a client connecting to the bus waits for its greeting
// forever, inside the keychain binding's (synchronous) connect, where no timer
// of the calling thread can fire. Every command must still end, with the
// keychain reported as not answering, as it is when the keyring daemon is stopped.
// STSCTL_AGENT=0: no key agent may answer for the keychain.

const t = useKeychainWorld({ env: () => ({ STSCTL_AGENT: "0" }), afterEach: async (x) => x.keyring.thaw() });
const cli = (args: string[], input?: string) => runCli(args, { env: t.env, timeoutMs: 60_000, ...(input === undefined ? {} : { input }) });

/** Keychain helpers still alive on this harness's bus: the deadline must have killed them. */
function helpersOnThisBus(): string[] {
  const bus = `DBUS_SESSION_BUS_ADDRESS=${t.keyring.env.DBUS_SESSION_BUS_ADDRESS}\0`;
  return readdirSync("/proc").filter((pid) => {
    try {
      return (
        /^\d+$/.test(pid) &&
        readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("keychainHelper") &&
        readFileSync(`/proc/${pid}/environ`, "utf8").includes(bus)
      );
    } catch {
      return false;
    }
  });
}

describe("a dbus-daemon that does not answer", () => {
  it("credential-process, list and mfa code end with the keychain reported as not answering", { timeout: 90_000 }, async () => {
    expect((await cli(["mfa", "add", t.w.mfa.serial], t.w.mfa.seed)).status).toBe(0);
    const cached = processJson(await cli(["credential-process", "dev"]));
    t.sts.resetCalls();

    t.keyring.freezeBus();
    const [cp, list, code] = await Promise.all([cli(["credential-process", "dev"]), cli(["list"]), cli(["mfa", "code", t.w.mfa.serial])]);
    t.keyring.thaw();

    // Commands that can run uncached go on after one warning line (README, "The cache").
    const fresh = processJson(cp);
    expect(fresh.AccessKeyId).not.toBe(cached.AccessKeyId);
    expect(t.sts.calls("AssumeRole")).toBe(1);
    expect(cp.stderr.trimEnd().split("\n")).toEqual([
      expect.stringMatching(
        /^warning: could not read "session-key" from the OS keychain: the keychain did not answer within 2 s; running without the session cache\. .*STSCTL_KEYRING=file/,
      ),
    ]);
    expect(list.status, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/^PROFILE\s+KIND/);
    expect(list.stderr).toMatch(/^warning: .*the keychain did not answer within 2 s; running without the session cache/);
    // mfa code needs the keychain: the store error, exit 6.
    expectCleanFailure(code, { status: 6, message: "the keychain did not answer within 2 s", secrets: [t.w.mfa.seed] });
    expect(code.stderr).toMatch(/^hint: Check that your keyring daemon is running and responsive/m);
    expect(helpersOnThisBus()).toEqual([]);

    // Once the bus answers again, so does the keychain.
    const again = await cli(["mfa", "code", t.w.mfa.serial]);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^\d{6}\n$/);
  });
});
