// Every HTTP call stsctl makes ends by one deadline (STSCTL_STS_TIMEOUT_MS,
// retries and the response body included), and a connection that fails below
// HTTP is a network error with a next step. The peers are raw TCP servers on
// 127.0.0.1 that misbehave on purpose, the STS emulator, and a TLS server.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { createServer as createHttpsServer } from "node:https";
import { createServer, type AddressInfo, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDemoWorld, type DemoWorld } from "../support/demoWorld.js";
import { removeTempDir } from "../support/removeTempDir.js";
import { runCli, type CliResult } from "../support/runCli.js";
import { startSts, type StsEmulator } from "../support/sts/index.js";

let sts: StsEmulator;
let w: DemoWorld;
const servers: Array<() => void> = [];
beforeEach(async () => {
  sts = await startSts();
  w = createDemoWorld(sts);
});
afterEach(async () => {
  for (const close of servers.splice(0)) close();
  await sts.close();
  removeTempDir(w.home);
});

// Far beyond the 1.5 s deadline, far below what the old idle-only timeouts took (30 s, or forever).
const BOUND_MS = 25_000;
const cli = (args: string[], extra: Record<string, string>): Promise<CliResult> => runCli(args, { env: { ...w.env, ...extra }, timeoutMs: BOUND_MS });

