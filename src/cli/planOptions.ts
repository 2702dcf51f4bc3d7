import { userInfo } from "node:os";
import * as f from "../config/fields.js";
import { UsageError } from "../errors.js";
import { readRegularFileSync } from "../io/readRegularFile.js";
import { parseDuration } from "../plan/durations.js";
import type { PlanOptions } from "../plan/plan.js";

/** Command-line flags → plan options, checked before anything touches the keychain, a file or STS. */
export function planOptions(opts: Record<string, unknown>, env: NodeJS.ProcessEnv, want: PlanOptions["want"]): PlanOptions {
  const s = (k: string) => (typeof opts[k] === "string" ? (opts[k] as string) : undefined);
  const arr = (k: string) => (Array.isArray(opts[k]) ? (opts[k] as string[]) : undefined);
  const flag = (name: string) => `--${name}`;
  const usage = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (e) {
      if (e instanceof Error && "hint" in e) throw new UsageError(e.message, { hint: (e as UsageError).hint });
      throw e;
    }
  };
  const out: PlanOptions = { want, env, defaultSessionName: defaultSessionName(env) };
  if (s("duration") !== undefined) out.duration = parseDuration(s("duration")!);
  if (opts.mfa === true) out.mfa = true;
  if (s("mfaSerial")) out.mfaSerial = usage(() => f.mfaSerial(s("mfaSerial")!, flag("mfa-serial")));
  if (s("roleArn")) out.roleArn = usage(() => f.roleArn(s("roleArn")!, flag("role-arn")));
  if (s("externalId")) out.externalId = s("externalId")!;
  if (s("sessionName")) out.sessionName = usage(() => f.sessionName(s("sessionName")!, flag("session-name")));
  if (s("region")) out.region = usage(() => f.region(s("region")!, flag("region")));
  if (s("endpointUrl")) out.endpointUrl = usage(() => f.url(s("endpointUrl")!, flag("endpoint-url")));
  if (s("sourceIdentity")) out.sourceIdentity = s("sourceIdentity")!;
  if (arr("policyArn")) out.policyArns = arr("policyArn")!.map((a) => policyArn(a));
  if (arr("tag")) out.tags = Object.fromEntries(arr("tag")!.map(tag));
  if (arr("transitiveTag")) out.transitiveTagKeys = arr("transitiveTag")!;
  if (s("policy")) out.policy = policy(s("policy")!);
  if (s("tokenCode") !== undefined && !/^\d{6}$/.test(s("tokenCode")!.trim())) {
    throw new UsageError("--token-code must be exactly 6 digits", { hint: "use the current code from your MFA device" });
  }
  return out;
}

/** Stable across runs, so cached sessions match; visible in CloudTrail as the person who ran it. */
export function defaultSessionName(env: NodeJS.ProcessEnv): string {
  let user = env.USER || env.USERNAME || "";
  try {
    user ||= userInfo().username;
  } catch {
    // no passwd entry (containers): fall through to the bare name
  }
  const clean = user.replace(/[^\w+=,.@-]/g, "-").slice(0, 57);
  return clean ? `stsctl-${clean}` : "stsctl";
}

function tag(kv: string): [string, string] {
  const eq = kv.indexOf("=");
  if (eq <= 0) throw new UsageError(`--tag "${kv}" is not KEY=VALUE`, { hint: "e.g. --tag Project=atlas" });
  return [kv.slice(0, eq), kv.slice(eq + 1)];
}

function policyArn(arn: string): string {
  if (!/^arn:aws[a-z-]*:iam::(\d{12}|aws):policy\/.+$/.test(arn)) {
    throw new UsageError(`--policy-arn "${arn}" is not an IAM policy ARN`, { hint: "e.g. arn:aws:iam::aws:policy/ReadOnlyAccess" });
  }
  return arn;
}

function policy(value: string): string {
  const text = value.trim().startsWith("{") ? value : readPolicyFile(value);
  try {
    JSON.parse(text);
  } catch {
    throw new UsageError("--policy is not valid JSON", { hint: "pass an IAM policy document, inline or as a file path" });
  }
  // STS counts the policy without whitespace against its limit.
  return JSON.stringify(JSON.parse(text));
}

/**
 * AWS takes at most 2,048 characters of session policy plaintext (AssumeRole
 * API reference, Policy); 64 KiB leaves ample room for indentation (dropped
 * before sending) and stops a device or a wrong file at once.
 */
const MAX_POLICY_FILE_BYTES = 64 * 1024;

function readPolicyFile(path: string): string {
  try {
    return readRegularFileSync(path, {
      maxBytes: MAX_POLICY_FILE_BYTES,
      refuse: (why) =>
        new UsageError(`--policy file ${path} ${why.text}`, {
          hint:
            why.kind === "too-large"
              ? "a session policy is at most 2,048 characters without whitespace: pass a smaller policy, or managed policies with --policy-arn"
              : "save the policy to a regular file, or pass it inline as JSON starting with {",
        }),
    }).toString("utf8");
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read --policy file ${path}: ${(e as NodeJS.ErrnoException).code ?? e}`, {
      hint: "pass a readable file or inline JSON starting with {",
    });
  }
}
