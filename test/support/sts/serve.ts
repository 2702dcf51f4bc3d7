// Runs one emulator until interrupted: `npx tsx test/support/sts/serve.ts`.
// Prints the URL on stdout (first line) so scripts can read it.
import { startSts } from "./index.js";

const sts = await startSts();
process.stdout.write(`${sts.url}\n`);
process.stderr.write(`STS emulator listening on ${sts.url} (account ${sts.world.defaultAccountId}); Ctrl-C to stop\n`);
const stop = () => void sts.close().then(() => process.exit(0));
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
