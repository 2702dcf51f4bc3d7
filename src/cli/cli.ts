// The command table: declares commands, flags and help only. Each action
// lazy-imports its module, so a command loads just what it uses.
import { Command, CommanderError, Option } from "commander";
import { ExitCode, UsageError } from "../errors.js";
import type { Ctx } from "../app/ctx.js";

type Action = (ctx: Ctx, args: unknown[], opts: Record<string, unknown>) => Promise<number | void>;
type Loader = () => Promise<{ default: Action }>;

const collect = (v: string, prev: string[] = []) => [...prev, v];
const SHELLS = ["bash", "zsh", "fish", "powershell", "cmd"];

/** Flags shared by every command that obtains a session. */
function sessionFlags(c: Command): Command {
  return c
    .option("--duration <d>", "session length: 900, 15m, 1h, 1h30m, 36h")
    .option("--region <region>", "STS region (default: profile, AWS_REGION, us-east-1)")
    .option("--endpoint-url <url>", "STS endpoint (default: AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, profile endpoint_url)")
    .option("--mfa", "require MFA even if the profile does not")
    .option("--mfa-serial <arn>", "MFA device ARN or serial (default: the profile's mfa_serial)")
    .option("--token-code <code>", "the current 6-digit MFA code")
    .option("--no-cache", "neither read nor write the session cache");
}

function roleFlags(c: Command): Command {
  return c
    .option("--role-arn <arn>", "assume this role on top of the profile's credentials")
    .option("--external-id <id>", "ExternalId for the role's trust policy")
    .option("--session-name <name>", "role session name (default: role_session_name, else stsctl-<user>)")
    .option("--policy <file|json>", "session policy (a file path or inline JSON)")
    .option("--policy-arn <arn>", "managed session policy ARN (repeatable)", collect)
    .option("--tag <key=value>", "session tag (repeatable)", collect)
    .option("--transitive-tag <key>", "make a tag transitive (repeatable)", collect)
    .option("--source-identity <id>", "source identity to set on the session");
}

function outputFlags(c: Command): Command {
  return c
    .option("--export", "print shell exports on stdout (for eval)")
    .addOption(new Option("--shell <shell>", "shell syntax for --export (default: detected)").choices(SHELLS))
    .option("--json", "print the credentials as JSON on stdout")
    .option("--write [name]", "write the session to the credentials file as [name] (default: stsctl-<profile>)")
    .option("--force", "with --write: replace a section stsctl did not write");
}

const examples = (lines: string[]) => `\nExamples:\n${lines.map((l) => `  $ ${l}`).join("\n")}\n`;

