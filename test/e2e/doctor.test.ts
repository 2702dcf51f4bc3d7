import { appendFileSync, existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { keyFromAgent } from "../../src/store/agent/agentClient.js";
import { useKeychainWorld } from "../support/keychainWorld.js";
import { runCli } from "../support/runCli.js";

// stsctl doctor through the binary, in worlds that are healthy and worlds broken
// one way at a time: a real Secret Service, the STS emulator (its clock moved for
// skew), the config files as a user writes them.

const t = useKeychainWorld({
  env: () => ({ SHELL: "/bin/bash" }),
  afterEach: async (x) => void (await runCli(["clear", "--all"], { env: x.env })),
});
const cli = (args: string[], extra: Record<string, string> = {}) => runCli(args, { env: { ...t.env, ...extra }, timeoutMs: 40_000 });

interface JsonCheck {
  status: "ok" | "warn" | "fail";
  what: string;
  detail: string;
  fix?: string;
}
const parse = (stdout: string) => JSON.parse(stdout) as { ok: boolean; failed: number; warnings: number; checks: JsonCheck[] };
const lineOf = (stdout: string, what: string) => stdout.split("\n").find((l) => new RegExp(`^(ok|warn|fail) +${what} `).test(l));

/** Waits for the key agent the last command started (it starts detached, after the command's answer). */
async function agentUp(): Promise<void> {
  const dir = join(t.env.STSCTL_CACHE_DIR!, "agent");
  for (let i = 0; i < 100; i++) {
    const socket = existsSync(dir) ? readdirSync(dir).find((f) => f.startsWith("keychain-") && f.endsWith(".sock")) : undefined;
    if (socket && (await keyFromAgent(join(dir, socket)))) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("no key agent came up");
}

/** A world a user has set up as the README says: the shell function in ~/.bashrc, an SDK profile from setup-profile. */
async function healthy(): Promise<void> {
  writeFileSync(join(t.w.home, ".bashrc"), 'eval "$(stsctl shell-init bash)"\n');
  expect((await cli(["setup-profile", "dev"])).status).toBe(0);
}

describe("stsctl doctor", () => {
  it("says ok to every check of a healthy setup, exits 0, and prints no secret", async () => {
    await healthy();
    // A credential-process run starts the key agent, which doctor then finds answering.
    expect((await cli(["credential-process", "dev"])).status).toBe(0);
    await agentUp();
    const r = await cli(["doctor"]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    for (const l of lines) expect(l, r.stdout).toMatch(/^ok {4}/);
    expect(lineOf(r.stdout, "config file")).toMatch(/~\/\.aws\/config \(from AWS_CONFIG_FILE\): 7 profiles$/);
    expect(lineOf(r.stdout, "profiles")).toMatch(/7 checked: 6 plan cleanly, 1 with settings only$/);
    expect(lineOf(r.stdout, "credential_process dev-sdk")).toMatch(/runs with PATH=\/usr\/bin:\/bin:\/usr\/sbin:\/sbin \(stsctl \d+\.\d+\.\d+\)$/);
    expect(lineOf(r.stdout, "keychain")).toMatch(/the OS keychain is reachable and unlocked$/);
    expect(lineOf(r.stdout, "key agent")).toMatch(/running, answering on /);
    expect(lineOf(r.stdout, "STS endpoint")).toContain(`${t.sts.url} answered (HTTP 400) for region us-east-1`);
    expect(lineOf(r.stdout, "clock")).toBeDefined();
    expect(lineOf(r.stdout, "shell function")).toMatch(/bash loads it: stsctl shell-init in ~\/\.bashrc$/);
    expect(r.stderr).toBe("no check failed\n");
    expect(r.stdout + r.stderr).not.toContain(t.w.alice.secretAccessKey);

    const j = await cli(["doctor", "--json"]);
    expect(j.status).toBe(0);
    const json = parse(j.stdout);
    expect(json).toMatchObject({ ok: true, failed: 0, warnings: 0 });
    expect(json.checks.map((c) => c.what)).toEqual([
      "config file",
      "credentials file",
      "profiles",
      "credential_process dev-sdk",
      "keychain",
      "key agent",
      "STS endpoint",
      "clock",
      "shell function",
    ]);
    expect(j.stderr).toBe("");
  });

  it("fails a profile loop with the planner's message and a fix, and exits 3", async () => {
    await healthy();
    appendFileSync(
      t.env.AWS_CONFIG_FILE!,
      `\n[profile loop-a]\nrole_arn = ${t.w.roles.dev}\nsource_profile = loop-b\n\n[profile loop-b]\nrole_arn = ${t.w.roles.dev}\nsource_profile = loop-a\n`,
    );
    const r = await cli(["doctor"]);
    expect(r.status).toBe(3);
    expect(r.stdout).toContain(
      "fail  profile loop-a              Infinite loop in credential configuration detected: loop-a -> loop-b -> loop-a\n" +
        "      fix: one of these profiles must get credentials another way (keys, credential_source, web identity)\n",
    );
    expect(r.stderr).toBe("2 checks failed\n");
    const json = parse((await cli(["doctor", "--json"])).stdout);
    expect(json.ok).toBe(false);
    expect(json.checks.filter((c) => c.status === "fail").map((c) => c.what)).toEqual(["profile loop-a", "profile loop-b"]);
  });

  it("fails a credential_process line whose node is gone, naming it, with setup-profile as the fix", async () => {
    await healthy();
    appendFileSync(t.env.AWS_CONFIG_FILE!, "\n[profile moved]\ncredential_process = /opt/node-gone/bin/node /opt/stsctl/bin/stsctl credential-process dev\n");
    const r = await cli(["doctor"]);
    expect(r.status).toBe(3);
    expect(lineOf(r.stdout, "credential_process moved")).toMatch(/^fail .* \/opt\/node-gone\/bin\/node does not exist$/);
    expect(r.stdout).toContain("fix: write it again with the absolute path of node: stsctl setup-profile dev --name moved");
    // A line that finds node through PATH: runs here, where node is in /usr/bin, but only because it is.
    appendFileSync(t.env.AWS_CONFIG_FILE!, "\n[profile bare]\ncredential_process = stsctl credential-process dev\n");
    const bare = await cli(["doctor", "--json"]);
    expect(parse(bare.stdout).checks.find((c) => c.what === "credential_process bare")).toMatchObject({
      status: "fail",
      detail: '"stsctl" is looked up on PATH, and a minimal PATH (/usr/bin:/bin:/usr/sbin:/sbin) has none: IDEs and GUI apps cannot start it',
    });
  });

  it("warns when the clock is over a minute off STS's, fails over five minutes and exits 4", async () => {
    await healthy();
    t.sts.clock.advance(120);
    const warned = await cli(["doctor"]);
    expect(warned.status, warned.stdout).toBe(0);
    expect(lineOf(warned.stdout, "clock")).toMatch(/^warn {2}clock +this machine's clock is 1(19|20|21) s behind STS's$/);
    expect(warned.stdout).toContain("fix: turn on automatic time (NTP)");
    t.sts.clock.advance(-720);
    const failed = await cli(["doctor", "--json"]);
    expect(failed.status).toBe(4);
    expect(parse(failed.stdout).checks.find((c) => c.what === "clock")).toMatchObject({
      status: "fail",
      detail: expect.stringMatching(/is (599|60[01]) s ahead of STS.s$/),
    });
  });

  it("fails a locked keychain (exit 6), an unreachable STS (exit 7), and warns without the shell function", async () => {
    await healthy();
    await t.keyring.lock();
    const locked = await cli(["doctor"]);
    expect(locked.status).toBe(6);
    expect(lineOf(locked.stdout, "keychain")).toMatch(/^fail .*the keychain is locked$/);
    await t.keyring.unlock();
    writeFileSync(join(t.w.home, ".bashrc"), "# nothing here\n");
    const r = await cli(["doctor"], { AWS_ENDPOINT_URL_STS: "http://127.0.0.1:9" });
    expect(r.status).toBe(7);
    expect(lineOf(r.stdout, "STS endpoint")).toMatch(/^fail .*cannot reach http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED\)$/);
    expect(lineOf(r.stdout, "clock")).toMatch(/^warn .*not checked: STS did not answer$/);
    expect(lineOf(r.stdout, "shell function")).toMatch(/^warn .*no stsctl shell-init in ~\/\.bashrc/);
    expect(r.stdout).toContain(`fix: echo 'eval "$(stsctl shell-init bash)"' >> ~/.bashrc, then open a new shell`);
  });

  it("fails a config file that does not parse, with its line, and exits 3", async () => {
    writeFileSync(t.env.AWS_CONFIG_FILE!, "[profile ok]\nregion = us-east-1\n[broken\n");
    const r = await cli(["doctor", "--json"]);
    expect(r.status).toBe(3);
    const first = parse(r.stdout).checks[0]!;
    expect(first).toMatchObject({ status: "fail", what: "config files" });
    expect(first.detail).toContain("~/.aws/config");
  });
});
