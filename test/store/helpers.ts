import { spawn } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Session } from "../../src/credentials.js";

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures");

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs test/store/fixtures/<name>.ts in a real node process (through tsx), bounded by timeoutMs. */
export function runFixture(name: string, args: string[], env: NodeJS.ProcessEnv = process.env, timeoutMs = 20_000): Promise<ChildResult> {
  return startFixture(name, args, env, timeoutMs).done;
}

export function startFixture(name: string, args: string[], env: NodeJS.ProcessEnv = process.env, timeoutMs = 20_000) {
  const started = Date.now();
  const child = spawn(process.execPath, ["--import", "tsx", path.join(fixtures, `${name}.ts`), ...args], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  const done = new Promise<ChildResult>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
  /** Resolves once stdout contains `text` (bounded). */
  const waitFor = async (text: string, ms = 10_000): Promise<void> => {
    const deadline = Date.now() + ms;
    while (!stdout.includes(text)) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`fixture ${name} never printed ${text}: ${stderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { child, done, waitFor, output: () => stdout };
}

export async function tempDir(prefix = "stsctl-store-"): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => fs.rm(dir, { recursive: true, force: true }) };
}

export async function modeOf(p: string): Promise<number> {
  return (await fs.stat(p)).mode & 0o777;
}

/** A session with recognisable, long secret values. */
export function sampleSession(tag = "A", expiresInMs = 3600_000): Session {
  return {
    credentials: {
      accessKeyId: `ASIA${tag.padEnd(16, "X")}`,
      secretAccessKey: `secret-${tag}-${"s".repeat(32)}`,
      sessionToken: `token-${tag}-${"t".repeat(600)}`,
      expiration: new Date(Math.floor((Date.now() + expiresInMs) / 1000) * 1000 + 123),
    },
    arn: `arn:aws:sts::123456789012:assumed-role/Admin/${tag}`,
    packedPolicySize: 42,
    sourceIdentity: `alice-${tag}`,
  };
}
