// The contract every STS action implements. To add an action, write
// actions/<actionName>.ts exporting an ActionDef and add one line to the table
// in actions/index.ts.
import { StsError } from "../stsError.js";
import type { Params } from "../params.js";
import type { Caller, World } from "../world.js";

export interface ActionContext {
  world: World;
  params: Params;
  /** Who signed the request; always set for "sigv4" actions, undefined for "none". */
  caller: Caller | undefined;
  requestId: string;
}

export interface ActionDef {
  /**
   * "sigv4": the server verifies the signature against known keys and sessions
   * before calling handle (GetCallerIdentity, AssumeRole, ...).
   * "none": unsigned, the request's own proof is checked by the action
   * (AssumeRoleWithSAML, AssumeRoleWithWebIdentity).
   */
  auth: "sigv4" | "none";
  /** Parameters kept out of the emulator's call log (TokenCode, SAMLAssertion, WebIdentityToken are always dropped). */
  secretParams?: string[];
  /** Returns the inner XML of `<ActionResult>`; throw StsError for AWS errors. */
  handle(ctx: ActionContext): string | Promise<string>;
}

export function requireCaller(ctx: ActionContext): Caller {
  if (!ctx.caller) throw new StsError("InternalFailure", "STS emulator: signed action ran without a caller", 500);
  return ctx.caller;
}
