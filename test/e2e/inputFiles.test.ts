// bin/stsctl in a temporary HOME against the STS emulator, given input paths
// that are not ordinary files: real FIFOs (mkfifo), /dev/zero, /dev/urandom,
// directories, and regular files one byte past their kind's limit. Each run
// must end on its own, well inside runCli's bound, with the error of its kind.
import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeFifo } from "../support/fifo.js";
import { runCli, type CliResult } from "../support/runCli.js";
import { useStsWorld } from "../support/stsWorld.js";

const t = useStsWorld();

// Bounded well below the test timeout: code that blocks on a FIFO or reads /dev/zero without end fails here.
// The limits stsctl documents for each kind of input file.
const POLICY_LIMIT = 64 * 1024;
const TOKEN_LIMIT = 20 * 1024;
const CONFIG_LIMIT = 16 * 1024 * 1024;

const cli = (args: string[], extra: Record<string, string> = {}) => runCli(args, { env: { ...t.w.env, ...extra }, timeoutMs: 15_000 });
const fifo = (name = "fifo") => makeFifo(join(t.w.home, name));
const POLICY = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}';
const webIdentity = (file: string) => ({ AWS_WEB_IDENTITY_TOKEN_FILE: file, AWS_ROLE_ARN: t.w.roles.dev });

function expectRefusal(r: CliResult, status: number, message: string, hint: string): void {
  expect(r.stderr).toContain(`error: ${message}`);
  expect(r.stderr).toContain(`hint: ${hint}`);
  expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
  expect(r.stdout).toBe("");
  expect(r.status).toBe(status);
  expect(t.sts.calls()).toBe(0);
}

describe("--policy", () => {
  it("refuses /dev/zero, a FIFO and a directory without reading them", async () => {
    const hint = "save the policy to a regular file, or pass it inline as JSON starting with {";
    expectRefusal(await cli(["assume", "dev", "--policy", "/dev/zero"]), 2, "--policy file /dev/zero is a character device, not a regular file", hint);
    const pipe = fifo();
    expectRefusal(await cli(["assume", "dev", "--policy", pipe]), 2, `--policy file ${pipe} is a FIFO (named pipe), not a regular file`, hint);
    expectRefusal(await cli(["assume", "dev", "--policy", t.w.home]), 2, `--policy file ${t.w.home} is a directory, not a regular file`, hint);
  });

  it("reads a policy file of exactly the limit and refuses one byte more, even if it is valid JSON", async () => {
    const file = join(t.w.home, "policy.json");
    writeFileSync(file, POLICY + " ".repeat(POLICY_LIMIT - POLICY.length));
    const ok = await cli(["assume", "dev", "--policy", file, "--no-cache", "--json"]);
    expect(ok.stderr).not.toContain("error");
    expect(ok.status).toBe(0);
    expect(t.sts.log[0]?.params.Policy).toBe(POLICY);
    t.sts.log.length = 0;
    appendFileSync(file, " ");
    expectRefusal(
      await cli(["assume", "dev", "--policy", file, "--no-cache"]),
      2,
      `--policy file ${file} is larger than 64 KiB`,
      "a session policy is at most 2,048 characters without whitespace",
    );
  });
});

describe("web identity token files", () => {
  const hint = "point web_identity_token_file / --token-file / AWS_WEB_IDENTITY_TOKEN_FILE at the regular file the token is written to";

  it("refuses AWS_WEB_IDENTITY_TOKEN_FILE=/dev/zero and a FIFO", async () => {
    expectRefusal(
      await cli(["assume", "--json"], webIdentity("/dev/zero")),
      8,
      "web identity token file /dev/zero is a character device, not a regular file",
      hint,
    );
    const pipe = fifo();
    expectRefusal(
      await cli(["credential-process", "(environment)"], webIdentity(pipe)),
      8,
      `web identity token file ${pipe} is a FIFO (named pipe), not a regular file`,
      hint,
    );
  });

  it("refuses --token-file and web_identity_token_file naming a FIFO", async () => {
    const pipe = fifo();
    expectRefusal(
      await cli(["oidc", "--token-file", pipe, "--role-arn", t.w.roles.dev, "--json"]),
      8,
      `web identity token file ${pipe} is a FIFO (named pipe), not a regular file`,
      hint,
    );
    appendFileSync(t.w.env.AWS_CONFIG_FILE!, `\n[profile ci]\nrole_arn = ${t.w.roles.dev}\nweb_identity_token_file = ${pipe}\n`);
    expectRefusal(await cli(["assume", "ci"]), 8, `web identity token file ${pipe} is a FIFO (named pipe), not a regular file`, hint);
  });

  it("refuses a token file one byte past 20 KiB", async () => {
    const file = join(t.w.home, "token");
    writeFileSync(file, "e".repeat(TOKEN_LIMIT + 1));
    expectRefusal(
      await cli(["assume", "--json"], webIdentity(file)),
      8,
      `web identity token file ${file} is larger than 20 KiB`,
      "a web identity token is at most 20,000 characters: check that the file holds only the OIDC ID token",
    );
  });
});