export function buildProgram(meta: { version: string }, ctx: () => Ctx, setExit: (code: number) => void): Command {
  const program = new Command("stsctl")
    .description("Short-lived AWS credentials from STS, for shells, child processes and every AWS SDK.")
    .version(meta.version, "-V, --version")
    .option("--profile <name>", "profile to use (default: AWS_PROFILE, then default)")
    .option("--debug", "log what stsctl does to stderr (secrets redacted)")
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({ outputError: () => {} })
    .addHelpText(
      "after",
      examples([
        "stsctl assume prod-admin --mfa         # MFA prompt, session cached",
        'eval "$(stsctl env)"                   # exports for the current session',
        "stsctl exec prod-admin -- terraform plan",
        "stsctl plan prod-admin                 # what would happen, and why",
      ]) +
        "\nExit codes: 0 ok, 1 internal error, 2 usage, 3 config, 4 AWS refused, 5 MFA, 6 keychain/cache,\n" +
        "7 network, 8 SAML/OIDC, 9 child process could not start, 130 interrupted.\n",
    );

  const add = (cmd: Command, load: Loader) => {
    cmd.action(async (...all: unknown[]) => {
      const self = all.at(-1) as Command;
      const args = all.slice(0, -2);
      const mod = await load();
      const code = await mod.default(ctx(), args, self.optsWithGlobals());
      setExit(typeof code === "number" ? code : 0);
    });
    cmd.copyInheritedSettings(program);
    program.addCommand(cmd);
  };

  add(
    new Command("plan")
      .description("show the steps stsctl would take for a profile, with durations and reasons (no network)")
      .argument("[profile]")
      .option("--duration <d>", "session length: 900, 15m, 1h, 1h30m, 36h")
      .option("--mfa", "require MFA even if the profile does not")
      .option("--mfa-serial <arn>", "MFA device ARN or serial")
      .option("--role-arn <arn>", "an ad-hoc role on top of the profile")
      .option("--region <region>", "STS region")
      .option("--endpoint-url <url>", "STS endpoint")
      .option("--json", "print the plan as JSON")
      .addHelpText("after", examples(["stsctl plan prod-admin", "stsctl plan prod-admin --duration 2h --json"])),
    () => import("../commands/plan.js"),
  );
  add(
    sessionFlags(new Command("whoami").description("show the identity a profile's credentials act as (GetCallerIdentity)").argument("[profile]"))
      .option("--json", "print the identity as JSON"),
    () => import("../commands/whoami.js"),
  );
  add(
    outputFlags(roleFlags(sessionFlags(new Command("assume").description("get a role (or MFA) session for a profile and cache it").argument("[profile]"))))
      .addHelpText("after", examples(["stsctl assume prod-admin", "stsctl assume prod-admin --mfa --duration 8h", "stsctl assume dev --role-arn arn:aws:iam::123456789012:role/Audit"])),
    () => import("../commands/assume.js"),
  );
  add(
    outputFlags(sessionFlags(new Command("session-token").description("get an MFA session for an IAM user (GetSessionToken), up to 36h").argument("[profile]"))),
    () => import("../commands/sessionToken.js"),
  );
  add(
    sessionFlags(new Command("env").description("print exports for a profile's session (default: the current session)").argument("[profile]"))
      .addOption(new Option("--shell <shell>", "shell syntax (default: detected)").choices(SHELLS))
      .addOption(new Option("--format <format>", "output format").choices([...SHELLS, "dotenv", "json"]))
      .option("--unset", "print commands that remove the session variables")
      .addHelpText("after", examples(['eval "$(stsctl env)"', 'eval "$(stsctl env prod-admin)"', "stsctl env prod --format dotenv > .env"])),
    () => import("../commands/env.js"),
  );
  add(
    roleFlags(sessionFlags(new Command("exec").description("run a command with a profile's session in its environment").argument("<profile>").argument("[command...]")))
      .option("--force", "allow running inside another stsctl exec")
      .addHelpText("after", examples(["stsctl exec prod-admin -- terraform plan", "stsctl exec dev -- aws s3 ls"])),
    () => import("../commands/exec.js"),
  );
  add(
    new Command("credential-process")
      .description("print credentials as credential_process JSON, for AWS SDKs and the AWS CLI")
      .argument("<profile>")
      .option("--region <region>", "STS region")
      .option("--endpoint-url <url>", "STS endpoint")
      .addHelpText("after", "\nIn ~/.aws/config:\n  [profile prod-sdk]\n  credential_process = /path/to/stsctl credential-process prod-admin\n"),
    () => import("../commands/credentialProcess.js"),
  );
  add(
    new Command("setup-profile")
      .description("add a credential_process profile for PROFILE to ~/.aws/config")
      .argument("<profile>")
      .option("--name <name>", "name of the new profile (default: <profile>-sdk)")
      .option("--force", "replace an existing profile of that name written by stsctl"),
    () => import("../commands/setupProfile.js"),
  );
  add(
    outputFlags(
      new Command("saml")
        .description("sign in through a SAML identity provider (browser, or a saved response) and get a role session")
        .argument("[profile]")
        .option("--assertion-file <path>", "a saved SAMLResponse (base64 or XML); - reads it from stdin")
        .option("--browser", "sign in through a browser (the default for a profile with saml_url)")
        .option("--url <url>", "the IdP's sign-in URL for AWS (default: the profile's saml_url)")
        .option("--role-arn <arn>", "the role to take among those the IdP grants (default: saml_role_arn, the only one, or a picker)")
        .option("--principal-arn <arn>", "the IAM SAML provider ARN, if one role comes through several")
        .option("--duration <d>", "session length (default: the IdP's SessionDuration, else 1h)")
        .option("--region <region>", "STS region (default: profile, AWS_REGION, us-east-1)")
        .option("--endpoint-url <url>", "STS endpoint (default: AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, profile endpoint_url)")
        .option("--browser-path <path>", "Chrome, Chromium or Edge executable (default: saml_browser, else one found on this machine)")
        .option("--timeout <d>", "how long to wait for the browser sign-in (default: 5m)")
        .option("--no-browser-profile", "use a throwaway browser profile (the IdP will not remember you)")
        .option("--no-cache", "neither read nor write the session cache"),
    ).addHelpText(
      "after",
      examples([
        "stsctl saml corp                              # profile with saml_url: browser sign-in",
        "stsctl saml --url https://idp.example.com/aws --role-arn arn:aws:iam::123456789012:role/Dev",
        "pbpaste | stsctl saml --assertion-file - --export",
      ]) + "\nDocs: docs/saml.md (profile keys saml_url, saml_role_arn, saml_principal_arn, saml_browser).\n",
    ),
    () => import("../commands/saml.js"),
  );
  // Shell integration, completions, long-term keys in the keychain: docs/shell.md.
  const shellArg = (c: Command, shells: string[]) => c.addArgument(c.createArgument("<shell>").choices(shells));
  add(
    shellArg(new Command("shell-init"), ["bash", "zsh", "fish", "powershell"])
      .description("print a shell function so that `stsctl assume` and `stsctl unset` change the current shell")
      .addHelpText("after", examples(['eval "$(stsctl shell-init bash)"          # in ~/.bashrc (zsh: ~/.zshrc)', "stsctl shell-init fish | source           # in ~/.config/fish/config.fish"])),
    () => import("../commands/shellInit.js"),
  );
  add(
    new Command("unset")
      .description("print commands that remove the session variables (the shell-init function runs them)")
      .addOption(new Option("--shell <shell>", "shell syntax (default: detected)").choices(SHELLS)),
    () => import("../commands/unset.js"),
  );
  add(
    shellArg(new Command("completion"), ["bash", "zsh", "fish"])
      .description("print a completion script (subcommands, flags, profile names)")
      .addHelpText("after", examples(["source <(stsctl completion bash)          # in ~/.bashrc", "stsctl completion fish > ~/.config/fish/completions/stsctl.fish"])),
    () => import("../commands/completion.js"),
  );
  add(
    new Command("add")
      .description("store an IAM user's long-term keys in the OS keychain instead of ~/.aws/credentials")
      .argument("<profile>")
      .option("--from-env", "read AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY from the environment (default: ask on the terminal)")
      .option("--import", "move the profile's keys from the credentials file into the keychain")
      .option("--force", "replace keys already stored for the profile")
      .addHelpText("after", examples(["stsctl add alice                          # asks for the key id and (hidden) secret", "stsctl add --import alice                 # moves [alice] out of ~/.aws/credentials"])),
    () => import("../commands/keys.js").then((m) => ({ default: m.addKeys })),
  );
  add(new Command("remove").description("delete a profile's long-term keys from the OS keychain").argument("<profile>"), () =>
    import("../commands/keys.js").then((m) => ({ default: m.removeKeysCommand })),
  );
  // Hidden: data for the scripts above (profile names; the profile an assume acts on).
  const helper = new Command("__complete").argument("<what>").argument("[args...]").allowUnknownOption();
  helper.copyInheritedSettings(program);
  helper.helpOption(false).action(async (what: string, rest: string[], _o: unknown, self: Command) => {
    setExit((await (await import("../commands/complete.js")).default(ctx(), [what, rest], self.optsWithGlobals())) ?? 0);
  });
  program.addCommand(helper, { hidden: true });
  // [saml command]
  add(
    outputFlags(
      new Command("oidc")
        .description("exchange an OIDC token (file, command, browser or device sign-in) for a role session (AssumeRoleWithWebIdentity)")
        .argument("[profile]")
        .option("--token-file <path>", "a file holding the token, read on every refresh (default: AWS_WEB_IDENTITY_TOKEN_FILE when no profile is named)")
        .option("--token-process <cmd>", "a command that prints the token on stdout")
        .option("--issuer <url>", "sign in at this OpenID provider (browser or device code)")
        .option("--client-id <id>", "the OIDC client id registered for stsctl at the issuer")
        .option("--scope <scope>", "scope to request (repeatable; openid is always included; add offline_access to stay signed in)", collect)
        .addOption(new Option("--flow <flow>", "interactive sign-in: browser (loopback redirect) or device (code to enter elsewhere)").choices(["browser", "device"]))
        .option("--role-arn <arn>", "the role to assume (default: AWS_ROLE_ARN)")
        .option("--session-name <name>", "role session name (default: AWS_ROLE_SESSION_NAME, else the token's email or sub)")
        .option("--duration <d>", "session length: 15m to the role's maximum (default 1h)")
        .option("--region <region>", "STS region (default: profile, AWS_REGION, us-east-1)")
        .option("--endpoint-url <url>", "STS endpoint (default: AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, profile endpoint_url)")
        .option("--no-cache", "neither read nor write the session cache"),
    ).addHelpText(
      "after",
      examples([
        "stsctl oidc ci                                  # profile with web_identity_token_file + role_arn",
        "stsctl oidc --token-file /var/run/token --role-arn arn:aws:iam::123456789012:role/Deploy --export",
        "stsctl oidc --issuer https://login.example.com --client-id stsctl --scope offline_access --role-arn arn:aws:iam::123456789012:role/Dev",
      ]) + "\nDocs: docs/oidc.md (profile keys web_identity_token_file, web_identity_token_process, oidc_issuer, oidc_client_id, oidc_scopes, oidc_flow).\n",
    ),
    () => import("../commands/oidc.js"),
  );
  // [oidc command]
  add(new Command("list").description("list profiles with their kind and cached session").option("--json", "print as JSON"), () => import("../commands/list.js"));
  add(
    new Command("clear")
      .description("remove cached sessions (and, with --write, a credentials-file section stsctl wrote)")
      .argument("[profile]")
      .option("--all", "remove every cached session")
      .option("--write [name]", "also remove section [name] (default: stsctl-<profile>) from the credentials file")
      .option("--force", "with --write: remove the section even if stsctl did not write it"),
    () => import("../commands/clear.js"),
  );
  const mfa = new Command("mfa").description("manage TOTP seeds of virtual MFA devices in the OS keychain");
  mfa.addCommand(
    new Command("add").description("store a device's TOTP seed (base32 or otpauth:// URI, read from stdin or a hidden prompt)").argument("<serial>")
      .action(async (serial: string, _o, self: Command) => setExit((await (await import("../commands/mfa.js")).mfaAdd(ctx(), serial, self.optsWithGlobals())) ?? 0)),
  );
  mfa.addCommand(
    new Command("code").description("print the current code of a stored device").argument("<serial>")
      .action(async (serial: string, _o, self: Command) => setExit((await (await import("../commands/mfa.js")).mfaCode(ctx(), serial, self.optsWithGlobals())) ?? 0)),
  );
  mfa.addCommand(
    new Command("remove").description("delete a stored seed").argument("<serial>")
      .action(async (serial: string, _o, self: Command) => setExit((await (await import("../commands/mfa.js")).mfaRemove(ctx(), serial, self.optsWithGlobals())) ?? 0)),
  );
  mfa.copyInheritedSettings(program);
  for (const sub of mfa.commands) sub.copyInheritedSettings(program);
  program.addCommand(mfa);
  return program;
}

export async function run(argv: string[], meta: { version: string }, ctx: () => Ctx): Promise<number> {
  let exit = 0;
  const program = buildProgram(meta, ctx, (c) => (exit = c));
  try {
    await program.parseAsync(argv, { from: "user" });
    return exit;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.exitCode === 0 || e.code === "commander.helpDisplayed" || e.code === "commander.version") return 0;
      // No command at all: the help went to stderr, and the call was a usage error.
      if (e.code === "commander.help") return ExitCode.usage;
      const execOption = argv[0] === "exec" && e.code === "commander.unknownOption";
      throw new UsageError(e.message.replace(/^error: /, ""), {
        hint: execOption ? "put the command after --, e.g. stsctl exec PROFILE -- ls -la" : "see stsctl --help, or stsctl <command> --help",
      });
    }
    throw e;
  }
}
