import { existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../support/runCli.js";
import { useKeychainWorld } from "../support/keychainWorld.js";

// A data key from whatever answers on the agent's socket is used only if it
// matches the check value recorded from the keychain: a wrong key must never
// seal a session, nor stand in for the keychain's.

const t = useKeychainWorld({ afterEach: async (x) => void (await runCli(["clear", "--all"], { env: x.env })) });
let fake: Server | undefined;
afterEach(async () => {
  await new Promise((r) => (fake ? fake.close(r) : r(undefined)));
  fake = undefined;
});

const agentDir = () => join(t.env.STSCTL_CACHE_DIR!, "agent");

/** This build's keychain socket, learned from the agent a first run starts; then that agent is stopped. */
async function socketName(): Promise<string> {
  const r = await runCli(["credential-process", "dev"], { env: t.env });
  expect(r.status, r.stderr).toBe(0);
  const found = () => (existsSync(agentDir()) ? readdirSync(agentDir()).find((f) => /^keychain-\w+\.sock$/.test(f)) : undefined);
  for (let i = 0; i < 100 && !found(); i++) await new Promise((res) => setTimeout(res, 50));
  const name = found()!;
  await runCli(["clear", "--all"], { env: t.env });
  for (let i = 0; i < 100 && existsSync(join(agentDir(), name)); i++) await new Promise((res) => setTimeout(res, 50));
  return name;
}

/** Answers every key request with a wrong key, and every hit with MISS. */
async function wrongKeyAgent(socket: string): Promise<void> {
  mkdirSync(agentDir(), { recursive: true, mode: 0o700 });
  rmSync(socket, { force: true });
  fake = createServer({ allowHalfOpen: true }, (c) => {
    let data = "";
    c.on("error", () => undefined); // a caller that has what it needs may hang up first
    c.on("data", (d) => (data += d));
    c.on("end", () => c.end(data.startsWith("HIT ") ? "MISS\n" : Buffer.alloc(32, 7).toString("base64") + "\n"));
  });
  await new Promise<void>((r) => fake!.listen(socket, r));
}

describe("a data key from the agent's socket", () => {
  it("is not used when there is nothing to check it against: sessions are sealed under the keychain's key", async () => {
    const socket = join(agentDir(), await socketName());
    rmSync(join(t.env.STSCTL_CACHE_DIR!, "sessions"), { recursive: true, force: true }); // no check value yet
    await wrongKeyAgent(socket);
    const first = await runCli(["credential-process", "dev"], { env: t.env });
    expect(first.status, first.stderr).toBe(0);
    const calls = t.sts.calls();
    await new Promise((r) => fake!.close(r));
    fake = undefined;
    // Without any agent, the keychain's key opens what was stored: a hit, no STS call.
    const again = await runCli(["credential-process", "dev"], { env: { ...t.env, STSCTL_AGENT: "0" } });
    expect(again.status, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).AccessKeyId).toBe(JSON.parse(first.stdout).AccessKeyId);
    expect(t.sts.calls()).toBe(calls);
  });

  it("is not used when it does not match the recorded check value: the cached session is still served", async () => {
    const socket = join(agentDir(), await socketName());
    const first = await runCli(["credential-process", "dev"], { env: { ...t.env, STSCTL_AGENT: "0" } });
    expect(first.status, first.stderr).toBe(0);
    const calls = t.sts.calls();
    await wrongKeyAgent(socket);
    const again = await runCli(["credential-process", "dev"], { env: t.env });
    expect(again.status, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).AccessKeyId).toBe(JSON.parse(first.stdout).AccessKeyId);
    expect(t.sts.calls()).toBe(calls);
  });
});
