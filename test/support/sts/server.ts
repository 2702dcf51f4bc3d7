// HTTP front of the emulator: AWS Query protocol (POST form body or GET query
// string), one request → one action, XML out. Counts and logs every request
// that names an action, whatever its outcome.
import type { IncomingMessage, ServerResponse } from "node:http";
import { authenticate } from "./authenticate.js";
import { faultError, type FaultQueue } from "./inject.js";
import { newRequestId } from "./ids.js";
import type { Params } from "./params.js";
import type { RawRequest } from "./sigv4.js";
import { StsError } from "./stsError.js";
import { callerArn, type Caller, type World } from "./world.js";
import { errorXml, successXml } from "./xml.js";
import type { ActionDef } from "./actions/types.js";

export const API_VERSION = "2011-06-15";
const MAX_BODY_BYTES = 1024 * 1024;
const ALWAYS_SECRET = ["TokenCode", "SAMLAssertion", "WebIdentityToken"];

export interface CallRecord {
  action: string;
  ok: boolean;
  /** AWS error code when !ok ("drop" for a dropped connection). */
  code?: string;
  /** ARN of the signer, when the signature was verified. */
  caller?: string;
  /** Request parameters without secrets. */
  params: Record<string, string>;
  /** For InternalFailure raised by an emulator bug: what went wrong. */
  internalError?: string;
}

export interface ServerState {
  world: World;
  actions: Record<string, ActionDef>;
  faults: FaultQueue;
  record(r: CallRecord): void;
  /** Waits that "slow" faults hold; aborted when the emulator closes. */
  sleep(ms: number): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new StsError("RequestEntityTooLarge", "Request body too large", 413));
        req.destroy();
      } else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function requestParams(rawUrl: string, body: Buffer, contentType: string | undefined): Params {
  const out: Params = {};
  const q = rawUrl.indexOf("?");
  if (q >= 0) for (const [k, v] of new URLSearchParams(rawUrl.slice(q + 1))) out[k] = v;
  if (body.length > 0 && (!contentType || contentType.startsWith("application/x-www-form-urlencoded"))) {
    for (const [k, v] of new URLSearchParams(body.toString("utf8"))) out[k] = v;
  }
  return out;
}

function loggable(params: Params, def: ActionDef | undefined): Record<string, string> {
  const drop = new Set([...ALWAYS_SECRET, ...(def?.secretParams ?? [])]);
  return Object.fromEntries(Object.entries(params).filter(([k]) => !drop.has(k) && !k.startsWith("X-Amz-")));
}

/** Date is the emulator clock, as AWS's Date is AWS's: SDKs correct their clock skew from it. */
function send(res: ServerResponse, status: number, body: string, requestId: string, now: Date): void {
  res.writeHead(status, {
    "Content-Type": "text/xml",
    "Content-Length": Buffer.byteLength(body),
    "x-amzn-RequestId": requestId,
    Date: now.toUTCString(),
  });
  res.end(body);
}

export function createHandler(state: ServerState) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const requestId = newRequestId();
    let action = "";
    let params: Params = {};
    let def: ActionDef | undefined;
    let caller: Caller | undefined;
    const record = (r: Omit<CallRecord, "action" | "params" | "caller">) => {
      if (action !== "") state.record({ action, params: loggable(params, def), caller: caller && callerArn(caller), ...r });
    };
    try {
      const rawUrl = req.url ?? "/";
      const body = await readBody(req);
      params = requestParams(rawUrl, body, req.headers["content-type"]);
      action = params.Action ?? "";
      def = state.actions[action];
      if (action === "") throw new StsError("MissingAction", "Missing Action", 400);

      const fault = state.faults.take(action);
      if (fault?.kind === "drop") {
        record({ ok: false, code: "drop" });
        req.socket.destroy();
        return;
      }
      if (fault?.kind === "slow") await state.sleep(fault.delayMs ?? 1000);
      const injected = fault && faultError(fault.kind);
      if (injected) throw injected;

      if (!def || (params.Version !== undefined && params.Version !== API_VERSION)) {
        throw new StsError("InvalidAction", `Could not find operation ${action} for version ${params.Version ?? API_VERSION}`, 400);
      }
      if (params.Version === undefined) throw new StsError("MissingParameter", "A required parameter for the specified action is not supplied.", 400);
      if (req.method !== "POST" && req.method !== "GET") throw new StsError("InvalidHttpRequest", `Unsupported HTTP method ${req.method}`, 400);

      if (def.auth === "sigv4") {
        const raw: RawRequest = { method: req.method, rawUrl, rawHeaders: req.rawHeaders, body };
        caller = authenticate(state.world, raw);
      }
      const result = await def.handle({ world: state.world, params, caller, requestId });
      record({ ok: true });
      send(res, 200, successXml(action, result, requestId), requestId, state.world.clock.now());
    } catch (e) {
      const err =
        e instanceof StsError
          ? e
          : new StsError("InternalFailure", "The request processing has failed because of an unknown error, exception or failure.", 500);
      record({ ok: false, code: err.code, ...(e instanceof StsError ? {} : { internalError: String((e as Error)?.stack ?? e) }) });
      if (!res.headersSent && !req.socket.destroyed)
        send(res, err.status, errorXml(err.type, err.code, err.message, requestId), requestId, state.world.clock.now());
    }
  };
}
