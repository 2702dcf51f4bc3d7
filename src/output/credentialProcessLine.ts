// The credential_process value that `stsctl setup-profile` writes. Its two
// consumers split it differently: botocore with POSIX shlex.split
// (compat_shell_split in botocore/compat.py), the JS SDK by handing it to
// /bin/sh (child_process.exec in @aws-sdk/credential-provider-process). POSIX
// single quotes mean the same to both, so every word that is not plain is
// single-quoted, an embedded quote written '\''.

import { UsageError } from "../errors.js";

/** Words that mean themselves, unquoted, to sh and to shlex. */
const PLAIN = /^[\w@%+:,./-]+$/;

/** `SELF credential-process PROFILE`, splitting back to exactly those words in both consumers. */
export function credentialProcessLine(self: string, profile: string): string {
  // A leading "-" would be read as a flag: "--" ends the options (commander).
  const endOfOptions = profile.startsWith("-") ? " --" : "";
  return `${shellWord(self)} credential-process${endOfOptions} ${shellWord(profile)}`;
}

function shellWord(s: string): string {
  // A line break or NUL would end the INI value (and the C string of argv).
  if (/[\0\r\n]/.test(s)) {
    throw new UsageError(`${JSON.stringify(s)} cannot be written into a credential_process line`, {
      hint: "it contains a line break or a NUL character, which no INI value can hold",
    });
  }
  if (PLAIN.test(s)) return s;
  // The JS SDK's INI reader cuts a value at whitespace followed by "#" or ";"
  // (parseIni in @smithy/core's shared-ini-file-loader): an empty '' between
  // them, dropped by both splitters, keeps the value whole.
  return `'${s.replaceAll("'", `'\\''`)}'`.replace(/(\s)(?=[#;])/g, "$1''");
}