/** A TCP server on 127.0.0.1 that hands each connection to `onConnection`; closed after the test. */
async function rawServer(onConnection: (s: Socket) => void): Promise<string> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((s) => {
    sockets.add(s);
    s.on("error", () => undefined);
    s.on("close", () => sockets.delete(s));
    onConnection(s);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(() => {
    for (const s of sockets) s.destroy();
    server.close();
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Accepts, reads, never answers. */
const silent = () => rawServer(() => undefined);

/** Answers the first request with 200 and its headers, then one byte of body per second. */
const trickling = (contentType: string) =>
  rawServer((s) => {
    s.once("data", () => {
      s.write(`HTTP/1.1 200 OK\r\nContent-Type: ${contentType}\r\nContent-Length: 100000\r\n\r\n`);
      const timer = setInterval(() => s.write(" "), 1000);
      s.on("close", () => clearInterval(timer));
    });
  });

function expectDeadline(r: CliResult, message: string): void {
  expect(r.stdout).toBe("");
  expect(r.status, r.stderr).toBe(7);
  expect(r.stderr).toContain(message);
  expect(r.stderr).toContain("hint: check the endpoint and your network connection");
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe("STS calls end at the deadline", () => {
  it("an endpoint that accepts the connection and never answers: credential-process fails with the deadline", { timeout: 40_000 }, async () => {
    const url = await silent();
    const r = await cli(["credential-process", "dev"], { AWS_ENDPOINT_URL_STS: url, STSCTL_STS_TIMEOUT_MS: "1500" });
    expectDeadline(r, `error: ${url} did not answer AssumeRole in time: no complete answer within 1.5 s (STSCTL_STS_TIMEOUT_MS)`);
  });

  it("an endpoint that sends 200 and then its body one byte a second: assume fails with the deadline", { timeout: 40_000 }, async () => {
    const url = await trickling("text/xml");
    const r = await cli(["assume", "dev", "--no-cache"], { AWS_ENDPOINT_URL_STS: url, STSCTL_STS_TIMEOUT_MS: "1500" });
    expectDeadline(r, `error: ${url} did not answer AssumeRole in time: no complete answer within 1.5 s (STSCTL_STS_TIMEOUT_MS)`);
  });

  it("without STSCTL_STS_TIMEOUT_MS the deadline is 10 s", { timeout: 40_000 }, async () => {
    const url = await silent();
    const r = await cli(["assume", "dev", "--no-cache"], { AWS_ENDPOINT_URL_STS: url });
    expectDeadline(r, `error: ${url} did not answer AssumeRole in time: no complete answer within 10 s (STSCTL_STS_TIMEOUT_MS)`);
  });

  it.each(["0", "-5", "1.5", "soon", "99999999999"])("refuses STSCTL_STS_TIMEOUT_MS=%s before any call", async (value) => {
    const r = await cli(["assume", "dev", "--no-cache"], { STSCTL_STS_TIMEOUT_MS: value });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`STSCTL_STS_TIMEOUT_MS=${JSON.stringify(value)} is not a number of milliseconds from 1 to 3600000`);
    expect(sts.calls()).toBe(0);
  });
});

describe("OIDC provider calls end at the deadline", () => {
  const signIn = (issuer: string) =>
    cli(["oidc", "--issuer", issuer, "--client-id", "stsctl-cli", "--role-arn", "arn:aws:iam::123456789012:role/Person"], {
      STSCTL_STS_TIMEOUT_MS: "1500",
      STSCTL_BROWSER: "none",
    });

  it("a silent issuer: OpenID discovery fails with the deadline", { timeout: 40_000 }, async () => {
    const issuer = await silent();
    const r = await signIn(issuer);
    expectDeadline(r, `error: OpenID discovery for ${issuer}: ${issuer} did not answer in time: no complete answer within 1.5 s (STSCTL_STS_TIMEOUT_MS)`);
  });

  it("an issuer whose discovery document trickles in: fails with the deadline, not as a parse error", { timeout: 40_000 }, async () => {
    const issuer = await trickling("application/json");
    const r = await signIn(issuer);
    expectDeadline(r, `error: OpenID discovery for ${issuer}: ${issuer} did not answer in time: no complete answer within 1.5 s (STSCTL_STS_TIMEOUT_MS)`);
  });
});

describe("connections that fail below HTTP are network errors with a next step", () => {
  it("https:// to the emulator's plain-http port (EPROTO)", async () => {
    const url = `https://127.0.0.1:${sts.port}`;
    const r = await cli(["assume", "dev", "--no-cache"], { AWS_ENDPOINT_URL_STS: url });
    expect(r.stdout).toBe("");
    expect(r.status, r.stderr).toBe(7);
    expect(r.stderr).toContain(`error: cannot talk TLS to ${url} (EPROTO) for AssumeRole`);
    expect(r.stderr).toContain("hint: the endpoint's scheme or port is probably wrong");
    expect(r.stderr).not.toContain("bug in stsctl");
  });

  it.skipIf(!existsSync("/usr/bin/openssl"))("an https endpoint whose certificate nobody signed (DEPTH_ZERO_SELF_SIGNED_CERT)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "stsctl-tls-"));
    try {
      const [key, cert] = [join(dir, "key.pem"), join(dir, "cert.pem")];
      execFileSync(
        "/usr/bin/openssl",
        [
          "req",
          "-x509",
          "-newkey",
          "ec",
          "-pkeyopt",
          "ec_paramgen_curve:P-256",
          "-nodes",
          "-keyout",
          key,
          "-out",
          cert,
          "-days",
          "1",
          "-subj",
          "/CN=127.0.0.1",
          "-addext",
          "subjectAltName=IP:127.0.0.1",
        ],
        { stdio: "ignore" },
      );
      const server = createHttpsServer({ key: readFileSync(key), cert: readFileSync(cert) }, (_req, res) => res.end());
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      servers.push(() => {
        server.closeAllConnections();
        server.close();
      });
      const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const r = await cli(["assume", "dev", "--no-cache"], { AWS_ENDPOINT_URL_STS: url });
      expect(r.status, r.stderr).toBe(7);
      expect(r.stderr).toContain(`error: ${url} presented a TLS certificate that was refused (DEPTH_ZERO_SELF_SIGNED_CERT) for AssumeRole`);
      expect(r.stderr).toContain("NODE_EXTRA_CA_CERTS");
    } finally {
      removeTempDir(dir);
    }
  });
});
