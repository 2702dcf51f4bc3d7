import { ReadStream, WriteStream } from "node:tty";
import { openTtyFds, PromptInterruptedError } from "../../io/tty.js";
import type { SamlRole } from "./samlRoles.js";

/**
 * A type-to-filter role picker drawn on the terminal itself (/dev/tty, never
 * stdout, which may be captured by eval), or undefined when there is no terminal.
 * The prompt library loads only when a choice is really needed.
 */
export function terminalRolePicker(platform: NodeJS.Platform = process.platform): ((roles: SamlRole[]) => Promise<SamlRole>) | undefined {
  const probe = openTtyFds(platform);
  if (!probe) return undefined;
  probe.close();
  return async (roles) => {
    const fds = openTtyFds(platform);
    if (!fds) throw new PromptInterruptedError();
    const input = new ReadStream(fds.input);
    const output = new WriteStream(fds.output);
    try {
      const { search } = await import("@inquirer/prompts");
      const width = Math.max(...roles.map((r) => r.roleName.length));
      return await search<SamlRole>(
        {
          message: "Choose an AWS role (type to filter)",
          pageSize: 12,
          source: (term) => {
            const t = (term ?? "").toLowerCase();
            return roles
              .filter((r) => !t || `${r.accountId} ${r.roleName} ${r.roleArn}`.toLowerCase().includes(t))
              .map((r) => ({ value: r, name: `${r.accountId}  ${r.roleName.padEnd(width)}`, description: r.roleArn, short: `${r.accountId} ${r.roleName}` }));
          },
        },
        { input, output, clearPromptOnDone: false },
      );
    } catch (e) {
      if ((e as Error)?.name === "ExitPromptError" || (e as Error)?.name === "AbortPromptError") throw new PromptInterruptedError();
      throw e;
    } finally {
      // The streams own the descriptors: destroying them closes both.
      input.destroy();
      output.destroy();
    }
  };
}
