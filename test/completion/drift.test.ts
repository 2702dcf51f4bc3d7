import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildProgram } from "../../src/cli/buildProgram.js";
import { COMPLETION_FILES, COMPLETION_SHELLS, completionScript } from "../../src/completion/generate.js";
import { runCli } from "../support/runCli.js";

// The checked-in scripts are what the generator makes of the current command
// table, byte for byte. After changing src/cli/commandTable.ts: npx tsx scripts/gen-completions.mjs

const program = buildProgram({ version: "" });

describe.each(COMPLETION_SHELLS)("completions/ for %s", (shell) => {
  const file = new URL(`../../completions/${COMPLETION_FILES[shell]}`, import.meta.url);

  it("matches the generator", () => {
    const generated = completionScript(shell, program);
    const checkedIn = readFileSync(file, "utf8");
    expect(checkedIn === generated, `completions/${COMPLETION_FILES[shell]} is out of date: run npx tsx scripts/gen-completions.mjs`).toBe(true);
  });

  it("is what `stsctl completion` prints", async () => {
    const r = await runCli(["completion", shell], { env: { PATH: process.env.PATH ?? "" } });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(readFileSync(file, "utf8"));
  });
});

it("covers every visible command and flag of the table", () => {
  const bash = completionScript("bash", program);
  const topLevel = /^ {4}''\) echo '([^']*)' ;;$/m.exec(bash)![1]!.split(" ");
  for (const cmd of program.commands) {
    if (cmd.name().startsWith("__")) {
      expect(topLevel).not.toContain(cmd.name()); // hidden
      continue;
    }
    expect(topLevel).toContain(cmd.name());
    for (const o of cmd.options) if (o.long) expect(bash, `${cmd.name()} ${o.long}`).toContain(o.long);
  }
});
