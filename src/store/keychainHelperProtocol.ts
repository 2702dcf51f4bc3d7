// Between stsctl and its keychain helper process (src/entry/keychainHelper.ts): one JSON
// object per line each way. A `set`'s secret travels on this pipe, never in argv or
// the environment.

export type KeychainOp = "get" | "set" | "delete";

export interface HelperRequest {
  id: number;
  op: KeychainOp;
  service: string;
  account: string;
  secret?: string;
}

export type HelperReply =
  | { id: number; ok: true; value: string | boolean | null }
  /** `unloadable`: the native binding itself could not be loaded (not a keychain answer). */
  | { id: number; ok: false; message: string; unloadable?: true };

/** The helper died before answering: `stopped` when its parent killed it (a call hung). */
export class HelperGone extends Error {
  constructor(
    message: string,
    readonly stopped: boolean,
  ) {
    super(message);
  }
}

/** Calls `fn` with each complete line that arrives on `stream`. */
export function onLines(stream: NodeJS.ReadableStream, fn: (line: string) => void): void {
  let buffered = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    buffered += chunk;
    for (let end = buffered.indexOf("\n"); end >= 0; end = buffered.indexOf("\n")) {
      const line = buffered.slice(0, end);
      buffered = buffered.slice(end + 1);
      if (line) fn(line);
    }
  });
}
