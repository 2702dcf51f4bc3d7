// Faults a test can queue: the next matching request(s) fail the way a busy
// or broken AWS endpoint does.
import { StsError } from "./stsError.js";

export type FaultKind = "throttle" | "500" | "503" | "slow" | "drop";

export interface Fault {
  /** Only requests for this action; any action when absent. */
  action?: string;
  kind: FaultKind;
  /** For "slow": how long to hold the answer (default 1000 ms). */
  delayMs?: number;
  /** How many matching requests it affects (default 1; Infinity for all). */
  times?: number;
}

export class FaultQueue {
  private queue: Array<Required<Pick<Fault, "kind" | "times">> & Fault> = [];

  add(fault: Fault): void {
    const times = fault.times ?? 1;
    if (!(times > 0)) throw new Error("STS emulator: fault.times must be positive");
    this.queue.push({ ...fault, times });
  }

  clear(): void {
    this.queue = [];
  }

  /** The fault to apply to this request, consuming one of its uses. */
  take(action: string): Fault | undefined {
    const f = this.queue.find((q) => q.action === undefined || q.action === action);
    if (!f) return undefined;
    f.times -= 1;
    if (f.times <= 0) this.queue = this.queue.filter((q) => q !== f);
    return f;
  }
}

/** The AWS error a fault answers with; undefined for "slow" and "drop", which are not errors. */
export function faultError(kind: FaultKind): StsError | undefined {
  switch (kind) {
    case "throttle":
      return new StsError("Throttling", "Rate exceeded", 400);
    case "500":
      return new StsError("InternalFailure", "The request processing has failed because of an unknown error, exception or failure.", 500);
    case "503":
      return new StsError("ServiceUnavailable", "The request has failed due to a temporary failure of the server.", 503);
    default:
      return undefined;
  }
}
