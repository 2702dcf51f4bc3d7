// Regenerates the checked-in completion scripts from the command table:
//   npx tsx scripts/gen-completions.mjs
// test/completion/drift.test.ts fails until this has been run after a change to src/cli/commandTable.ts.
import { writeFileSync } from "node:fs";
import { buildProgram } from "../src/cli/buildProgram.ts";
import { COMPLETION_FILES, COMPLETION_SHELLS, completionScript } from "../src/completion/generate.ts";

const program = buildProgram({ version: "" });
for (const shell of COMPLETION_SHELLS) {
  const file = new URL(`../completions/${COMPLETION_FILES[shell]}`, import.meta.url);
  writeFileSync(file, completionScript(shell, program));
  console.log(`wrote completions/${COMPLETION_FILES[shell]}`);
}
