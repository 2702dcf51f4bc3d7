import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDemoWorld, type DemoWorld } from "../support/demoWorld.js";
import { SESSION_VARIABLES } from "../../src/output/shellExports.js";
import { BIN } from "../support/runCli.js";
import { hasShell, runShell, type RealShell } from "../support/shells.js";
import { startSts, type StsEmulator } from "../support/sts/index.js";

// The shell-init function in real bash, zsh and fish: scripts go in through a
// file (never argv), stsctl runs against the STS emulator in a temporary HOME.
// No terminal: an MFA profile must fail there, which is the failing assume.

let sts: StsEmulator;
let w: DemoWorld;
beforeAll(async () => {
  sts = await startSts();
  w = createDemoWorld(sts);
});
afterAll(async () => sts?.close());

type Shell = Exclude<RealShell, "sh">;

/** One command, then its exit status and the session variables the shell now has. */
function step(shell: Shell, name: string, command: string): string {
  const status = shell === "fish" ? "$status" : "$?";
  return `${command}\necho "@@${name} rc=${status}"\nenv | grep -E '^(${SESSION_VARIABLES.join("|")})=' | sed 's/^/ENV /'\n`;
}

interface Step {
  rc: number;
  /** What the command printed on stdout. */
  out: string;
  env: Record<string, string>;
}

function parse(stdout: string): Record<string, Step> {
  const steps: Record<string, Step> = {};
  let out: string[] = [];
  let current: Step | undefined;
  for (const line of stdout.split("\n")) {
    const marker = /^@@(\S+) rc=(\d+)$/.exec(line);
    if (marker) {
      current = steps[marker[1]!] = { rc: Number(marker[2]), out: out.join("\n"), env: {} };
      out = [];
    } else if (line.startsWith("ENV ") && current) {
      const [k, ...v] = line.slice(4).split("=");
      current.env[k!] = v.join("=");
    } else {
      out.push(line);
    }
  }
  return steps;
}

function script(shell: Shell): string {
  const init = shell === "fish" ? `command $STSCTL_BIN shell-init fish | source` : `eval "$("$STSCTL_BIN" shell-init ${shell})"`;
  const exportProfile = shell === "fish" ? "set -gx AWS_PROFILE alice" : "export AWS_PROFILE=alice";
  const s = (name: string, cmd: string) => step(shell, name, cmd);
  return [
    `${init}\n`,
    `${exportProfile}\n`,
    s("type", shell === "fish" ? "functions -q stsctl" : shell === "zsh" ? "whence -w stsctl" : "type -t stsctl"),
    s("assume", "stsctl assume dev"),
    // Another shell's assume moves the machine-wide "current profile"; this shell keeps its own.
    `echo ghost > "$STSCTL_CACHE_DIR/current-profile"\n`,
    s("env", "stsctl env --shell bash"),
    ...(shell === "bash" ? [s("aws", '/usr/bin/aws sts get-caller-identity --endpoint-url "$AWS_ENDPOINT_URL_STS" --query Arn --output text')] : []),
    s("list", "stsctl list"),
    s("whoami-missing", "stsctl whoami no-such-profile"),
    s("assume-mfa", "stsctl assume prod-admin"),
    s("assume-bad-flag", "stsctl assume dev --bogus"),
    s("assume-json", "stsctl assume dev --json"),
    s("assume-help", "stsctl assume --help"),
    s("unset", "stsctl unset"),
    s("assume-flag-profile", "stsctl assume --duration 15m --profile dev"),
    s("env-unset", "stsctl env --unset"),
    s("assume-env-profile", shell === "fish" ? "set -gx AWS_PROFILE dev; stsctl assume" : "export AWS_PROFILE=dev; stsctl assume"),
  ].join("");
}

describe.each<Shell>(["bash", "zsh", "fish"])("stsctl shell-init %s", (shell) => {
  it.skipIf(!hasShell(shell))("assume and unset change this shell; everything else passes through with its status", async () => {
    const r = await runShell(shell, script(shell), { env: { ...w.env, STSCTL_BIN: BIN }, timeoutMs: 60_000 });
    const steps = parse(r.stdout);
    const at = (name: string) => {
      const s = steps[name];
      if (!s) throw new Error(`step ${name} did not run; stderr:\n${r.stderr}`);
      return s;
    };

    expect(at("type").rc, r.stderr).toBe(0);
    if (shell !== "fish") expect(at("type").out).toMatch(/function/);

    const assumed = at("assume");
    expect(assumed.rc, r.stderr).toBe(0);
    expect(assumed.out).toBe(""); // the exports were evaluated, not printed
    expect(assumed.env.AWS_ACCESS_KEY_ID).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(assumed.env.AWS_SESSION_TOKEN).toBeTruthy();
    expect(assumed.env.AWS_REGION).toBeUndefined(); // dev sets no region: stsctl's fallback is not exported
    expect(assumed.env.AWS_PROFILE).toBeUndefined();
    expect(assumed.env.STSCTL_PROFILE).toBe("dev");
    const key = assumed.env.AWS_ACCESS_KEY_ID;

    // Other commands run unchanged: output on stdout, their own exit status, nothing evaluated.
    expect(at("env").rc).toBe(0);
    expect(at("env").out).toMatch(/^export AWS_ACCESS_KEY_ID='ASIA/m); // STSCTL_PROFILE, not "ghost", told env which session
    expect(at("env").env.AWS_ACCESS_KEY_ID).toBe(key);
    if (shell === "bash") {
      // The exported session is one the AWS CLI accepts: the Dev role's.
      expect(at("aws").rc, r.stderr).toBe(0);
      expect(at("aws").out.trim()).toMatch(/^arn:aws:sts::123456789012:assumed-role\/Dev\/stsctl-/);
    }
    expect(at("list").rc).toBe(0);
    expect(at("list").out).toMatch(/^dev\s+role/m);
    expect(at("whoami-missing").rc).toBe(3);

    // A failing assume evaluates nothing and keeps its status and its message.
    for (const [name, rc] of [
      ["assume-mfa", 5],
      ["assume-bad-flag", 2],
      ["assume-json", 2],
    ] as const) {
      expect(at(name).rc, name).toBe(rc);
      expect(at(name).out, name).toBe("");
      expect(at(name).env.AWS_ACCESS_KEY_ID, name).toBe(key);
      expect(at(name).env.STSCTL_PROFILE, name).toBe("dev");
    }
    expect(r.stderr).toContain("MFA code needed for");
    expect(r.stderr).toContain("unknown option '--bogus'");
    expect(r.stderr).toContain("the stsctl shell function adds --export and --shell itself");
    expect(at("assume-help").rc).toBe(0);
    expect(at("assume-help").out).toContain("Usage: stsctl assume");
    expect(at("assume-help").env.AWS_ACCESS_KEY_ID).toBe(key);

    expect(at("unset").rc).toBe(0);
    expect(at("unset").env).toEqual({});

    // The profile comes from the same parser as assume's: --profile, then AWS_PROFILE.
    expect(at("assume-flag-profile").rc).toBe(0);
    expect(at("assume-flag-profile").env.STSCTL_PROFILE).toBe("dev");
    expect(at("assume-flag-profile").env.AWS_ACCESS_KEY_ID).toMatch(/^ASIA/);
    expect(at("env-unset").rc).toBe(0);
    expect(at("env-unset").env).toEqual({});
    expect(at("assume-env-profile").rc).toBe(0);
    expect(at("assume-env-profile").env.STSCTL_PROFILE).toBe("dev");
    expect(at("assume-env-profile").env.AWS_PROFILE).toBeUndefined();
  });
});
