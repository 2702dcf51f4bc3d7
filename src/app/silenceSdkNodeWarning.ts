/** The AWS SDK warns about Node 20 support on stderr (docs/aws-limits.md); stsctl's stderr is for the user. */
export function silenceSdkNodeWarning(): void {
  const emitWarning = process.emitWarning.bind(process);
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const text = typeof warning === "string" ? `${warning} ${JSON.stringify(rest)}` : `${warning.name} ${warning.message}`;
    if (text.includes("NodeVersionSupportWarning")) return;
    (emitWarning as (...a: unknown[]) => void)(warning, ...rest);
  }) as typeof process.emitWarning;
}
