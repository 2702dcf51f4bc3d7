import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { credentialProcessLine } from "../../src/output/credentialProcessLine.js";

// The line names node and the script by absolute path, and botocore's own
// splitter gives the words back: compat_shell_split of the AWS CLI v2 in /usr/bin
// (its vendored awscli.botocore), as on POSIX (shlex.split) and on Windows
// (CommandLineToArgvW's rules).

function botocoreSplit(lines: string[], platform: "posix" | "windows"): string[][] {
  const script = `import json, sys; from awscli.botocore.compat import compat_shell_split as split; print(json.dumps([split(l, "${platform === "windows" ? "win32" : "linux"}") for l in json.load(sys.stdin)]))`;
  const r = spawnSync("/usr/bin/python3", ["-c", script], {
    input: JSON.stringify(lines),
    encoding: "utf8",
    env: { PATH: "/usr/bin:/bin", LC_ALL: "C.UTF-8" },
    timeout: 30_000,
  });
  expect(r.stderr).toBe("");
  return JSON.parse(r.stdout) as string[][];
}

const posix = { node: "/opt/node 20/bin/node", script: "/home/a b/stsctl/bin/stsctl", platform: "linux" as const };
const win = {
  node: "C:\\Program Files\\nodejs\\node.exe",
  script: "C:\\Users\\a b\\AppData\\Roaming\\npm\\node_modules\\stsctl\\bin\\stsctl",
  platform: "win32" as const,
};

describe("credentialProcessLine", () => {
  it("starts with the Node binary, then the script, so no PATH lookup is left", () => {
    expect(credentialProcessLine({ node: "/usr/bin/node", script: "/opt/stsctl/bin/stsctl", platform: "linux" }, "dev")).toBe(
      "/usr/bin/node /opt/stsctl/bin/stsctl credential-process dev",
    );
    expect(credentialProcessLine(posix, "-x")).toBe("'/opt/node 20/bin/node' '/home/a b/stsctl/bin/stsctl' credential-process -- -x");
  });

  it("POSIX: shlex.split gives back node, the script and the profile", () => {
    const names = ["dev", "it's", "a b", "semi;colon #hash ;x", "$(x)"];
    expect(
      botocoreSplit(
        names.map((n) => credentialProcessLine(posix, n)),
        "posix",
      ),
    ).toEqual(names.map((n) => [posix.node, posix.script, "credential-process", n]));
  });

  it("Windows: double quotes that botocore's Windows splitter (and cmd) read back word for word", () => {
    const names = ["dev", "a b", "a&b|c^d<e>", "trailing\\", "ünï 漢字"];
    const lines = names.map((n) => credentialProcessLine(win, n));
    expect(lines[0]).toBe(`"${win.node}" "${win.script}" credential-process dev`);
    expect(botocoreSplit(lines, "windows")).toEqual(names.map((n) => [win.node, win.script, "credential-process", n]));
  });

  it("Windows: refuses words cmd would change, with a hint", () => {
    for (const bad of ['q"uote', "100%", "bang!", "a #b", "a ;b", "a\nb"]) {
      expect(() => credentialProcessLine(win, bad), bad).toThrow(UsageError);
    }
    expect(() => credentialProcessLine(win, "100%")).toThrow(/cannot be written into a credential_process line on Windows/);
  });
});
