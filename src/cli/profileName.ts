/** The profile a command acts on: argument, --profile, AWS_PROFILE, then "default" (STS-FACTS "Shared config"). */
export function profileName(arg: unknown, opts: Record<string, unknown>, env: NodeJS.ProcessEnv): string {
  return (typeof arg === "string" && arg) || (opts.profile as string | undefined) || env.AWS_PROFILE || "default";
}
