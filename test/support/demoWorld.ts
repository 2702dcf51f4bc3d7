import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { StsEmulator } from "./sts/index.js";

export interface DemoWorld {
  home: string;
  /** Environment for running bin/stsctl in this world (no keychain: set STSCTL_KEYRING yourself to change). */
  env: Record<string, string>;
  alice: { arn: string; accessKeyId: string; secretAccessKey: string };
  mfa: { serial: string; seed: string };
  roles: Record<"dev" | "prodAdmin" | "prodRead" | "audit", string>;
}

export const ACCOUNT = "123456789012";

/**
 * A small company on the emulator, and a temporary HOME whose ~/.aws files
 * describe it: IAM user alice with a virtual MFA device; a Dev role she may
 * assume; ProdAdmin and ProdReadOnly roles that demand MFA (ProdAdmin allows
 * 12h sessions); and Audit, reachable only from a ProdAdmin session (a chain).
 */
export function createDemoWorld(sts: StsEmulator, opts: { home?: string } = {}): DemoWorld {
  const home = opts.home ?? mkdtempSync(join(tmpdir(), "stsctl-home-"));
  const alice = sts.addUser({ name: "alice" });
  const mfa = sts.addMfaDevice({ user: "alice" });
  const accountRoot = `arn:aws:iam::${ACCOUNT}:root`;
  const withMfa = { Bool: { "aws:MultiFactorAuthPresent": "true" } };
  const dev = sts.addRole({ name: "Dev", trust: [{ Principal: { AWS: alice.arn }, Action: ["sts:AssumeRole", "sts:TagSession"] }] });
  const prodAdmin = sts.addRole({
    name: "ProdAdmin",
    maxSessionDuration: 43200,
    trust: [{ Principal: { AWS: accountRoot }, Action: ["sts:AssumeRole", "sts:TagSession"], Condition: withMfa }],
  });
  const prodRead = sts.addRole({ name: "ProdReadOnly", trust: [{ Principal: { AWS: accountRoot }, Action: "sts:AssumeRole", Condition: withMfa }] });
  const audit = sts.addRole({ name: "Audit", trust: [{ Principal: { AWS: prodAdmin.arn }, Action: "sts:AssumeRole" }] });

  mkdirSync(join(home, ".aws"), { recursive: true, mode: 0o700 });
  writeFileSync(
    join(home, ".aws", "config"),
    [
      "# Written by the stsctl demo: a throwaway HOME, talking to a local STS emulator.",
      "[default]",
      "region = us-east-1",
      "",
      "[profile alice]",
      "region = us-east-1",
      "",
      "[profile dev]",
      `role_arn = ${dev.arn}`,
      "source_profile = alice",
      "",
      "[profile prod-admin]",
      `role_arn = ${prodAdmin.arn}`,
      "source_profile = alice",
      `mfa_serial = ${mfa.serial}`,
      "",
      "[profile prod-readonly]",
      `role_arn = ${prodRead.arn}`,
      "source_profile = alice",
      `mfa_serial = ${mfa.serial}`,
      "",
      "[profile audit]",
      `role_arn = ${audit.arn}`,
      "source_profile = prod-admin",
      "",
    ].join("\n"),
  );
  writeFileSync(join(home, ".aws", "credentials"), `[alice]\naws_access_key_id = ${alice.accessKeyId}\naws_secret_access_key = ${alice.secretAccessKey}\n`, {
    mode: 0o600,
  });
  const env: Record<string, string> = {
    HOME: home,
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    AWS_CONFIG_FILE: join(home, ".aws", "config"),
    AWS_SHARED_CREDENTIALS_FILE: join(home, ".aws", "credentials"),
    AWS_ENDPOINT_URL_STS: sts.url,
    AWS_EC2_METADATA_DISABLED: "true",
    STSCTL_CACHE_DIR: join(home, ".cache", "stsctl"),
    // Explicit, so a keyring harness's XDG_DATA_HOME never shares a file vault between tests.
    STSCTL_DATA_DIR: join(home, ".local", "share", "stsctl"),
    STSCTL_KEYRING: "none",
    // Key agents started by tests exit soon after their test.
    STSCTL_AGENT_TTL: "20",
    NO_COLOR: "1",
  };
  return { home, env, alice, mfa, roles: { dev: dev.arn, prodAdmin: prodAdmin.arn, prodRead: prodRead.arn, audit: audit.arn } };
}
