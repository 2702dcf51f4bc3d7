// Missing, locked and unresponsive keychains, as a real stsctl process meets
// them: each case runs openStores in a child process against its own private
// D-Bus session, and reports how long the decision took.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startKeyring, type KeyringHarness } from "../support/keyring.js";
import { runFixture, tempDir } from "./helpers.js";

interface Probe {
  ok: boolean;
  ms: number;
  sessions?: string;
  secrets?: string;
  roundTrip?: boolean;
  name?: string;
  message?: string;
  hint?: string;
  reason?: string;
  exitCode?: number;
}

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => (tmp = await tempDir("stsctl-kc-modes-")));
afterAll(() => tmp.remove());

async function probe(env: Record<string, string>, requireCache: boolean, action = ""): Promise<{ result: Probe; stderr: string; wallMs: number }> {
  const r = await runFixture("openStoresProbe", [path.join(tmp.dir, "cache"), String(requireCache), action], { ...process.env, ...env }, 15_000);
  expect(r.code).toBe(0);
  return { result: JSON.parse(r.stdout) as Probe, stderr: r.stderr, wallMs: r.ms };
}

function expectStoreError(p: Probe, reason: string, text: string) {
  expect(p.ok).toBe(false);
  expect(p.name).toBe("KeychainError");
  expect(p.exitCode).toBe(6);
  expect(p.reason).toBe(reason);
  expect(p.message).toContain(text);
  expect(p.message).not.toContain("\n");
  expect(p.hint).toContain("STSCTL_KEYRING=file");
  expect(p.hint).toContain("STSCTL_KEYRING=none");
}

describe("no Secret Service on the session bus", () => {
  let h: KeyringHarness;
  beforeAll(async () => (h = await startKeyring({ mode: "absent" })));
  afterAll(() => h?.stop());

  it("is a StoreError within 2 s when the cache is required", async () => {
    const { result } = await probe(h.env, true);
    expectStoreError(result, "absent", "no Secret Service on this session bus");
    expect(result.ms).toBeLessThan(2000);
  });

  it("otherwise runs uncached after exactly one warning line", async () => {
    const { result, stderr } = await probe(h.env, false);
    expect(result).toMatchObject({ ok: true, sessions: "none", secrets: "none" });
    expect(result.ms).toBeLessThan(2000);
    const lines = stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^warning: could not read "session-key" from the OS keychain: no Secret Service on this session bus; running without the session cache\. .*STSCTL_KEYRING=file/,
    );
  });

  it("no session bus at all is reported the same way", async () => {
    const { result } = await probe({ DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(tmp.dir, "no-such-bus")}` }, true);
    expectStoreError(result, "absent", "no D-Bus session bus");
    expect(result.ms).toBeLessThan(2000);
  });
});

describe("a locked keychain", () => {
  it("is reported when the data key would have to be created", async () => {
    const h = await startKeyring({ mode: "locked" });
    try {
      const { result } = await probe(h.env, true);
      expectStoreError(result, "locked", "the keychain is locked");
      expect(result.ms).toBeLessThan(2000);
    } finally {
      await h.stop();
    }
  });

  it("is reported when the data key exists but cannot be read; uncached commands still run", async () => {
    const h = await startKeyring({ mode: "unlocked" });
    try {
      const before = await probe(h.env, true, "put");
      expect(before.result).toMatchObject({ ok: true, sessions: "keychain", roundTrip: true });
      await h.lock();
      const { result } = await probe(h.env, true);
      expectStoreError(result, "locked", 'could not read "session-key" from the OS keychain: the keychain is locked');
      expect(result.ms).toBeLessThan(2000);
      const lenient = await probe(h.env, false);
      expect(lenient.result).toMatchObject({ ok: true, sessions: "none" });
      expect(lenient.stderr.trimEnd().split("\n")).toHaveLength(1);
    } finally {
      await h.stop();
    }
  });
});

describe("a keyring daemon that does not answer", () => {
  it("is a timeout, decided in about 2 s, not a hang", async () => {
    const h = await startKeyring({ mode: "unlocked" });
    try {
      h.freeze();
      const { result, wallMs } = await probe(h.env, true);
      expectStoreError(result, "timeout", "the keychain did not answer");
      expect(result.ms).toBeLessThan(2600);
      expect(wallMs).toBeLessThan(6000);
    } finally {
      h.thaw();
      await h.stop();
    }
  });

  it("so is a stopped dbus-daemon, whose clients block inside the binding's connect: a timeout, not a hang", { timeout: 60_000 }, async () => {
    const h = await startKeyring({ mode: "unlocked" });
    try {
      h.freezeBus();
      const { result } = await probe(h.env, true);
      expectStoreError(result, "timeout", "the keychain did not answer within 2 s");
    } finally {
      h.thaw();
      await h.stop();
    }
  });
});
