import { readFileSync, realpathSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runAwsCli } from "../support/awsCli.js";
import { BIN, runCli } from "../support/runCli.js";
import { useStsWorld } from "../support/stsWorld.js";

// IDEs and GUI apps start the AWS CLI with a minimal PATH, where a line that
// relies on `#!/usr/bin/env node` finds no node. The line setup-profile writes
// names node and bin/stsctl by absolute path; the AWS CLI runs it without a
// shell, split by shlex.

const t = useStsWorld();

describe("setup-profile for callers without node on PATH", () => {
  it("gives the AWS CLI credentials with PATH=/nonexistent", async () => {
    const r = await runCli(["setup-profile", "dev", "--name", "dev-sdk"], { env: t.env });
    expect(r.status, r.stderr).toBe(0);
    const id = await runAwsCli(
      ["sts", "get-caller-identity", "--profile", "dev-sdk", "--endpoint-url", t.sts.url, "--region", "us-east-1", "--output", "json"],
      { ...t.env, PATH: "/nonexistent", AWS_PAGER: "", AWS_MAX_ATTEMPTS: "1" },
      60_000,
    );
    expect(id.status, id.stderr).toBe(0);
    expect(JSON.parse(id.stdout).Arn).toMatch(/^arn:aws:sts::123456789012:assumed-role\/Dev\//);
  }, 90_000);

  it("--json says what it wrote, on stdout, and the human line stays on stderr", async () => {
    const r = await runCli(["setup-profile", "dev", "--json"], { env: t.env });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain("added [profile dev-sdk] to ~/.aws/config");
    const out = JSON.parse(r.stdout);
    expect(out).toEqual({
      profile: "dev-sdk",
      source: "dev",
      file: t.env.AWS_CONFIG_FILE,
      credential_process: `${realpathSync(process.execPath)} ${realpathSync(BIN)} credential-process dev`,
    });
    expect(readFileSync(t.env.AWS_CONFIG_FILE!, "utf8")).toContain(`credential_process = ${out.credential_process}\n`);
  });
});
