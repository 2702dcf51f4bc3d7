import { FederationError } from "../../errors.js";
import { describeRole, type SamlRole } from "./samlRoles.js";

export interface RoleChoice {
  /** --role-arn, else the profile's saml_role_arn. */
  roleArn?: string;
  /** --principal-arn, else saml_principal_arn: needed only when one role comes through two providers. */
  principalArn?: string;
  /** Where roleArn came from, for messages ("--role-arn", "saml_role_arn of profile x"). */
  source?: string;
  /** An interactive picker, when there is a terminal; undefined otherwise. */
  pick?: (roles: SamlRole[]) => Promise<SamlRole>;
}

/** The role to assume: the one asked for, the only one, or the user's pick. */
export async function chooseRole(roles: SamlRole[], c: RoleChoice): Promise<SamlRole> {
  if (roles.length === 0) {
    throw new FederationError("the SAML response grants no AWS role", {
      hint: "your IdP must send the attribute https://aws.amazon.com/SAML/Attributes/Role with values role_arn,saml_provider_arn; ask its administrator",
    });
  }
  let candidates = roles;
  if (c.principalArn) candidates = candidates.filter((r) => r.principalArn === c.principalArn);
  if (c.roleArn) {
    candidates = candidates.filter((r) => r.roleArn === c.roleArn);
    if (candidates.length === 0) {
      throw new FederationError(`${c.roleArn} (from ${c.source ?? "--role-arn"}) is not among the roles the SAML response grants`, {
        hint: `choose one of: ${roles.map((r) => r.roleArn).join(", ")}`,
      });
    }
  } else if (candidates.length === 0) {
    throw new FederationError(`no role in the SAML response comes through ${c.principalArn}`, {
      hint: `the response names these providers: ${[...new Set(roles.map((r) => r.principalArn))].join(", ")}`,
    });
  }
  if (candidates.length === 1) return candidates[0]!;
  if (c.pick) return c.pick(candidates);
  if (c.roleArn) {
    throw new FederationError(`${c.roleArn} comes through ${candidates.length} SAML providers and there is no terminal to choose one`, {
      hint: `pass --principal-arn (or set saml_principal_arn), one of: ${candidates.map((r) => r.principalArn).join(", ")}`,
    });
  }
  throw new FederationError(
    `the SAML response grants ${candidates.length} roles and there is no terminal to choose one: ${candidates.map(describeRole).join(", ")}`,
    { hint: `pass --role-arn (or set saml_role_arn in the profile) to one of: ${candidates.map((r) => r.roleArn).join(", ")}` },
  );
}
