// Flag groups that several commands of the table (src/cli/commandTable.ts) share.
import type { FlagDecl } from "./commandDecl.js";

export const SHELLS = ["bash", "zsh", "fish", "powershell", "cmd"] as const;

/** Flags shared by every command that obtains a session. */
export const SESSION_FLAGS: readonly FlagDecl[] = [
  ["--duration <d>", "session length: 900, 15m, 1h, 1h30m, 36h"],
  ["--region <region>", "STS region (default: profile, AWS_REGION, us-east-1)"],
  ["--endpoint-url <url>", "STS endpoint (default: AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, profile endpoint_url)"],
  ["--mfa", "require MFA even if the profile does not"],
  ["--mfa-serial <arn>", "MFA device ARN or serial (default: the profile's mfa_serial)"],
  ["--token-code <code>", "the current 6-digit MFA code"],
  ["--no-cache", "neither read nor write the session cache"],
];

export const ROLE_FLAGS: readonly FlagDecl[] = [
  ["--role-arn <arn>", "assume this role on top of the profile's credentials"],
  ["--external-id <id>", "ExternalId for the role's trust policy"],
  ["--session-name <name>", "role session name (default: role_session_name, else stsctl-<user>)"],
  ["--policy <file|json>", "session policy (a file path or inline JSON)"],
  ["--policy-arn <arn>", "managed session policy ARN (repeatable)", { repeatable: true }],
  ["--tag <key=value>", "session tag (repeatable)", { repeatable: true }],
  ["--transitive-tag <key>", "make a tag transitive (repeatable)", { repeatable: true }],
  ["--source-identity <id>", "source identity to set on the session"],
];

export const OUTPUT_FLAGS: readonly FlagDecl[] = [
  ["--export", "print shell exports on stdout (for eval)"],
  ["--shell <shell>", "shell syntax for --export (default: detected)", { choices: SHELLS }],
  ["--json", "print the credentials as JSON on stdout"],
  ["--write [name]", "write the session to the credentials file as [name] (default: stsctl-<profile>)"],
  ["--force", "with --write: replace a section stsctl did not write"],
];
