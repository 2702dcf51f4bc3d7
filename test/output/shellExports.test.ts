import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { detectShell, formatExports, sessionVars, UNSET_ON_EXPORT } from "../../src/output/shellExports.js";

const creds = {
  accessKeyId: "ASIAEXAMPLE",
  secretAccessKey: "se/cr+et=",
  sessionToken: "tok//en==",
  expiration: new Date("2026-11-22T13:32:07.456Z"),
};

describe("sessionVars", () => {
  it("lists the session's variables in order, expiry without millis", () => {
    expect(sessionVars(creds, { region: "eu-west-1" })).toEqual({
      AWS_ACCESS_KEY_ID: "ASIAEXAMPLE",
      AWS_SECRET_ACCESS_KEY: "se/cr+et=",
      AWS_SESSION_TOKEN: "tok//en==",
      AWS_CREDENTIAL_EXPIRATION: "2026-11-22T13:32:07Z",
      AWS_REGION: "eu-west-1",
      AWS_DEFAULT_REGION: "eu-west-1",
    });
    expect(Object.keys(sessionVars(creds))).toEqual(["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_CREDENTIAL_EXPIRATION"]);
  });
  it("omits token and expiry for long-term keys", () => {
    expect(sessionVars({ accessKeyId: "AKIAX", secretAccessKey: "s" })).toEqual({
      AWS_ACCESS_KEY_ID: "AKIAX",
      AWS_SECRET_ACCESS_KEY: "s",
    });
  });
  it("unsets the variables that would shadow a session", () => {
    expect(UNSET_ON_EXPORT).toEqual(["AWS_PROFILE", "AWS_SECURITY_TOKEN"]);
  });
});

describe("formatExports as text", () => {
  const vars = { A: "x y", B: "it's" };
  const unset = ["AWS_PROFILE", "A"];

  it("bash and zsh: unsets first, single-quoted exports", () => {
    const want = "unset AWS_PROFILE\nexport A='x y'\nexport B='it'\\''s'\n";
    expect(formatExports(vars, "bash", { unset })).toBe(want);
    expect(formatExports(vars, "zsh", { unset })).toBe(want);
  });
  it("env-no-export: plain assignments, no unsets", () => {
    expect(formatExports(vars, "env-no-export", { unset })).toBe("A='x y'\nB='it'\\''s'\n");
  });
  it("fish: set -e / set -gx with backslash escapes", () => {
    expect(formatExports({ A: "a'b\\c" }, "fish", { unset: ["AWS_PROFILE"] })).toBe("set -e AWS_PROFILE; or true\nset -gx A 'a\\'b\\\\c'\n");
  });
  it("powershell: verbatim strings for printable ASCII, [char] codes for everything else", () => {
    expect(formatExports({ A: "a'b$c`d", B: "l1\nl2", C: "", D: "\u00d1\u2019😀" }, "powershell", { unset: ["AWS_PROFILE"] })).toBe(
      "Remove-Item Env:AWS_PROFILE -ErrorAction SilentlyContinue\n" +
        "$Env:A = 'a''b$c`d'\n" +
        "$Env:B = 'l1' + [char]0x000A + 'l2'\n" +
        "$Env:C = ''\n" +
        "$Env:D = '' + [char]0x00D1 + [char]0x2019 + [char]::ConvertFromUtf32(0x1F600)\n",
    );
  });
  it("powershell: any value gives one printable-ASCII line that decodes back exactly (property)", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary", maxLength: 40 }).filter((v) => !v.includes("\0") && !/\p{Cs}/u.test(v)),
        (v) => {
          const out = formatExports({ V: v }, "powershell");
          expect(out).toMatch(/^\$Env:V = [\x20-\x7e]*\n$/);
          expect(decodePowerShell(out.slice("$Env:V = ".length, -1))).toBe(v);
        },
      ),
      { numRuns: 500 },
    );
  });
  it("cmd: batch-file lines with CRLF, % doubled, & | < > ^ kept inside the quotes", () => {
    expect(formatExports({ A: "50%&|<>^()", B: "" }, "cmd", { unset: ["AWS_PROFILE"] })).toBe('set AWS_PROFILE=\r\nset "A=50%%&|<>^()"\r\nset "B="\r\n');
  });
  it("cmd: refuses what it cannot carry exactly", () => {
    for (const v of ['a"&calc', "a!b", "l1\nl2", "l1\rl2"]) {
      expect(() => formatExports({ A: v }, "cmd")).toThrow(UsageError);
    }
  });
  it("dotenv: bare when safe, single quotes when needed, refuses the rest", () => {
    expect(formatExports({ A: "ASIA/x+y=", B: "a b$c", C: "" }, "dotenv", { unset })).toBe("A=ASIA/x+y=\nB='a b$c'\nC=\n");
    expect(() => formatExports({ A: "it's" }, "dotenv")).toThrow(UsageError);
    expect(() => formatExports({ A: "l1\nl2" }, "dotenv")).toThrow(UsageError);
  });
  it("json: an object, one key per line", () => {
    const out = formatExports({ A: "x\ny", B: '"' }, "json", { unset });
    expect(JSON.parse(out)).toEqual({ A: "x\ny", B: '"' });
    expect(out.split("\n")).toHaveLength(5);
  });
  it("does not unset a name it also sets", () => {
    expect(formatExports({ AWS_PROFILE: "p" }, "bash", { unset: ["AWS_PROFILE"] })).toBe("export AWS_PROFILE='p'\n");
  });
  it("rejects bad names, NUL and lone surrogates in every format", () => {
    for (const f of ["bash", "fish", "powershell", "cmd", "dotenv", "json"] as const) {
      for (const name of ["1A", "A-B", "A B", "", "A;rm", "Ä"]) {
        expect(() => formatExports({ [name]: "v" }, f)).toThrow(UsageError);
      }
      expect(() => formatExports({}, f, { unset: ["X;rm -rf"] })).toThrow(UsageError);
      expect(() => formatExports({ A: "a\0b" }, f)).toThrow(UsageError);
      expect(() => formatExports({ A: "a\uD800b" }, f)).toThrow(UsageError);
    }
  });
  it("rejects an unknown format", () => {
    expect(() => formatExports({ A: "v" }, "tcsh" as never)).toThrow(UsageError);
  });
});

