import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/runCli.js";
import { useStsWorld } from "../support/stsWorld.js";

// Credentials STS has just issued are the user's, even when the cache cannot
// keep them: a failed cache write is a warning, not a lost session.

const t = useStsWorld({ env: () => ({ STSCTL_KEYRING: "file", STSCTL_FILE_PASSPHRASE: "pass", STSCTL_AGENT: "0" }) });

describe("a session cache that cannot be written", () => {
  it("serves the fresh credentials and warns when a directory stands where the entry goes", async () => {
    const first = await runCli(["credential-process", "dev"], { env: t.env });
    expect(first.status, first.stderr).toBe(0);
    const dir = join(t.env.STSCTL_CACHE_DIR!, "sessions", "file");
    const entries = readdirSync(dir).filter((f) => f.endsWith(".session"));
    expect(entries).toHaveLength(1);
    rmSync(join(dir, entries[0]!));
    mkdirSync(join(dir, entries[0]!));
    writeFileSync(join(dir, entries[0]!, "keep"), "");

    const calls = t.sts.calls("AssumeRole");
    const again = await runCli(["credential-process", "dev"], { env: t.env });
    expect(again.status, again.stderr).toBe(0);
    const out = JSON.parse(again.stdout);
    expect(out.AccessKeyId).toMatch(/^ASIA/);
    expect(out.AccessKeyId).not.toBe(JSON.parse(first.stdout).AccessKeyId);
    expect(t.sts.calls("AssumeRole")).toBe(calls + 1);
    expect(again.stderr).toMatch(/warning: cannot write the session cache in .*this session is used but not cached/);
  });
});
