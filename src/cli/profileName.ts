/** The profile a command acts on: argument, --profile, AWS_PROFILE, then "default" (AWS CLI User Guide, "Named profiles"). */
export function profileName(arg: unknown, opts: { profile?: unknown }, env: NodeJS.ProcessEnv): string {
  return (typeof arg === "string" && arg) || (typeof opts.profile === "string" && opts.profile) || env.AWS_PROFILE || "default";
}
