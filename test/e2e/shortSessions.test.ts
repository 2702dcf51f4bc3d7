// Short sessions (duration_seconds = 900) are born inside the default 15-minute
// refresh window; the window shrinks to a third of the session
// (src/plan/refreshWindow.ts), so they are reused from the cache instead of renewed
// on every call, by stsctl itself, by its key agent and under the AWS CLI.
import { execFile } from "node:child_process";
import { appendFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { useKeychainWorld } from "../support/keychainWorld.js";
import { BIN, runCli } from "../support/runCli.js";
import { AGENT_TTL, NODE_DIR, processJson } from "./credential-process-support.js";

const t = useKeychainWorld({ env: () => ({ PATH: `${NODE_DIR}:/usr/bin:/bin`, ...AGENT_TTL }) });
const cli = (args: string[], extra: Record<string, string> = {}) => runCli(args, { env: { ...t.env, ...extra } });

/** dev's role for 15 minutes, and a credential_process profile in front of it. */
function shortProfile(): void {
  appendFileSync(
    t.env.AWS_CONFIG_FILE!,
    `\n[profile dev-short]\nrole_arn = ${t.w.roles.dev}\nsource_profile = alice\nduration_seconds = 900\n` +
      `\n[profile dev-short-sdk]\ncredential_process = ${process.execPath} ${BIN} credential-process dev-short\n`,
  );
}

function awsCli(profile: string): Promise<{ status: number; stdout: string; stderr: string }> {
  const args = ["sts", "get-caller-identity", "--profile", profile, "--endpoint-url", t.sts.url, "--region", "us-east-1", "--output", "json"];
  return new Promise((resolve) => {
    // Never plain `aws`: a v1 shim may come first on PATH.
    const child = execFile("/usr/bin/aws", args, { env: { ...t.env, AWS_PAGER: "" }, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ status: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
    child.stdin?.end();
  });
}

describe("short sessions", () => {
  it("credential-process serves a 15-minute session from the cache: 5 calls, 1 AssumeRole", async () => {
    shortProfile();
    const keys = new Set<string>();
    // Some of these are answered by the key agent the first one starts: the same rule applies there.
    for (let i = 0; i < 5; i++) keys.add(processJson(await cli(["credential-process", "dev-short"]), 10).AccessKeyId);
    expect(keys.size).toBe(1);
    expect(t.sts.calls("AssumeRole")).toBe(1);
    expect(t.sts.log.find((l) => l.action === "AssumeRole")?.params.DurationSeconds).toBe("900");
  });

  it("the AWS CLI, which refreshes a session with under 15 minutes left, makes 3 calls on 1 AssumeRole", async () => {
    shortProfile();
    for (let i = 0; i < 3; i++) {
      const r = await awsCli("dev-short-sdk");
      expect(r.status, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).Arn).toMatch(/^arn:aws:sts::123456789012:assumed-role\/Dev\//);
    }
    expect(t.sts.calls("GetCallerIdentity")).toBe(3);
    expect(t.sts.calls("AssumeRole")).toBe(1);
  });

  it("renews a 15-minute session once less than a third of it is left", async () => {
    shortProfile();
    // STS's clock 11 minutes behind: the session it issues ends in 4 minutes, inside its 5-minute window.
    t.sts.clock.set(new Date(Date.now() - 11 * 60_000));
    const first = processJson(await cli(["credential-process", "dev-short"], { STSCTL_AGENT: "0" }), 3);
    t.sts.clock.set(new Date());
    const renewed = processJson(await cli(["credential-process", "dev-short"], { STSCTL_AGENT: "0" }), 10);
    expect(renewed.AccessKeyId).not.toBe(first.AccessKeyId);
    expect(t.sts.calls("AssumeRole")).toBe(2);
  });

  it("stsctl plan says that consumers refresh such a session before every call", async () => {
    shortProfile();
    const r = await cli(["plan", "dev-short"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("      note: a 15m session starts inside the refresh margin of the AWS CLI and boto3 (15m)");
    expect((await cli(["plan", "dev"])).stdout).not.toContain("note:");
  });

  it("assume --duration 15m reuses its session too", async () => {
    for (let i = 0; i < 3; i++) expect((await cli(["assume", "dev", "--duration", "15m"])).status).toBe(0);
    expect(t.sts.calls("AssumeRole")).toBe(1);
  });
});
