/** One role the assertion grants: the role and the IAM SAML provider that vouches for it. */
export interface SamlRole {
  roleArn: string;
  principalArn: string;
  accountId: string;
  /** The role's name without its IAM path. */
  roleName: string;
}

const ROLE = /^arn:aws(?:-us-gov|-cn)?:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;
const PROVIDER = /^arn:aws(?:-us-gov|-cn)?:iam::\d{12}:saml-provider\/[\w.-]{1,128}$/;

/**
 * Reads one value of the https://aws.amazon.com/SAML/Attributes/Role attribute:
 * "role_arn,provider_arn", in either order (IdPs differ). Undefined when the
 * value is not such a pair.
 */
export function parseRoleValue(value: string): SamlRole | undefined {
  const parts = value.split(",").map((s) => s.trim());
  if (parts.length !== 2) return undefined;
  const [a, b] = parts as [string, string];
  const [roleArn, principalArn] = ROLE.test(a) ? [a, b] : [b, a];
  const m = ROLE.exec(roleArn);
  if (!m || !PROVIDER.test(principalArn)) return undefined;
  return { roleArn, principalArn, accountId: m[1]!, roleName: m[2]! };
}

/** "123456789012 Admin", for lists and the picker. */
export function describeRole(r: SamlRole): string {
  return `${r.accountId} ${r.roleName}`;
}
