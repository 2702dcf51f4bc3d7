import { chmodSync, mkdirSync, symlinkSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { agentSocketPath } from "../../src/store/agent/agentSocket.js";
import { hitFromAgent } from "../../src/hot/hitClient.js";
import { tempDir } from "./helpers.js";

// The caller's half of an agent-served cache hit, against a stand-in agent on
// the socket this build would use: what it sends, and what it accepts back.

let tmp: Awaited<ReturnType<typeof tempDir>>;
let server: Server | undefined;
let received: string[];
const open = new Set<Socket>();
let env: Record<string, string>;
const call = { platform: process.platform, cwd: "/somewhere", self: "/opt/stsctl/bin/stsctl", timeoutMs: 500 };

beforeEach(async () => {
  tmp = await tempDir("stsctl-hit-");
  env = { HOME: tmp.dir, STSCTL_CACHE_DIR: path.join(tmp.dir, "cache"), AWS_PROFILE: "dev" };
  received = [];
});
afterEach(async () => {
  for (const c of open) c.destroy();
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  server = undefined;
  await tmp.remove();
});

/** A stand-in agent that records each request and answers with `reply` (or never, if undefined). */
async function agent(reply: string | undefined, backend: "keychain" | "file" = "keychain"): Promise<void> {
  const socket = agentSocketPath(env.STSCTL_CACHE_DIR!, process.platform, backend)!;
  mkdirSync(path.dirname(socket), { recursive: true, mode: 0o700 });
  server = createServer({ allowHalfOpen: true }, (c) => {
    open.add(c);
    c.on("close", () => open.delete(c));
    let data = "";
    c.on("data", (d) => (data += d.toString()));
    c.on("end", () => {
      received.push(data);
      if (reply !== undefined) c.end(reply);
    });
  });
  await new Promise<void>((r) => server!.listen(socket, r));
}

describe("hitFromAgent", () => {
  it("sends argv, directory, path, parent pid and the non-secret variables stsctl reads by name; nothing else", async () => {
    await agent(JSON.stringify({ code: 0, out: "exports\n", err: "a note\n" }) + "\n");
    env = {
      ...env,
      USER: "alice",
      SHELL: "/bin/zsh",
      XDG_CACHE_HOME: "/x",
      AWS_REGION: "eu-west-1",
      // Not read by stsctl: never sent, whatever their prefix.
      AWS_CONTAINER_AUTHORIZATION_TOKEN: "container-secret",
      AWS_BEARER_TOKEN_BEDROCK: "bedrock-secret",
      STSCTL_SOMETHING_NEW: "x",
      XDG_RUNTIME_DIR: "/run/user/1",
      GITHUB_TOKEN: "ghp_unrelated",
    };
    const served = await hitFromAgent(["env", "dev"], env, { ...call, ppid: 4242 });
    expect(served).toEqual({ code: 0, out: "exports\n", err: "a note\n" });
    expect(received).toHaveLength(1);
    expect(received[0]!.startsWith("HIT ")).toBe(true);
    expect(received[0]!.endsWith("\n")).toBe(true);
    const req = JSON.parse(received[0]!.slice(4));
    expect(req.argv).toEqual(["env", "dev"]);
    expect(req.cwd).toBe("/somewhere");
    expect(req.self).toBe("/opt/stsctl/bin/stsctl");
    // The agent reads the caller's parent (its shell) for env's syntax, not its own.
    expect(req.ppid).toBe(4242);
    expect(req.env).toEqual({
      HOME: env.HOME,
      STSCTL_CACHE_DIR: env.STSCTL_CACHE_DIR,
      AWS_PROFILE: "dev",
      USER: "alice",
      SHELL: "/bin/zsh",
      XDG_CACHE_HOME: "/x",
      AWS_REGION: "eu-west-1",
    });
    for (const secret of ["container-secret", "bedrock-secret", "ghp_unrelated", "STSCTL_SOMETHING_NEW", "XDG_RUNTIME_DIR"])
      expect(received[0]).not.toContain(secret);
  });

  it("does not ask at all while a secret stsctl may read is in the environment: none of them leaves, not even as 'set'", async () => {
    await agent(JSON.stringify({ code: 0, out: "x", err: "" }));
    for (const name of ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "STSCTL_FILE_PASSPHRASE"]) {
      expect(await hitFromAgent(["credential-process", "dev"], { ...env, [name]: "value" }, call), name).toBeNull();
    }
    expect(received).toEqual([]);
    expect(await hitFromAgent(["credential-process", "dev"], env, call)).not.toBeNull();
  });

  it("does not connect to a socket or directory that others can write or that is a link", async () => {
    await agent(JSON.stringify({ code: 0, out: "x", err: "" }));
    const socket = agentSocketPath(env.STSCTL_CACHE_DIR!, process.platform, "keychain")!;
    const agentDir = path.dirname(socket);
    chmodSync(agentDir, 0o777);
    expect(await hitFromAgent(["credential-process", "dev"], env, call)).toBeNull();
    chmodSync(agentDir, 0o700);
    chmodSync(env.STSCTL_CACHE_DIR!, 0o757);
    expect(await hitFromAgent(["credential-process", "dev"], env, call)).toBeNull();
    chmodSync(env.STSCTL_CACHE_DIR!, 0o700);
    // A link to the real cache directory: whoever owns the link can point it elsewhere.
    const link = path.join(tmp.dir, "cache-link");
    symlinkSync(env.STSCTL_CACHE_DIR!, link);
    expect(await hitFromAgent(["credential-process", "dev"], { ...env, STSCTL_CACHE_DIR: link }, call)).toBeNull();
    expect(received).toEqual([]);
    expect(await hitFromAgent(["credential-process", "dev"], env, call)).not.toBeNull();
  });

  it("asks the file backend's agent under STSCTL_KEYRING=file", async () => {
    await agent(JSON.stringify({ code: 0, out: "x", err: "" }), "file");
    expect(await hitFromAgent(["credential-process", "dev"], { ...env, STSCTL_KEYRING: "File " }, call)).toEqual({ code: 0, out: "x", err: "" });
  });

  it("takes a MISS, garbage, a half answer or silence as no hit, within the timeout", async () => {
    for (const reply of ["MISS\n", "{not json", JSON.stringify({ code: 0, out: 1 }), ""]) {
      await agent(reply);
      expect(await hitFromAgent(["credential-process", "dev"], env, call), JSON.stringify(reply)).toBeNull();
      await new Promise((r) => server!.close(r));
    }
    await agent(undefined); // reads the request, never answers
    const started = Date.now();
    expect(await hitFromAgent(["credential-process", "dev"], env, { ...call, timeoutMs: 300 })).toBeNull();
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("does not ask at all with --debug, STSCTL_DEBUG, STSCTL_AGENT=0, STSCTL_KEYRING=none, or on Windows", async () => {
    await agent(JSON.stringify({ code: 0, out: "x", err: "" }));
    expect(await hitFromAgent(["credential-process", "dev", "--debug"], env, call)).toBeNull();
    expect(await hitFromAgent(["credential-process", "dev"], { ...env, STSCTL_DEBUG: "1" }, call)).toBeNull();
    expect(await hitFromAgent(["credential-process", "dev"], { ...env, STSCTL_AGENT: "0" }, call)).toBeNull();
    expect(await hitFromAgent(["credential-process", "dev"], { ...env, STSCTL_KEYRING: "none" }, call)).toBeNull();
    // Named pipes share one namespace there: another user could pose as the agent.
    expect(await hitFromAgent(["credential-process", "dev"], env, { ...call, platform: "win32" })).toBeNull();
    expect(received).toEqual([]);
    // Control: the same stand-in does answer a plain call.
    expect(await hitFromAgent(["credential-process", "dev"], env, call)).not.toBeNull();
  });
});
