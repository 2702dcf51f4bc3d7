// The credential_process value that `stsctl setup-profile` writes. It names the
// Node binary and the stsctl script by absolute path: IDEs and GUI apps start the
// AWS CLI and SDKs with a minimal PATH, where `#!/usr/bin/env node` finds no node.
//
// Its two consumers split it differently. POSIX: botocore with shlex.split
// (compat_shell_split in botocore/compat.py), the JS SDK by handing it to
// /bin/sh (child_process.exec in @aws-sdk/credential-provider-process). POSIX
// single quotes mean the same to both, so every word that is not plain is
// single-quoted, an embedded quote written '\''. Windows: botocore splits as
// CommandLineToArgvW does (_windows_shell_split), the JS SDK runs the line with
// cmd.exe; double quotes mean the same to both, and cmd expands no metacharacter
// inside them but % (and ! under delayed expansion), so those are refused.

import { UsageError } from "../errors.js";

/** What runs stsctl: the Node binary and bin/stsctl, both absolute. */
export interface StsctlCommand {
  node: string;
  script: string;
  platform: NodeJS.Platform;
}

/** Words that mean themselves, unquoted, to sh and to shlex. */
const PLAIN = /^[\w@%+:,./-]+$/;
/** Words that mean themselves, unquoted, to cmd and to CommandLineToArgvW. */
const PLAIN_WIN = /^[\w@+:,./\\-]+$/;

/** `NODE SCRIPT credential-process PROFILE`, splitting back to exactly those words in both consumers. */
export function credentialProcessLine(cmd: StsctlCommand, profile: string): string {
  const word = cmd.platform === "win32" ? cmdWord : shellWord;
  // A leading "-" would be read as a flag: "--" ends the options (commander).
  const endOfOptions = profile.startsWith("-") ? " --" : "";
  return `${word(cmd.node)} ${word(cmd.script)} credential-process${endOfOptions} ${word(profile)}`;
}

function refuseLineBreaks(s: string): void {
  // A line break or NUL would end the INI value (and the C string of argv).
  if (/[\0\r\n]/.test(s)) {
    throw new UsageError(`${JSON.stringify(s)} cannot be written into a credential_process line`, {
      hint: "it contains a line break or a NUL character, which no INI value can hold",
    });
  }
}

function shellWord(s: string): string {
  refuseLineBreaks(s);
  if (PLAIN.test(s)) return s;
  // The JS SDK's INI reader cuts a value at whitespace followed by "#" or ";"
  // (parseIni in @smithy/core's shared-ini-file-loader): an empty '' between
  // them, dropped by both splitters, keeps the value whole.
  return `'${s.replaceAll("'", `'\\''`)}'`.replace(/(\s)(?=[#;])/g, "$1''");
}

function cmdWord(s: string): string {
  refuseLineBreaks(s);
  if (PLAIN_WIN.test(s)) return s;
  // No quoting hides " or % from cmd, and an empty "" cannot keep the INI reader
  // from cutting at whitespace before # or ; without changing the word for botocore.
  if (/["%!]|\s[#;]/.test(s)) {
    throw new UsageError(`${JSON.stringify(s)} cannot be written into a credential_process line on Windows`, {
      hint: 'cmd.exe would change a word with ", % or !, or a space before # or ;: rename the profile (or use a path without them)',
    });
  }
  // Backslashes before the closing quote would escape it (CommandLineToArgvW): double them.
  return `"${s.replace(/(\\+)$/, "$1$1")}"`;
}
