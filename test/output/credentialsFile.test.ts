import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse as parseIni } from "ini";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError, UsageError } from "../../src/errors.js";
import { EXPIRATION_KEY, STSCTL_MARKER } from "../../src/output/credentialsSection.js";
import { removeCredentialsSection, writeCredentialsSection } from "../../src/output/credentialsFile.js";
import { runTs, waitExit, waitForLine } from "./fixtures/runTs.js";

const now = new Date("2026-11-22T12:00:00Z");
const session = {
  accessKeyId: "ASIASESSIONEXAMPLE",
  secretAccessKey: "wJalr/K7MDENG+bPxRfiCY=",
  sessionToken: "IQoJb3JpZ2luX2VjE//+tok==",
  expiration: new Date("2026-11-22T13:00:00.250Z"),
};

// Hand-written: comments, odd spacing, CRLF, long-term keys, no final line break.
const handWritten = [
  "# my credentials",
  "[default]",
  "aws_access_key_id=AKIADEFAULTEXAMPLE",
  "aws_secret_access_key = default/secret",
  "",
  "; work account, long-term keys",
  "[work]",
  "aws_access_key_id\t=  AKIAWORKEXAMPLE",
  "aws_secret_access_key = work/secret",
].join("\r\n");

let home: string;
let file: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), "stsctl-credfile-"));
  file = join(home, ".aws", "credentials");
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const mode = (p: string) => statSync(p).mode & 0o777;

function aws(args: string[]): { stdout: string; stderr: string; status: number | null } {
  const config = join(home, "aws-config");
  if (!existsSync(config)) writeFileSync(config, "");
  const r = spawnSync("/usr/bin/aws", args, {
    encoding: "utf8",
    timeout: 30_000,
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: home,
      AWS_SHARED_CREDENTIALS_FILE: file,
      AWS_CONFIG_FILE: config,
      AWS_EC2_METADATA_DISABLED: "true",
    },
  });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

