// Long-term keys kept in the OS keychain (`stsctl add`) behind a keychain that was
// locked since: the error says the keychain is locked and how to open it, not that
// the keys are missing. bin/stsctl against gnome-keyring on a private bus.
import { writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { secretTool } from "../support/keyring.js";
import { useKeychainWorld } from "../support/keychainWorld.js";
import { runCli } from "../support/runCli.js";

const t = useKeychainWorld({
  afterEach: async (x) => {
    await x.keyring.unlock();
    await secretTool(["clear", "service", "stsctl", "username", "keys:alice"], { ...process.env, ...x.keyring.env }).catch(() => undefined);
  },
});
const cli = (args: string[], extra: Record<string, string> = {}) => runCli(args, { env: { ...t.env, ...extra } });

/** alice's keys only in the keychain, then the keychain locked. */
async function keysThenLock(extra: Record<string, string>): Promise<void> {
  writeFileSync(t.env.AWS_SHARED_CREDENTIALS_FILE!, "");
  const add = await cli(["add", "alice", "--from-env"], {
    ...extra,
    AWS_ACCESS_KEY_ID: t.w.alice.accessKeyId,
    AWS_SECRET_ACCESS_KEY: t.w.alice.secretAccessKey,
  });
  expect(add.status, add.stderr).toBe(0);
  await t.keyring.lock();
}

function expectLockedMessage(stderr: string): void {
  const lines = stderr.split("\n").filter(Boolean);
  expect(lines.at(-2)).toBe('error: cannot read the keys of profile "alice": the Secret Service keyring (gnome-keyring, KWallet) is locked');
  expect(lines.at(-1)).toBe(
    'hint: unlock it (log in to your desktop session, or unlock the "Login" keyring in Passwords and Keys), then run the command again',
  );
  expect(stderr).not.toContain("keeps none");
  expect(stderr).not.toContain("stsctl add");
}

describe("credential-process with keys in a locked keychain", () => {
  it("says the keychain is locked when the cache's data key cannot be read either (no key agent)", async () => {
    const noAgent = { STSCTL_AGENT: "0" };
    await keysThenLock(noAgent);
    const r = await cli(["credential-process", "dev"], noAgent);
    expect(r.status).toBe(6);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^warning: .*the keychain is locked; running without the session cache/);
    expectLockedMessage(r.stderr);
    expect(t.sts.calls()).toBe(0);
  });

  it("says the same when a key agent still holds the data key but the keys' item is locked", async () => {
    await keysThenLock({});
    const r = await cli(["credential-process", "dev"]);
    expect(r.status).toBe(6);
    expect(r.stdout).toBe("");
    expectLockedMessage(r.stderr);
    expect(t.sts.calls()).toBe(0);
  });
});
