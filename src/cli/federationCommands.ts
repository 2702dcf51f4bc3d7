// The federation commands of the table (src/cli/commandTable.ts): SAML and OIDC
// exchanges, with their flags and help. docs/saml.md and docs/oidc.md say more.
import type { CommandDecl } from "./commandDecl.js";
import { examples } from "./examples.js";
import { OUTPUT_FLAGS } from "./sharedFlags.js";

export const SAML_COMMAND: CommandDecl = {
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
};

export const OIDC_COMMAND: CommandDecl = {
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
      "stsctl oidc logout corp                         # sign out of corp's issuer (every profile on it)",
    ]) +
    "\nA sign-in (its refresh token) serves every profile on the same issuer and client; `stsctl clear` keeps it,\n" +
    "`stsctl oidc logout` ends it. For a profile named logout: stsctl oidc --profile logout.\n" +
    "\nDocs: docs/oidc.md (profile keys web_identity_token_file, web_identity_token_process, oidc_issuer, oidc_client_id, oidc_scopes, oidc_flow).\n",
  subcommands: [
    {
      name: "logout",
      description: "sign out of a profile's OpenID provider: revoke and forget the refresh token its issuer and client share",
      args: ["[profile]"],
      flags: [
        ["--issuer <url>", "sign out of this issuer instead of a profile's"],
        ["--client-id <id>", "with --issuer: the client signed in with (default: every client id the config names for it)"],
      ],
      helpAfter: examples(["stsctl oidc logout corp", "stsctl oidc logout --issuer https://login.example.com"]),
    },
  ],
};
