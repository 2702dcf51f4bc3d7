import type { Profile } from "../config/profile.js";

/** One AssumeRole call: the profile it comes from, its role, and whether --role-arn added it. */
export interface RoleHop {
  profile: Profile;
  roleArn: string;
  adHoc: boolean;
}

/** The role hops, nearest the base first; --role-arn adds one on top of the requested profile. */
export function roleHops(roles: Profile[], top: Profile, adHocRoleArn: string | undefined): RoleHop[] {
  const hops: RoleHop[] = roles.map((p) => ({ profile: p, roleArn: p.roleArn!, adHoc: false }));
  if (adHocRoleArn) hops.push({ profile: top, roleArn: adHocRoleArn, adHoc: true });
  return hops;
}
