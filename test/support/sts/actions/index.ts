// The action table: one line per STS action the emulator answers.
import { assumeRole } from "./assumeRole.js";
import { assumeRoleWithSaml } from "./assumeRoleWithSaml.js";
import { assumeRoleWithWebIdentity } from "./assumeRoleWithWebIdentity.js";
import { getCallerIdentity } from "./getCallerIdentity.js";
import { getFederationToken } from "./getFederationToken.js";
import { getSessionToken } from "./getSessionToken.js";
import type { ActionDef } from "./types.js";

export const actions: Record<string, ActionDef> = {
  GetCallerIdentity: getCallerIdentity,
  AssumeRole: assumeRole,
  GetSessionToken: getSessionToken,
  GetFederationToken: getFederationToken,
  AssumeRoleWithSAML: assumeRoleWithSaml,
  AssumeRoleWithWebIdentity: assumeRoleWithWebIdentity,
};
