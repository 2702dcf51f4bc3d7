// The command table: commands, flags and help, as data. It imports no command,
// so the completion scripts and `__complete` (src/commands/complete.ts) read it
// without loading what it declares; src/cli/cli.ts attaches the actions.
import type { CommandDecl } from "./commandDecl.js";
import { examples } from "./examples.js";
import { OIDC_COMMAND, SAML_COMMAND } from "./federationCommands.js";
import { OUTPUT_FLAGS, ROLE_FLAGS, SESSION_FLAGS, SHELLS } from "./sharedFlags.js";

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
    helpAfter: examples(["stsctl whoami                              # the current session, else the default profile", "stsctl whoami prod-admin --json"]),
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
    helpAfter: examples(["stsctl session-token alice --mfa --duration 12h", "stsctl session-token alice --token-code 123456 --export"]),
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
      ["--json", "print what was written as JSON on stdout"],
    ],
    helpAfter: examples([
      "stsctl setup-profile prod-admin                # writes [profile prod-admin-sdk]",
      "AWS_PROFILE=prod-admin-sdk terraform plan",
      "stsctl setup-profile dev --name dev-ide --json",
    ]),
  },
  SAML_COMMAND,
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
    helpAfter: examples([
      "stsctl unset                               # with the shell-init function",
      'eval "$(stsctl unset --shell bash)"       # without it',
    ]),
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
      ["--json", "print what was stored as JSON on stdout (never the secret)"],
    ],
    helpAfter: examples([
      "stsctl add alice                          # asks for the key id and (hidden) secret",
      "stsctl add --import alice                 # moves [alice] out of ~/.aws/credentials",
    ]),
  },
  {
    name: "remove",
    description: "delete a profile's long-term keys from the OS keychain",
    args: ["<profile>"],
    flags: [["--json", "print what was removed as JSON on stdout"]],
    helpAfter: examples(["stsctl remove alice", "stsctl remove alice --json"]),
  },
  // Data for the scripts above (profile names; the profile an assume acts on).
  { name: "__complete", args: ["<what>", "[args...]"], internal: true },
  OIDC_COMMAND,
  {
    name: "list",
    description: "list profiles with their kind and cached session",
    flags: [["--json", "print as JSON"]],
    helpAfter: examples(["stsctl list", "stsctl list --json"]),
  },
  {
    name: "clear",
    description: "remove cached sessions (and, with --write, a credentials-file section stsctl wrote)",
    args: ["[profile]"],
    flags: [
      ["--all", "remove every cached session"],
      ["--write [name]", "also remove section [name] (default: stsctl-<profile>) from the credentials file"],
      ["--force", "with --write: remove the section even if stsctl did not write it"],
      ["--json", "print what was removed as JSON on stdout"],
    ],
    helpAfter:
      examples([
        "stsctl clear prod-admin                    # the next use asks STS (and MFA) again",
        "stsctl clear --all                         # every session; stops the key agent",
        "stsctl clear prod-admin --write            # also removes [stsctl-prod-admin] from ~/.aws/credentials",
      ]) + "\nSessions only: an OIDC sign-in stays, for every profile on its issuer, until `stsctl oidc logout`.\n",
  },
  {
    name: "doctor",
    description: "check the setup: config files, profiles, credential_process lines, keychain, key agent, STS, clock, shell function",
    flags: [["--json", "print the checks as JSON on stdout"]],
    helpAfter:
      examples(["stsctl doctor", "stsctl doctor --profile prod-admin      # STS endpoint and region of that profile", "stsctl doctor --json"]) +
      "\nEach line: ok, warn or fail, what was checked, what was found; a fix under each warn and fail.\n" +
      "Exit code: 0 when no check failed, else the first failure's: 3 config or credential_process,\n" +
      "6 keychain or key agent, 7 STS unreachable, 4 clock more than 5 minutes off.\n",
  },
  {
    name: "mfa",
    description: "manage TOTP seeds of virtual MFA devices in the OS keychain",
    subcommands: [
      {
        name: "add",
        description: "store a device's TOTP seed (base32 or otpauth:// URI, read from stdin or a hidden prompt)",
        args: ["<serial>"],
        flags: [["--json", "print what was stored as JSON on stdout (never the seed)"]],
      },
      {
        name: "code",
        description: "print the current code of a stored device",
        args: ["<serial>"],
        flags: [["--json", "print the code and until when it is valid as JSON"]],
      },
      { name: "remove", description: "delete a stored seed", args: ["<serial>"], flags: [["--json", "print what was removed as JSON on stdout"]] },
    ],
    helpAfter: examples([
      "stsctl mfa add arn:aws:iam::123456789012:mfa/alice < seed.txt",
      "stsctl mfa code arn:aws:iam::123456789012:mfa/alice",
      "stsctl mfa remove arn:aws:iam::123456789012:mfa/alice",
    ]),
  },
];

/** stsctl itself: its global flags and help, with every command under it. */
export const COMMAND_TABLE: CommandDecl = {
  name: "stsctl",
  description: "Short-lived AWS credentials from STS, for shells, child processes and every AWS SDK.",
  flags: [
    ["--profile <name>", "profile to use (default: the session in use, AWS_PROFILE, AWS_DEFAULT_PROFILE, then default)"],
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
