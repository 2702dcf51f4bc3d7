/**
 * The profile the environment names, and the variable that named it: AWS_PROFILE, then
 * AWS_DEFAULT_PROFILE, the AWS CLI v2's order (its botocore's `profile` setting).
 */
export function envProfile(env: NodeJS.ProcessEnv): { name: string; variable: "AWS_PROFILE" | "AWS_DEFAULT_PROFILE" } | undefined {
  if (env.AWS_PROFILE) return { name: env.AWS_PROFILE, variable: "AWS_PROFILE" };
  if (env.AWS_DEFAULT_PROFILE) return { name: env.AWS_DEFAULT_PROFILE, variable: "AWS_DEFAULT_PROFILE" };
  return undefined;
}

/** The profile a command acts on: argument, --profile, AWS_PROFILE, AWS_DEFAULT_PROFILE, then "default" (AWS CLI User Guide, "Named profiles"). */
export function profileName(arg: unknown, opts: { profile?: unknown }, env: NodeJS.ProcessEnv): string {
  return (typeof arg === "string" && arg) || (typeof opts.profile === "string" && opts.profile) || envProfile(env)?.name || "default";
}
