// The keychain helper process (dist/keychainHelper.cjs): the OS keychain calls of one
// stsctl process, run here because @napi-rs/keyring can block the thread that calls it
// (its entry constructor connects to D-Bus synchronously, and a stopped dbus-daemon
// never answers). No timer can interrupt a thread stuck in native code, and a worker
// thread stuck so keeps its process from exiting (process.exit joins it); a process
// can be killed, which src/store/keychainHelperClient.ts does at the call's deadline.
// Requests arrive one per line on stdin and are answered in order; it exits when stdin closes.
import type { Entry } from "@napi-rs/keyring";
import { onLines, type HelperReply, type HelperRequest } from "../store/keychainHelperProtocol.js";

let binding: typeof import("@napi-rs/keyring") | undefined;
// One per item: each holds its own D-Bus connection, reused by later calls.
const entries = new Map<string, Entry>();

async function answer(req: HelperRequest): Promise<HelperReply> {
  try {
    binding ??= await import("@napi-rs/keyring");
  } catch (e) {
    return { id: req.id, ok: false, unloadable: true, message: messageOf(e) };
  }
  const name = JSON.stringify([req.service, req.account]);
  try {
    let entry = entries.get(name);
    if (!entry) {
      // On Linux, require the Secret Service: the default silently falls back to the
      // kernel keyring, which forgets everything at reboot.
      entry = new binding.Entry(req.service, req.account, { linux: { store: "secret-service" } });
      entries.set(name, entry);
    }
    if (req.op === "get") return { id: req.id, ok: true, value: entry.getPassword() };
    if (req.op === "delete") return { id: req.id, ok: true, value: entry.deleteCredential() };
    entry.setPassword(req.secret ?? "");
    return { id: req.id, ok: true, value: null };
  } catch (e) {
    entries.delete(name); // its D-Bus connection may be dead: reconnect next time
    return { id: req.id, ok: false, message: messageOf(e) };
  }
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

let queue = Promise.resolve();
onLines(process.stdin, (line) => {
  let req: HelperRequest;
  try {
    req = JSON.parse(line) as HelperRequest;
  } catch {
    process.exit(2); // not stsctl on the other end
  }
  queue = queue.then(async () => void process.stdout.write(JSON.stringify(await answer(req)) + "\n"));
});
process.stdin.on("end", () => void queue.then(() => process.exit(0)));
