import { ConfigError } from "../errors.js";

// Validators shared by the config reader and the command-line flags. Each
// returns the parsed value or throws a ConfigError naming where the value came from.

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const MFA_ARN = /^arn:aws[a-z-]*:iam::\d{12}:(mfa|u2f)\/[\w+=,.@/-]{1,512}$/;
const HARDWARE_SERIAL = /^[\w+=/:,.@-]{9,256}$/;
const SAML_PROVIDER_ARN = /^arn:aws[a-z-]*:iam::\d{12}:saml-provider\/[\w.-]{1,128}$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
// A region name goes into host names and the SigV4 scope: a DNS label, as
// botocore's validate_region_name accepts (1-63 letters, digits and hyphens,
// no hyphen at either end, not all digits), in lower case as AWS names regions.
const REGION = /^(?![0-9]+$)(?!-)[a-z0-9-]{1,63}(?<!-)$/;

export function fail(where: string, message: string, hint: string): never {
  throw new ConfigError(`${where}: ${message}`, { hint });
}

export function roleArn(value: string, where: string): string {
  if (!ROLE_ARN.test(value)) {
    fail(where, `"${value}" is not a role ARN`, "use the form arn:aws:iam::123456789012:role/NAME");
  }
  return value;
}

export function samlProviderArn(value: string, where: string): string {
  if (!SAML_PROVIDER_ARN.test(value)) {
    fail(where, `"${value}" is not a SAML provider ARN`, "use the form arn:aws:iam::123456789012:saml-provider/NAME");
  }
  return value;
}

export function mfaSerial(value: string, where: string): string {
  if (!MFA_ARN.test(value) && !HARDWARE_SERIAL.test(value)) {
    fail(
      where,
      `"${value}" is not an MFA device ARN or serial number`,
      "use the device ARN, e.g. arn:aws:iam::123456789012:mfa/alice (IAM console: Security credentials)",
    );
  }
  return value;
}

export function sessionName(value: string, where: string): string {
  if (!SESSION_NAME.test(value)) {
    fail(where, `"${value}" is not a valid role session name`, "use 2-64 characters from letters, digits and +=,.@_-");
  }
  return value;
}

/** `where` is a flag or file line, or an environment variable's name (then shown as NAME="value"). */
export function region(value: string, where: string): string {
  if (REGION.test(value)) return value;
  // JSON.stringify: a control character in the value is shown escaped, not sent to the terminal.
  const shown = JSON.stringify(value);
  if (/^[A-Z][A-Z0-9_]*$/.test(where)) {
    throw new ConfigError(`${where}=${shown} is not a valid region name`, { hint: `set ${where} to a region code such as us-east-1, or unset it` });
  }
  fail(where, `${shown} is not a valid region name`, "use a region code such as us-east-1");
}

export function integer(value: string, where: string): number {
  if (!/^\d+$/.test(value.trim())) fail(where, `"${value}" is not a whole number of seconds`, "use e.g. 3600");
  return Number(value.trim());
}

export function url(value: string, where: string): string {
  try {
    const u = new URL(value);
    if (u.protocol === "http:" || u.protocol === "https:") return value;
  } catch {
    // fall through
  }
  fail(where, `"${value}" is not an http(s) URL`, "use e.g. https://sts.us-east-1.amazonaws.com");
}

export function bool(value: string, where: string): boolean {
  const v = value.trim().toLowerCase();
  if (v === "true") return true;
  if (v === "false") return false;
  fail(where, `"${value}" is not true or false`, "use true or false");
}

/** `key1=value1,key2=value2` (the aws-vault form, also read by other tools). */
export function tags(value: string, where: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const eq = part.indexOf("=");
    if (eq <= 0) fail(where, `"${part}" is not key=value`, "write session_tags = Key1=Value1,Key2=Value2");
    out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}

export function list(value: string): string[] {
  return value
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function oneOf<T extends string>(value: string, allowed: readonly T[], where: string): T {
  const found = allowed.find((a) => a.toLowerCase() === value.trim().toLowerCase());
  if (!found) fail(where, `"${value}" is not one of ${allowed.join(", ")}`, `use one of ${allowed.join(", ")}`);
  return found;
}
