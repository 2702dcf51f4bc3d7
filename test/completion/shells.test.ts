import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BIN } from "../support/runCli.js";
import { hasShell, runShell } from "../support/shells.js";

// The checked-in scripts loaded into real shells. Profile names come from a
// temporary config at completion time, through `stsctl` found on PATH.

const COMPLETIONS = new URL("../../completions/", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "stsctl-compl-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
symlinkSync(BIN, join(dir, "stsctl"));
const config = join(dir, "config");
// `cost$center` would expand if the script ever ran a name through the shell.
writeFileSync(config, "[default]\nregion = us-east-1\n[profile prod-admin]\nregion = us-east-1\n[profile prod-readonly]\n[profile cost$center]\n");
const env = { PATH: `${dir}:${process.env.PATH ?? "/usr/bin:/bin"}`, AWS_CONFIG_FILE: config };

describe.skipIf(!hasShell("bash"))("bash", () => {
  // COMP_WORDS as bash would split the line (it splits --flag=value at "="), the cursor on the last word.
  const cases: Array<[words: string[], expected: string[]]> = [
    [["stsctl", "as"], ["assume"]],
    [
      ["stsctl", "se"],
      ["session-token", "setup-profile"],
    ],
    [["stsctl", "assume", "--sh"], ["--shell"]],
    [["stsctl", "assume", "--shell", "z"], ["zsh"]],
    [["stsctl", "env", "--format", "=", "d"], ["dotenv"]],
    [
      ["stsctl", "assume", "prod"],
      ["prod-admin", "prod-readonly"],
    ],
    [["stsctl", "assume", "--duration", "1h", "c"], ["cost$center"]],
    [["stsctl", "assume", "prod-admin", ""], []],
    [["stsctl", "--profile", "d"], ["default"]],
    [
      ["stsctl", "mfa", ""],
      ["add", "code", "remove", "help"],
    ],
    [["stsctl", "add", "--i"], ["--import"]],
    [["stsctl", "mfa", "add", "--i"], []],
    [["stsctl", "completion", "f"], ["fish"]],
    [["stsctl", "help", "mf"], ["mfa"]],
    // oidc has a subcommand and a profile argument.
    [["stsctl", "oidc", "l"], ["logout"]],
    [
      ["stsctl", "oidc", "prod"],
      ["prod-admin", "prod-readonly"],
    ],
    [
      ["stsctl", "oidc", "logout", "prod"],
      ["prod-admin", "prod-readonly"],
    ],
    [["stsctl", "oidc", "prod-admin", ""], []],
  ];

  it("registers _stsctl and completes subcommands, flags, choices and profile names", async () => {
    const calls = cases
      .map(
        ([words]) =>
          `COMP_WORDS=(${words.map((w) => `'${w}'`).join(" ")}); COMP_CWORD=${words.length - 1}; COMPREPLY=(); _stsctl; printf '%s\\n' "@@" "\${COMPREPLY[@]}"\n`,
      )
      .join("");
    const r = await runShell("bash", `source '${COMPLETIONS}stsctl.bash'\ncomplete -p stsctl\n${calls}`, { env });
    expect(r.stderr).toBe("");
    const [registration, ...replies] = r.stdout.split("@@\n");
    expect(registration).toBe("complete -F _stsctl stsctl\n");
    replies.forEach((reply, i) => {
      const [words, expected] = cases[i]!;
      expect(reply.split("\n").filter(Boolean), words.join(" ")).toEqual(expected);
    });
  });
});

describe.skipIf(!hasShell("zsh"))("zsh", () => {
  it("registers _stsctl with compsys when sourced after compinit", async () => {
    const r = await runShell(
      "zsh",
      `autoload -U compinit && compinit -u -d '${dir}/zcompdump-1'\nsource '${COMPLETIONS}_stsctl'\nprint -r -- "comp=$_comps[stsctl]"\nwhence -w _stsctl_assume _stsctl_mfa_add\n`,
      { env },
    );
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("comp=_stsctl\n_stsctl_assume: function\n_stsctl_mfa_add: function\n");
  });

  it("is found by compinit on $fpath under its file name", async () => {
    const r = await runShell(
      "zsh",
      `fpath=('${COMPLETIONS}' $fpath)\nautoload -U compinit && compinit -u -d '${dir}/zcompdump-2'\nprint -r -- "comp=$_comps[stsctl]"\n`,
      { env },
    );
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("comp=_stsctl\n");
  });
});

describe.skipIf(!hasShell("fish"))("fish", () => {
  it("completes commands, flags of the right (nested) command, choices and profile names", async () => {
    const queries = [
      "stsctl as",
      "stsctl assume --sh",
      "stsctl assume --shell p",
      "stsctl assume prod",
      "stsctl add --",
      "stsctl mfa add --",
      "stsctl mfa c",
      "stsctl --profile prod-admin wh",
    ];
    const script = `source '${COMPLETIONS}stsctl.fish'\n${queries.map((q) => `echo @@; complete -C '${q}'\n`).join("")}`;
    const r = await runShell("fish", script, { env });
    expect(r.stderr).toBe("");
    const out = r.stdout
      .split("@@\n")
      .slice(1)
      .map((block) =>
        block
          .split("\n")
          .filter(Boolean)
          .map((l) => l.split("\t")[0]),
      );
    expect(out[0]).toEqual(["assume"]);
    expect(out[1]).toEqual(["--shell"]);
    expect(out[2]).toEqual(["powershell"]);
    expect(out[3]).toEqual(["prod-admin", "prod-readonly"]);
    expect(out[4]).toEqual(expect.arrayContaining(["--from-env", "--import", "--force", "--profile"]));
    expect(out[5]).not.toContain("--from-env"); // `mfa add` is not `add`
    expect(out[6]).toEqual(["code"]);
    expect(out[7]).toEqual(["whoami"]); // the flag's value is not taken for a command
  });
});
