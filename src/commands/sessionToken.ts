import type { Ctx } from "../app/ctx.js";
import { runAndEmit } from "./assume.js";

/** stsctl session-token: GetSessionToken (usually with MFA) for an IAM user; cached, and reused as the MFA source of that user's roles. */
export default async function sessionToken(ctx: Ctx, args: unknown[], opts: Record<string, unknown>): Promise<number> {
  return runAndEmit(ctx, args, opts, "session-token");
}