describe("shared config and credentials files", () => {
  it("refuses AWS_CONFIG_FILE=/dev/urandom and a FIFO, naming the variable to fix", async () => {
    const hint = "point AWS_CONFIG_FILE at a regular file, or unset it";
    expectRefusal(await cli(["whoami", "dev"], { AWS_CONFIG_FILE: "/dev/urandom" }), 3, "/dev/urandom is a character device, not a regular file", hint);
    const pipe = fifo();
    expectRefusal(await cli(["credential-process", "dev"], { AWS_CONFIG_FILE: pipe }), 3, `${pipe} is a FIFO (named pipe), not a regular file`, hint);
    expectRefusal(
      await cli(["env", "dev"], { AWS_SHARED_CREDENTIALS_FILE: pipe }),
      3,
      `${pipe} is a FIFO (named pipe), not a regular file`,
      "point AWS_SHARED_CREDENTIALS_FILE at a regular file, or unset it",
    );
  });

  it("refuses a FIFO at ~/.aws/credentials when no variable names it", async () => {
    const { AWS_CONFIG_FILE: _c, AWS_SHARED_CREDENTIALS_FILE: _s, ...env } = t.w.env;
    const path = join(t.w.home, ".aws", "credentials");
    rmSync(path);
    makeFifo(path);
    const r = await runCli(["whoami", "dev"], { env, timeoutMs: 15_000 });
    expectRefusal(r, 3, `${path} is a FIFO (named pipe), not a regular file`, "replace it with a regular file: stsctl reads only regular files");
  });

  it("reads a config file of exactly 16 MiB and refuses one byte more", async () => {
    const config = t.w.env.AWS_CONFIG_FILE!;
    const text = readFileSync(config, "utf8") + "#";
    writeFileSync(config, text + "x".repeat(CONFIG_LIMIT - Buffer.byteLength(text) - 1) + "\n");
    const ok = await cli(["whoami", "alice"]);
    expect(ok.stderr).toBe("");
    expect(ok.stdout).toBe(`${t.w.alice.arn}\n`);
    t.sts.log.length = 0;
    appendFileSync(config, "\n");
    expectRefusal(
      await cli(["whoami", "alice"]),
      3,
      `${config} is larger than 16 MiB`,
      "check that AWS_CONFIG_FILE names an AWS shared config or credentials file",
    );
  });
});

describe("saved SAML responses", () => {
  const hint = "save the SAMLResponse to a regular file, or pass --assertion-file - to read it from stdin";

  it("refuses --assertion-file naming a FIFO or /dev/zero", async () => {
    const pipe = fifo();
    expectRefusal(
      await cli(["saml", "--assertion-file", pipe, "--json"]),
      8,
      `the SAML response file ${pipe} is a FIFO (named pipe), not a regular file`,
      hint,
    );
    expectRefusal(
      await cli(["saml", "--assertion-file", "/dev/zero", "--json"]),
      8,
      "the SAML response file /dev/zero is a character device, not a regular file",
      hint,
    );
  });
});

describe("the current session file", () => {
  it("ignores a FIFO in its place and falls back to AWS_PROFILE", async () => {
    mkdirSync(t.w.env.STSCTL_CACHE_DIR!, { recursive: true, mode: 0o700 });
    makeFifo(join(t.w.env.STSCTL_CACHE_DIR!, "current-session.json"));
    const r = await cli(["env", "--shell", "bash"], { AWS_PROFILE: "dev" });
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^export AWS_ACCESS_KEY_ID='ASIA/m);
    expect(r.status).toBe(0);
  });
});
