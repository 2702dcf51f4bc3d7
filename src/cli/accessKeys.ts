// Where `stsctl add` gets an IAM user's long-term keys, and the shape check
// every source goes through. Error messages never contain the secret.

import { UsageError } from "../errors.js";
import { registerSecret } from "../io/redact.js";
import { openTty, TtyReadError } from "../io/tty.js";

export interface AccessKeys {
  accessKeyId: string;
  secretAccessKey: string;
}

/** Long-term user keys: AKIA + 16 characters, and a 40-character secret. Temporary (ASIA) keys expire: refused. */
export function checkKeys(raw: { accessKeyId: string; secretAccessKey: string }, from: string): AccessKeys {
  const accessKeyId = raw.accessKeyId.trim();
  const secretAccessKey = raw.secretAccessKey.trim();
  registerSecret(secretAccessKey);
  if (/^ASIA/.test(accessKeyId)) {
    throw new UsageError(`the access key id from ${from} is a temporary one (ASIA…); stsctl add stores an IAM user's long-term keys (AKIA…)`, {
      hint: "temporary credentials expire: get sessions with stsctl assume or stsctl session-token instead",
    });
  }
  if (!/^AKIA[A-Z0-9]{16}$/.test(accessKeyId)) {
    throw new UsageError(`the access key id from ${from} does not look like one: expected AKIA and 16 capital letters or digits`, {
      hint: "copy the Access key ID shown by the IAM console (or aws iam create-access-key)",
    });
  }
  if (!/^[A-Za-z0-9/+]{40}$/.test(secretAccessKey)) {
    throw new UsageError(`the secret access key from ${from} does not look like one: expected 40 letters, digits, / or +`, {
      hint: "copy the whole Secret access key, with nothing around it",
    });
  }
  return { accessKeyId, secretAccessKey };
}

export function keysFromEnv(env: NodeJS.ProcessEnv): AccessKeys {
  const { AWS_ACCESS_KEY_ID: id, AWS_SECRET_ACCESS_KEY: secret, AWS_SESSION_TOKEN: token } = env;
  if (!id || !secret) {
    throw new UsageError("--from-env needs AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment", {
      hint: "set both, or leave out --from-env to be asked for them",
    });
  }
  if (token) {
    throw new UsageError("AWS_SESSION_TOKEN is set: the environment holds temporary credentials, not an IAM user's keys", {
      hint: "unset AWS_SESSION_TOKEN and set the user's own AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY",
    });
  }
  return checkKeys({ accessKeyId: id, secretAccessKey: secret }, "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY");
}

/** Asks on the terminal (never stdin or argv): the key id shown as typed, the secret hidden. */
export async function keysFromPrompt(profile: string): Promise<AccessKeys> {
  const tty = openTty();
  if (!tty) {
    throw new UsageError(`no terminal to ask for the keys of "${profile}" on`, {
      hint: `run it in a terminal, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY and run stsctl add ${profile} --from-env`,
    });
  }
  try {
    tty.write(`Access key ID for ${profile}: `);
    const accessKeyId = await tty.readLine();
    tty.write("Secret access key (hidden): ");
    const secretAccessKey = await tty.readLine({ hidden: true });
    return checkKeys({ accessKeyId, secretAccessKey }, "the prompt");
  } catch (e) {
    if (e instanceof TtyReadError) throw new UsageError(`no keys were typed (${e.message})`, { hint: `run stsctl add ${profile} again` });
    throw e;
  } finally {
    tty.close();
  }
}
