import { spawn, type ChildProcess } from "node:child_process";
import type { Socket } from "node:net";
import { HelperGone, onLines, type HelperReply, type HelperRequest } from "./keychainHelperProtocol.js";

export interface HelperClient {
  call(req: Omit<HelperRequest, "id">): Promise<HelperReply>;
  /** Kills the helper, whatever it is stuck in; the next call starts a new one. */
  stop(): void;
}

// What the helper must not inherit: secrets stsctl may have been given (they are no
// business of the keychain), and the caller's node flags (an --inspect port, a loader).
const NOT_INHERITED = /SECRET|TOKEN|PASSPHRASE|PASSWORD|^NODE_OPTIONS$/i;

/** How long an idle helper is kept for the next call (e.g. `set` after `get`), before it is let go. */
const IDLE_MS = 2000;

/**
 * The keychain helper (src/entry/keychainHelper.ts) of this process, started on the first
 * call with `node ...args`. While no call is pending it holds nothing open, so this
 * process exits as if it were not there (the helper then sees its stdin close and exits);
 * a process that lives on (`exec` running a long command) lets it go after IDLE_MS.
 */
export function keychainHelperClient(args: string[]): HelperClient {
  let child: ChildProcess | undefined;
  let nextId = 1;
  let idle: NodeJS.Timeout | undefined;
  const pending = new Map<number, { resolve: (r: HelperReply) => void; reject: (e: Error) => void }>();

  const hold = (on: boolean) => {
    if (!child) return;
    for (const h of [child, child.stdin as Socket | null, child.stdout as Socket | null]) {
      if (on) h?.ref();
      else h?.unref();
    }
  };

  const failAll = (err: HelperGone) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };

  function start(): ChildProcess {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !NOT_INHERITED.test(k)));
    const c = spawn(process.execPath, args, { stdio: ["pipe", "pipe", "ignore"], env, windowsHide: true });
    const gone = (why: string) => {
      if (child !== c) return; // already replaced after stop()
      child = undefined;
      failAll(new HelperGone(`stsctl's keychain helper ${why}`, false));
    };
    c.on("error", (e) => gone(`could not start: ${e.message}`));
    c.on("exit", (code, signal) => gone(signal ? `was killed (${signal})` : `exited (code ${code})`));
    c.stdin!.on("error", () => undefined); // a dead helper: reported by "exit"
    onLines(c.stdout!, (line) => {
      let reply: HelperReply;
      try {
        reply = JSON.parse(line) as HelperReply;
      } catch {
        return;
      }
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
      if (pending.size === 0) {
        hold(false);
        idle = setTimeout(() => {
          if (child !== c || pending.size > 0) return;
          child = undefined;
          c.stdin!.end();
        }, IDLE_MS).unref();
      }
      p.resolve(reply);
    });
    return c;
  }

  return {
    call(req) {
      clearTimeout(idle);
      child ??= start();
      const id = nextId++;
      const c = child;
      return new Promise<HelperReply>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        hold(true);
        c.stdin!.write(JSON.stringify({ ...req, id }) + "\n");
      });
    },
    stop() {
      hold(false);
      const c = child;
      child = undefined;
      c?.kill("SIGKILL");
      failAll(new HelperGone("stsctl's keychain helper was stopped: the keychain did not answer", true));
    },
  };
}
