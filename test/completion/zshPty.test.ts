import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { startPty } from "../support/pty.js";
import { BIN } from "../support/runCli.js";
import { hasShell } from "../support/shells.js";

// Beyond loading: an interactive zsh in a real terminal, pressing Tab.

const COMPLETIONS = new URL("../../completions/", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "stsctl-zsh-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it.skipIf(!hasShell("zsh"))("completes a subcommand, a flag with its choices and profile names in interactive zsh", async () => {
  symlinkSync(BIN, join(dir, "stsctl"));
  writeFileSync(join(dir, "config"), "[profile prod-admin]\nregion = us-east-1\n[profile staging]\n");
  writeFileSync(join(dir, ".zshrc"), `fpath=('${COMPLETIONS}' $fpath)\nautoload -U compinit && compinit -u -d '${dir}/zcompdump'\nPS1='%% '\n`);
  const term = await startPty("zsh", ["-i"], {
    env: { PATH: `${dir}:${process.env.PATH ?? "/usr/bin:/bin"}`, HOME: dir, ZDOTDIR: dir, AWS_CONFIG_FILE: join(dir, "config"), TERM: "xterm-256color" },
  });
  try {
    await term.waitFor("% ");
    await term.send("stsctl as");
    await term.key("Tab");
    await term.waitFor("% stsctl assume ");
    await term.send("--sh");
    await term.key("Tab");
    await term.waitFor("% stsctl assume --shell=");
    await term.key("Tab");
    await term.waitFor(/powershell/);
    await term.key("C-u");
    await term.send("stsctl whoami ");
    await term.key("Tab");
    const screen = await term.waitFor(/prod-admin\s+staging/);
    expect(screen).not.toContain("command not found");
  } finally {
    await term.kill();
  }
});