describe("detectShell", () => {
  it("follows $SHELL", () => {
    expect(detectShell({ SHELL: "/usr/bin/zsh" }, "linux")).toBe("zsh");
    expect(detectShell({ SHELL: "/opt/homebrew/bin/fish" }, "darwin")).toBe("fish");
    expect(detectShell({ SHELL: "/bin/bash" }, "linux")).toBe("bash");
    expect(detectShell({ SHELL: "/bin/dash" }, "linux")).toBe("bash");
    expect(detectShell({ SHELL: "/usr/bin/pwsh" }, "linux")).toBe("powershell");
  });
  it("prefers the shell that ran stsctl (its parent process) to $SHELL", () => {
    expect(detectShell({ SHELL: "/bin/bash" }, "linux", "fish")).toBe("fish");
    expect(detectShell({ SHELL: "/bin/bash" }, "darwin", "-zsh")).toBe("zsh"); // a login shell, as macOS ps shows it
    expect(detectShell({ SHELL: "/usr/bin/fish" }, "linux", "dash")).toBe("bash");
    // A parent that is no shell (node, make, terraform, sudo) says nothing: $SHELL, then the default.
    expect(detectShell({ SHELL: "/usr/bin/fish" }, "linux", "node")).toBe("fish");
    expect(detectShell({}, "linux", "terraform")).toBe("bash");
  });
  it("defaults to bash", () => {
    expect(detectShell({}, "linux")).toBe("bash");
    expect(detectShell({ SHELL: "/usr/bin/tcsh" }, "freebsd")).toBe("bash");
  });
  it("on Windows: Git Bash's $SHELL, else PowerShell's module path, else cmd", () => {
    expect(detectShell({ SHELL: "C:\\Program Files\\Git\\usr\\bin\\bash.exe" }, "win32")).toBe("bash");
    const system = "C:\\Program Files\\WindowsPowerShell\\Modules;C:\\WINDOWS\\system32\\WindowsPowerShell\\v1.0\\Modules";
    expect(detectShell({ PSModulePath: system, ComSpec: "C:\\WINDOWS\\system32\\cmd.exe" }, "win32")).toBe("cmd");
    expect(detectShell({ PSModulePath: `C:\\Users\\a\\Documents\\WindowsPowerShell\\Modules;${system}`, ComSpec: "cmd.exe" }, "win32")).toBe("powershell");
    expect(detectShell({}, "win32")).toBe("cmd");
  });
});

/**
 * Reads the restricted PowerShell expression formatExports emits, following
 * PowerShell's rules: '…' verbatim with '' for a quote, [char]0xHHHH, and
 * [char]::ConvertFromUtf32(0xH…), joined by " + ". Anything else fails.
 */
function decodePowerShell(expr: string): string {
  const term = /^(?:'((?:[^']|'')*)'|\[char\]0x([0-9A-F]{4})|\[char\]::ConvertFromUtf32\(0x([0-9A-F]+)\))/;
  let rest = expr;
  let out = "";
  for (let guard = 0; guard < 1000; guard++) {
    const m = term.exec(rest);
    if (!m) throw new Error(`unexpected PowerShell text: ${rest}`);
    if (m[1] !== undefined) out += m[1].replaceAll("''", "'");
    else out += String.fromCodePoint(parseInt((m[2] ?? m[3])!, 16));
    rest = rest.slice(m[0].length);
    if (rest === "") return out;
    if (!rest.startsWith(" + ")) throw new Error(`expected " + " at: ${rest}`);
    rest = rest.slice(3);
  }
  throw new Error("expression too long");
}
