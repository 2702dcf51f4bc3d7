// dist/main.js: the full command table (commander), each command a lazy chunk.
import { runEntry } from "../app/runEntry.js";

declare const STSCTL_VERSION: string;

runEntry(async (argv, ctx) => (await import("../cli/cli.js")).run(argv, { version: STSCTL_VERSION }, ctx));
