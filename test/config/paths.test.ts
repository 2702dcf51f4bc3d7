import { describe, expect, it } from "vitest";
import { configPaths, displayPath, fromCwd } from "../../src/config/paths.js";

// Paths come from the caller's environment, home and directory (a Ctx), never from
// this process's: the key agent answers for callers in other directories.

describe("configPaths", () => {
  const base = { env: {}, home: "/home/alice", cwd: "/work/project" };

  it("defaults under the given home", () => {
    expect(configPaths(base)).toEqual({
      configFile: "/home/alice/.aws/config",
      credentialsFile: "/home/alice/.aws/credentials",
      configFromEnv: false,
      credentialsFromEnv: false,
      home: "/home/alice",
    });
  });

  it("resolves relative AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE against the caller's directory", () => {
    const p = configPaths({ ...base, env: { AWS_CONFIG_FILE: "aws/config", AWS_SHARED_CREDENTIALS_FILE: "/etc/aws/credentials" } });
    expect(p.configFile).toBe("/work/project/aws/config");
    expect(p.credentialsFile).toBe("/etc/aws/credentials");
    expect(p.configFromEnv && p.credentialsFromEnv).toBe(true);
  });

  it("expands a leading ~ to the caller's home, as botocore's expanduser does", () => {
    const p = configPaths({ ...base, env: { AWS_CONFIG_FILE: "~/elsewhere/config", AWS_SHARED_CREDENTIALS_FILE: "~other/credentials" } });
    expect(p.configFile).toBe("/home/alice/elsewhere/config");
    // `~user` stays as written (stsctl does not look up other users), so it is relative to the directory.
    expect(p.credentialsFile).toBe("/work/project/~other/credentials");
  });

  it("reads the directory only for a relative path", () => {
    const noCwd = {
      env: { AWS_CONFIG_FILE: "/a/config", AWS_SHARED_CREDENTIALS_FILE: "/a/credentials" },
      home: "/home/alice",
      get cwd(): string {
        throw new Error("cwd read");
      },
    };
    expect(configPaths(noCwd).configFile).toBe("/a/config");
    expect(fromCwd(noCwd, "/abs")).toBe("/abs");
  });
});

describe("displayPath", () => {
  it("shortens paths under the given home only", () => {
    expect(displayPath("/home/alice/.aws/config", "/home/alice")).toBe("~/.aws/config");
    expect(displayPath("/home/alicia/.aws/config", "/home/alice")).toBe("/home/alicia/.aws/config");
    expect(displayPath("/home/alice/.aws/config", undefined)).toBe("/home/alice/.aws/config");
  });
});
