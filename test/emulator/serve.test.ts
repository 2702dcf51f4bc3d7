import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const serve = fileURLToPath(new URL("../support/sts/serve.ts", import.meta.url));

it("serve.ts runs one emulator, prints its URL, and stops on SIGTERM", async () => {
  const child = spawn(process.execPath, ["--import", "tsx", serve], { stdio: ["ignore", "pipe", "pipe"] });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("serve.ts printed no URL within 15 s")), 15_000);
      let out = "";
      child.stdout.on("data", (d: Buffer) => {
        out += d.toString();
        const line = out.split("\n")[0];
        if (out.includes("\n") && line) clearTimeout(timer), resolve(line);
      });
      child.once("exit", () => (clearTimeout(timer), reject(new Error("serve.ts exited early"))));
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "Action=GetCallerIdentity&Version=2011-06-15",
      signal: AbortSignal.timeout(5000),
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("<Code>MissingAuthenticationToken</Code>");
  } finally {
    child.kill("SIGTERM");
  }
  expect(await exited).toBe(0);
});
