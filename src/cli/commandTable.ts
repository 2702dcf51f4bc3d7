// The command table: commands, flags and help, as data. It imports no command,
// so the completion scripts and `__complete` (src/commands/complete.ts) read it
// without loading what it declares; src/cli/cli.ts attaches the actions.
import type { CommandDecl } from "./commandDecl.js";
import { OUTPUT_FLAGS, ROLE_FLAGS, SESSION_FLAGS, SHELLS } from "./sharedFlags.js";

const examples = (lines: string[]) => `\nExamples:\n${lines.map((l) => `  $ ${l}`).join("\n")}\n`;

const COMMANDS: readonly CommandDecl[] = [
  {
    name: "plan",
    description: "show the steps stsctl would take for a profile, with durations and reasons (no network)",
    args: ["[profile]"],
    flags: [
      ["--duration <d>", "session length: 900, 15m, 1h, 1h30m, 36h"],
      ["--mfa", "require MFA even if the profile does not"],
      ["--mfa-serial <arn>", "MFA device ARN or serial"],
      ["--role-arn <arn>", "an ad-hoc role on top of the profile"],
      ["--region <region>", "STS region"],
      ["--endpoint-url <url>", "STS endpoint"],
      ["--json", "print the plan as JSON"],
    ],
    helpAfter: examples(["stsctl plan prod-admin", "stsctl plan prod-admin --duration 2h --json"]),
  },
  {
    name: "whoami",
    description: "show the identity a profile's credentials act as (GetCallerIdentity)",
    args: ["[profile]"],
    flags: [...SESSION_FLAGS, ["--json", "print the identity as JSON"]],
  },
  {
    name: "assume",
    description: "get a role (or MFA) session for a profile and cache it",
    args: ["[profile]"],
    flags: [...SESSION_FLAGS, ...ROLE_FLAGS, ...OUTPUT_FLAGS],
    helpAfter: examples([
      "stsctl assume prod-admin",
      "stsctl assume prod-admin --mfa --duration 8h",
      "stsctl assume dev --role-arn arn:aws:iam::123456789012:role/Audit",
    ]),
  },
  {
    name: "session-token",
    description: "get an MFA session for an IAM user (GetSessionToken), up to 36h",
    args: ["[profile]"],
    flags: [...SESSION_FLAGS, ...OUTPUT_FLAGS],
  },
  {
    name: "env",
    description: "print exports for a profile's session (default: the current session)",
    args: ["[profile]"],
    flags: [
      ...SESSION_FLAGS,
      ["--shell <shell>", "shell syntax (default: detected)", { choices: SHELLS }],
      ["--format <format>", "output format", { choices: [...SHELLS, "dotenv", "json"] }],
      ["--unset", "print commands that remove the session variables"],
    ],
    helpAfter: examples(['eval "$(stsctl env)"', 'eval "$(stsctl env prod-admin)"', "stsctl env prod --format dotenv > .env"]),
  },
  {
    name: "exec",
    description: "run a command with a profile's session in its environment",
    args: ["<profile>", "[command...]"],
    flags: [...SESSION_FLAGS, ...ROLE_FLAGS, ["--force", "allow running inside another stsctl exec"]],
    helpAfter: examples(["stsctl exec prod-admin -- terraform plan", "stsctl exec dev -- aws s3 ls"]),
  },
  {
    name: "credential-process",
    description: "print credentials as credential_process JSON, for AWS SDKs and the AWS CLI",
    args: ["<profile>"],
    flags: [
      ["--region <region>", "STS region"],
      ["--endpoint-url <url>", "STS endpoint"],
    ],
    helpAfter: "\nIn ~/.aws/config:\n  [profile prod-sdk]\n  credential_process = /path/to/stsctl credential-process prod-admin\n",
  },
  {
    name: "setup-profile",
    description: "add a credential_process profile for PROFILE to ~/.aws/config",
    args: ["<profile>"],
    flags: [
      ["--name <name>", "name of the new profile (default: <profile>-sdk)"],
      ["--force", "replace an existing profile of that name written by stsctl"],
    ],
  },
  {
    name: "saml",
    description: "sign in through a SAML identity provider (browser, or a saved response) and get a role session",
    args: ["[profile]"],
    flags: [
      ["--assertion-file <path>", "a saved SAMLResponse (base64 or XML); - reads it from stdin"],
      ["--browser", "sign in through a browser (the default for a profile with saml_url)"],
      ["--url <url>", "the IdP's sign-in URL for AWS (default: the profile's saml_url)"],
      ["--role-arn <arn>", "the role to take among those the IdP grants (default: saml_role_arn, the only one, or a picker)"],
      ["--principal-arn <arn>", "the IAM SAML provider ARN, if one role comes through several"],
      ["--duration <d>", "session length (default: the IdP's SessionDuration, else 1h)"],
      ["--region <region>", "STS region (default: profile, AWS_REGION, us-east-1)"],
      ["--endpoint-url <url>", "STS endpoint (default: AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, profile endpoint_url)"],
      ["--browser-path <path>", "Chrome, Chromium or Edge executable (default: saml_browser, else one found on this machine)"],
      ["--timeout <d>", "how long to wait for the browser sign-in (default: 5m)"],
      ["--no-browser-profile", "use a throwaway browser profile (the IdP will not remember you)"],
      ["--no-cache", "neither read nor write the session cache"],
      ...OUTPUT_FLAGS,
    ],
    helpAfter:
      examples([
        "stsctl saml corp                              # profile with saml_url: browser sign-in",
        "stsctl saml --url https://idp.example.com/aws --role-arn arn:aws:iam::123456789012:role/Dev",
        "pbpaste | stsctl saml --assertion-file - --export",
      ]) + "\nDocs: docs/saml.md (profile keys saml_url, saml_role_arn, saml_principal_arn, saml_browser).\n",
  },
  // Shell integration, completions, long-term keys in the keychain: docs/shell.md.
  {
    name: "shell-init",
    description: "print a shell function so that `stsctl assume` and `stsctl unset` change the current shell",
    args: [{ name: "<shell>", choices: ["bash", "zsh", "fish", "powershell"] }],
    helpAfter: examples([
      'eval "$(stsctl shell-init bash)"          # in ~/.bashrc (zsh: ~/.zshrc)',
      "stsctl shell-init fish | source           # in ~/.config/fish/config.fish",
    ]),
  },
  {
    name: "unset",
    description: "print commands that remove the session variables (the shell-init function runs them)",
    flags: [["--shell <shell>", "shell syntax (default: detected)", { choices: SHELLS }]],
  },
  {
    name: "completion",
    description: "print a completion script (subcommands, flags, profile names)",
    args: [{ name: "<shell>", choices: ["bash", "zsh", "fish"] }],
    helpAfter: examples(["source <(stsctl completion bash)          # in ~/.bashrc", "stsctl completion fish > ~/.config/fish/completions/stsctl.fish"]),
  },
  {
    name: "add",
    description: "store an IAM user's long-term keys in the OS keychain instead of ~/.aws/credentials",
    args: ["<profile>"],
    flags: [
      ["--from-env", "read AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY from the environment (default: ask on the terminal)"],
      ["--import", "move the profile's keys from the credentials file into the keychain"],
      ["--force", "replace keys already stored for the profile"],
    ],
    helpAfter: examples([
      "stsctl add alice                          # asks for the key id and (hidden) secret",
      "stsctl add --import alice                 # moves [alice] out of ~/.aws/credentials",
    ]),
  },
  { name: "remove", description: "delete a profile's long-term keys from the OS keychain", args: ["<profile>"] },
  // Data for the scripts above (profile names; the profile an assume acts on).
  { name: "__complete", args: ["<what>", "[args...]"], internal: true },
  {
    name: "oidc",
    description: "exchange an OIDC token (file, command, browser or device sign-in) for a role session (AssumeRoleWithWebIdentity)",
    args: ["[profile]"],
    flags: [
      ["--token-file <path>", "a file holding the token, read on every refresh (default: AWS_WEB_IDENTITY_TOKEN_FILE when no profile is named)"],
      ["--token-process <cmd>", "a command that prints the token on stdout"],
      ["--issuer <url>", "sign in at this OpenID provider (browser or device code)"],
      ["--client-id <id>", "the OIDC client id registered for stsctl at the issuer"],
      ["--scope <scope>", "scope to request (repeatable; openid is always included; add offline_access to stay signed in)", { repeatable: true }],
      ["--flow <flow>", "interactive sign-in: browser (loopback redirect) or device (code to enter elsewhere)", { choices: ["browser", "device"] }],
      ["--role-arn <arn>", "the role to assume (default: AWS_ROLE_ARN)"],
      ["--session-name <name>", "role session name (default: AWS_ROLE_SESSION_NAME, else the token's email or sub)"],
      ["--duration <d>", "session length: 15m to the role's maximum (default 1h)"],
      ["--region <region>", "STS region (default: profile, AWS_REGION, us-east-1)"],
      ["--endpoint-url <url>", "STS endpoint (default: AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, profile endpoint_url)"],
      ["--no-cache", "neither read nor write the session cache"],
      ...OUTPUT_FLAGS,
    ],
    helpAfter:
      examples([
        "stsctl oidc ci                                  # profile with web_identity_token_file + role_arn",
        "stsctl oidc --token-file /var/run/token --role-arn arn:aws:iam::123456789012:role/Deploy --export",
        "stsctl oidc --issuer https://login.example.com --client-id stsctl --scope offline_access --role-arn arn:aws:iam::123456789012:role/Dev",
      ]) + "\nDocs: docs/oidc.md (profile keys web_identity_token_file, web_identity_token_process, oidc_issuer, oidc_client_id, oidc_scopes, oidc_flow).\n",
  },
  { name: "list", description: "list profiles with their kind and cached session", flags: [["--json", "print as JSON"]] },
  {
    name: "clear",
    description: "remove cached sessions (and, with --write, a credentials-file section stsctl wrote)",
    args: ["[profile]"],
    flags: [
      ["--all", "remove every cached session"],
      ["--write [name]", "also remove section [name] (default: stsctl-<profile>) from the credentials file"],
      ["--force", "with --write: remove the section even if stsctl did not write it"],
    ],
  },
  {
    name: "mfa",
    description: "manage TOTP seeds of virtual MFA devices in the OS keychain",
    subcommands: [
      { name: "add", description: "store a device's TOTP seed (base32 or otpauth:// URI, read from stdin or a hidden prompt)", args: ["<serial>"] },
      { name: "code", description: "print the current code of a stored device", args: ["<serial>"] },
      { name: "remove", description: "delete a stored seed", args: ["<serial>"] },
    ],
  },
];

/** stsctl itself: its global flags and help, with every command under it. */
export const COMMAND_TABLE: CommandDecl = {
  name: "stsctl",
  description: "Short-lived AWS credentials from STS, for shells, child processes and every AWS SDK.",
  flags: [
    ["--profile <name>", "profile to use (default: AWS_PROFILE, then default)"],
    ["--debug", "log what stsctl does to stderr (secrets redacted)"],
  ],
  helpAfter:
    examples([
      "stsctl assume prod-admin --mfa         # MFA prompt, session cached",
      'eval "$(stsctl env)"                   # exports for the current session',
      "stsctl exec prod-admin -- terraform plan",
      "stsctl plan prod-admin                 # what would happen, and why",
    ]) +
    "\nExit codes: 0 ok, 1 internal error, 2 usage, 3 config, 4 AWS refused, 5 MFA, 6 keychain/cache,\n" +
    "7 network, 8 SAML/OIDC, 9 child process could not start, 130 interrupted.\n",
  subcommands: COMMANDS,
};
