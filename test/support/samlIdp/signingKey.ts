// A fresh RSA key and self-signed X.509 certificate for a test IdP: the key
// from node:crypto, the certificate from openssl (node cannot issue one).
import { execFileSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface SigningKey {
  /** PKCS#8 PEM. */
  privateKey: string;
  /** PEM certificate, as an IAM SAML provider's metadata would carry it. */
  certificate: string;
}

export function createSigningKey(commonName = "stsctl-test-idp"): SigningKey {
  const { privateKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  });
  const dir = mkdtempSync(join(tmpdir(), "stsctl-idp-key-"));
  try {
    const keyFile = join(dir, "key.pem");
    const certFile = join(dir, "cert.pem");
    writeFileSync(keyFile, privateKey, { mode: 0o600 });
    execFileSync("openssl", ["req", "-x509", "-new", "-key", keyFile, "-subj", `/CN=${commonName}`, "-days", "2", "-sha256", "-out", certFile], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    return { privateKey, certificate: readFileSync(certFile, "utf8") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
