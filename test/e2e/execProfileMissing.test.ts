import { describe, expect, it } from "vitest";
import { runCli } from "../support/runCli.js";
import { useStsWorld } from "../support/stsWorld.js";

// `stsctl exec -- true`: commander would take "true" for the profile and report
// a missing command; the missing piece is the profile.

const t = useStsWorld();
const cli = (args: string[]) => runCli(args, { env: t.env });

describe("stsctl exec without a profile", () => {
  it("says the profile is missing and how to name it, whatever flags come first", async () => {
    for (const args of [
      ["exec", "--", "true"],
      ["exec", "--duration", "1h", "--", "aws", "s3", "ls"],
    ]) {
      const r = await cli(args);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toBe(
        "error: no profile given: stsctl exec takes the profile before --\nhint: name it first: stsctl exec PROFILE -- COMMAND [ARGS...] (stsctl list shows the profiles)\n",
      );
    }
  });

  it("says that the global --profile is not where exec takes it", async () => {
    const r = await cli(["--profile", "dev", "exec", "--", "true"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("error: no profile given: stsctl exec takes the profile before --\n");
    expect(r.stderr).toContain("hint: give it as the first argument, not --profile: stsctl exec dev -- COMMAND [ARGS...]\n");
  });

  it("still runs a command after a profile, and still asks for a missing command", async () => {
    const ok = await cli(["exec", "dev", "--", "true"]);
    expect(ok.status, ok.stderr).toBe(0);
    const none = await cli(["exec", "dev", "--"]);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain("no command given");
  });
});
