import { mkdirSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { agentSocketPath } from "../../src/store/agent/agentSocket.js";
import { hitFromAgent } from "../../src/store/agent/hitClient.js";
import { SECRET_PLACEHOLDER } from "../../src/store/agent/hitProtocol.js";
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
  it("sends argv, directory, path and the environment stsctl reads; secrets only as a placeholder, nothing else", async () => {
    await agent(JSON.stringify({ code: 0, out: "exports\n", err: "a note\n" }) + "\n");
    env = {
      ...env,
      USER: "alice",
      SHELL: "/bin/zsh",
      XDG_CACHE_HOME: "/x",
      AWS_ACCESS_KEY_ID: "AKIAEXAMPLE",
      AWS_SECRET_ACCESS_KEY: "very-secret",
      AWS_SESSION_TOKEN: "session-tok",
      AWS_SECURITY_TOKEN: "security-tok",
      STSCTL_FILE_PASSPHRASE: "pass-phrase",
      GITHUB_TOKEN: "ghp_unrelated",
      NPM_TOKEN: "npm_unrelated",
    };
    const served = await hitFromAgent(["env", "dev"], env, call);
    expect(served).toEqual({ code: 0, out: "exports\n", err: "a note\n" });
    expect(received).toHaveLength(1);
    expect(received[0]!.startsWith("HIT ")).toBe(true);
    expect(received[0]!.endsWith("\n")).toBe(true);
    const req = JSON.parse(received[0]!.slice(4));
    expect(req.argv).toEqual(["env", "dev"]);
    expect(req.cwd).toBe("/somewhere");
    expect(req.self).toBe("/opt/stsctl/bin/stsctl");
    expect(req.env).toEqual({
      HOME: env.HOME,
      STSCTL_CACHE_DIR: env.STSCTL_CACHE_DIR,
      AWS_PROFILE: "dev",
      USER: "alice",
      SHELL: "/bin/zsh",
      XDG_CACHE_HOME: "/x",
      AWS_ACCESS_KEY_ID: "AKIAEXAMPLE", // part of a cache key
      // Whether these are set shapes a plan (an Environment source with a session token); their values never leave.
      AWS_SECRET_ACCESS_KEY: SECRET_PLACEHOLDER,
      AWS_SESSION_TOKEN: SECRET_PLACEHOLDER,
      AWS_SECURITY_TOKEN: SECRET_PLACEHOLDER,
      STSCTL_FILE_PASSPHRASE: SECRET_PLACEHOLDER,
    });
    for (const secret of ["very-secret", "session-tok", "security-tok", "pass-phrase", "ghp_unrelated", "npm_unrelated"]) expect(received[0]).not.toContain(secret);
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