describe("writeCredentialsSection", () => {
  it("creates a missing file 0600 with the marker, the keys and the expiry", async () => {
    await writeCredentialsSection(file, "prod-admin-session", session, { now, home });
    expect(mode(file)).toBe(0o600);
    expect(mode(join(home, ".aws"))).toBe(0o700);
    expect(readFileSync(file, "utf8")).toBe(
      [
        "[prod-admin-session]",
        STSCTL_MARKER,
        `aws_access_key_id = ${session.accessKeyId}`,
        `aws_secret_access_key = ${session.secretAccessKey}`,
        `aws_session_token = ${session.sessionToken}`,
        `${EXPIRATION_KEY} = 2026-11-22T13:00:00Z`,
        "",
      ].join("\n"),
    );
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it("is read by the AWS CLI v2, next to hand-written sections it leaves byte for byte", async () => {
    mkdirSync(join(home, ".aws"), { mode: 0o700 });
    writeFileSync(file, handWritten, { mode: 0o644 });
    await writeCredentialsSection(file, "prod-admin-session", session, { now, home });
    const text = readFileSync(file, "utf8");
    expect(text.startsWith(handWritten + "\r\n\r\n[prod-admin-session]\r\n")).toBe(true);
    expect(text.replaceAll("\r\n", "")).not.toContain("\n");
    expect(mode(file)).toBe(0o600);

    const get = aws(["configure", "get", "aws_access_key_id", "--profile", "prod-admin-session"]);
    expect(get).toMatchObject({ status: 0, stdout: `${session.accessKeyId}\n` });
    expect(aws(["configure", "get", EXPIRATION_KEY, "--profile", "prod-admin-session"]).stdout).toBe("2026-11-22T13:00:00Z\n");
    const exported = aws(["configure", "export-credentials", "--profile", "prod-admin-session", "--format", "env"]);
    expect(exported.stderr).toBe("");
    expect(exported.stdout).toBe(
      `export AWS_ACCESS_KEY_ID=${session.accessKeyId}\n` +
        `export AWS_SECRET_ACCESS_KEY=${session.secretAccessKey}\n` +
        `export AWS_SESSION_TOKEN=${session.sessionToken}\n`,
    );
    expect(aws(["configure", "get", "aws_access_key_id", "--profile", "work"]).stdout).toBe("AKIAWORKEXAMPLE\n");
  }, 60_000);

  it("replaces its own section in place on a second write", async () => {
    mkdirSync(join(home, ".aws"), { mode: 0o700 });
    writeFileSync(file, handWritten + "\r\n", { mode: 0o600 });
    await writeCredentialsSection(file, "s", session, { now, home });
    const first = readFileSync(file, "utf8");
    await writeCredentialsSection(file, "s", { ...session, sessionToken: "second" }, { now, home });
    const second = readFileSync(file, "utf8");
    expect(second).toBe(first.replace(`aws_session_token = ${session.sessionToken}`, "aws_session_token = second"));
  });

  it("refuses to overwrite a section it did not write (long-term keys) unless forced", async () => {
    mkdirSync(join(home, ".aws"), { mode: 0o700 });
    writeFileSync(file, handWritten, { mode: 0o600 });
    const err = await writeCredentialsSection(file, "work", session, { now, home }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).message).toBe(`section [work] in ${file} was not written by stsctl; refusing to replace it`);
    expect((err as ConfigError).hint).toContain("--force");
    expect(readFileSync(file, "utf8")).toBe(handWritten);

    await writeCredentialsSection(file, "work", session, { now, home, force: true });
    const parsed = parseIni(readFileSync(file, "utf8"));
    expect(parsed.work).toMatchObject({ aws_access_key_id: session.accessKeyId });
    expect(parsed.default).toMatchObject({ aws_access_key_id: "AKIADEFAULTEXAMPLE" });
    // Now it is stsctl's: no force needed any more.
    await writeCredentialsSection(file, "work", session, { now, home });
  });

  it("refuses expired credentials, bad names, non-UTF-8 files and duplicated sections, writing nothing", async () => {
    await expect(writeCredentialsSection(file, "s", session, { now: new Date("2027-01-01T00:00:00Z"), home })).rejects.toThrow(UsageError);
    await expect(writeCredentialsSection(file, "a]b", session, { now, home })).rejects.toThrow(UsageError);
    expect(existsSync(join(home, ".aws"))).toBe(false);

    mkdirSync(join(home, ".aws"), { mode: 0o700 });
    const latin1 = Buffer.from("# caf\xe9\n[default]\naws_access_key_id = AKIAX\n", "latin1");
    writeFileSync(file, latin1);
    await expect(writeCredentialsSection(file, "s", session, { now, home })).rejects.toThrow(/not valid UTF-8/);
    expect(readFileSync(file).equals(latin1)).toBe(true);

    const dup = "[s]\nk = 1\n[s]\nk = 2\n";
    writeFileSync(file, dup);
    await expect(writeCredentialsSection(file, "s", session, { now, home, force: true })).rejects.toThrow(/appears 2 times/);
    expect(readFileSync(file, "utf8")).toBe(dup);
  });

  it("refuses a credentials file that is a symlink out of the home directory", async () => {
    const outside = mkdtempSync(join(tmpdir(), "stsctl-outside-"));
    try {
      writeFileSync(join(outside, "credentials"), "[x]\n");
      mkdirSync(join(home, ".aws"));
      symlinkSync(join(outside, "credentials"), file);
      await expect(writeCredentialsSection(file, "s", session, { now, home })).rejects.toThrow(/outside your home/);
      expect(readFileSync(join(outside, "credentials"), "utf8")).toBe("[x]\n");
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe("removeCredentialsSection", () => {
  it("removes its own section losslessly; false when absent; never creates the file", async () => {
    expect(await removeCredentialsSection(file, "s", { home })).toBe(false);
    expect(existsSync(file)).toBe(false);

    mkdirSync(join(home, ".aws"), { mode: 0o700 });
    writeFileSync(file, handWritten + "\r\n", { mode: 0o600 });
    await writeCredentialsSection(file, "s", session, { now, home });
    expect(await removeCredentialsSection(file, "s", { home })).toBe(true);
    expect(readFileSync(file, "utf8")).toBe(handWritten + "\r\n");
    expect(await removeCredentialsSection(file, "s", { home })).toBe(false);
  });

  it("refuses to remove a section it did not write unless forced", async () => {
    mkdirSync(join(home, ".aws"), { mode: 0o700 });
    writeFileSync(file, handWritten, { mode: 0o600 });
    await expect(removeCredentialsSection(file, "work", { home })).rejects.toThrow(/not written by stsctl/);
    expect(readFileSync(file, "utf8")).toBe(handWritten);
    expect(await removeCredentialsSection(file, "work", { home, force: true })).toBe(true);
    expect(parseIni(readFileSync(file, "utf8"))).toEqual({
      default: { aws_access_key_id: "AKIADEFAULTEXAMPLE", aws_secret_access_key: "default/secret" },
    });
  });
});

describe("concurrent writers", () => {
  it("10 processes writing their own sections at once lose none of them", async () => {
    mkdirSync(join(home, ".aws"), { mode: 0o700 });
    writeFileSync(file, handWritten + "\r\n", { mode: 0o600 });
    const names = Array.from({ length: 10 }, (_, i) => `writer${i}`);
    const children = names.map((n) => runTs("writeSectionChild.ts", [file, n, home], { HOME: home }));
    try {
      await Promise.all(children.map((c) => waitForLine(c, "ready", 60_000)));
      const done = children.map((c) => waitForLine(c, "done", 60_000));
      for (const c of children) c.stdin.write("go\n"); // release them together
      await Promise.all(done);
      expect(await Promise.all(children.map(waitExit))).toEqual(names.map(() => 0));
    } finally {
      for (const c of children) c.kill("SIGKILL");
    }
    const text = readFileSync(file, "utf8");
    expect(text.startsWith(handWritten + "\r\n")).toBe(true);
    const parsed = parseIni(text);
    for (const n of names) {
      expect(parsed[n]).toMatchObject({ aws_access_key_id: `ASIA${n.toUpperCase()}`, aws_session_token: `token-${n}-5` });
    }
    expect(Object.keys(parsed).sort()).toEqual(["default", "work", ...names].sort());
    expect(mode(file)).toBe(0o600);
    expect(readdirSync(join(home, ".aws")).sort()).toEqual(["credentials"]);
  }, 120_000);
});
