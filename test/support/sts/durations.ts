// Session-length rules that need more than the API model's bounds.
import { validationError } from "./stsError.js";
import type { Role } from "./world.js";

export const CHAINING_LIMIT_MESSAGE = "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.";
export const MAX_SESSION_DURATION_MESSAGE = "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.";

export const ROLE_DEFAULT_SECONDS = 3600;
export const CHAINED_MAX_SECONDS = 3600;

/**
 * The duration a role session gets. `chained` means the caller used a role
 * session or a GetSessionToken session: AWS caps those at one hour.
 */
export function roleSessionSeconds(requested: number | undefined, role: Role, chained: boolean): number {
  const seconds = requested ?? ROLE_DEFAULT_SECONDS;
  if (chained && seconds > CHAINED_MAX_SECONDS) throw validationError(CHAINING_LIMIT_MESSAGE);
  if (seconds > role.maxSessionDuration) throw validationError(MAX_SESSION_DURATION_MESSAGE);
  return seconds;
}
