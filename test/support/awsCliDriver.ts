// The AWS CLI v2 from Debian kept running for many calls: one python3 process
// loads /usr/bin/aws (its code, via runpy) once and runs its main() for each
// request, with that request's argv and environment; it also splits lines with
// shlex.split, botocore's own credential_process splitter. Starting
// /usr/bin/aws costs about a second on a busy machine, which property tests
// running hundreds of reads cannot afford; the e2e tests call /usr/bin/aws itself.

import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { createInterface } from "node:readline";

const SERVER = `
import contextlib, io, json, os, runpy, shlex, sys
aws = runpy.run_path("/usr/bin/aws", run_name="aws_cli_driver")["main"]
base = dict(os.environ)  # after the import: awscli sets AWS_DATA_PATH then
for line in sys.stdin:
    req = json.loads(line)
    if "shlex" in req:
        print(json.dumps({"split": [shlex.split(s) for s in req["shlex"]]}), flush=True)
        continue
    os.environ.clear()
    os.environ.update(base, **req["env"])
    sys.argv = ["aws"] + req["argv"]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = aws()
        except SystemExit as e:
            status = e.code
    print(json.dumps({"status": status, "stdout": out.getvalue(), "stderr": err.getvalue()}), flush=True)
`;

export interface AwsCliDriver {
  /** `aws ARGV` with `env` added to a minimal environment. */
  run(argv: string[], env: Record<string, string>): Promise<{ status: number; stdout: string; stderr: string }>;
  /** Python's shlex.split of each line. */
  shlexSplit(lines: string[]): Promise<string[][]>;
  close(): Promise<void>;
}

export function startAwsCliDriver(): AwsCliDriver {
  const child: ChildProcessWithoutNullStreams = spawn("/usr/bin/python3", ["-c", SERVER], {
    env: { PATH: "/usr/bin:/bin", LC_ALL: "C.UTF-8", PYTHONIOENCODING: "utf-8", AWS_EC2_METADATA_DISABLED: "true", AWS_PAGER: "" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const waiting: Array<{ resolve: (v: unknown) => void; reject: (e: Error) => void }> = [];
  createInterface({ input: child.stdout }).on("line", (l) => waiting.shift()?.resolve(JSON.parse(l)));
  child.on("close", () => {
    for (const w of waiting.splice(0)) w.reject(new Error(`the AWS CLI driver exited: ${stderr}`));
  });
  const ask = (req: unknown) =>
    new Promise<unknown>((resolve, reject) => {
      waiting.push({ resolve, reject });
      child.stdin.write(JSON.stringify(req) + "\n");
    });
  return {
    run: async (argv, env) => {
      const r = (await ask({ argv, env })) as { status: number | null; stdout: string; stderr: string };
      return { ...r, status: r.status ?? 0 };
    },
    shlexSplit: async (lines) => ((await ask({ shlex: lines })) as { split: string[][] }).split,
    close: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("close", () => resolve());
        child.stdin.end();
      }),
  };
}
