// What the figures were measured on, printed with them.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  awsCli: string | null;
}

export function describeMachine(awsCli: string | null): Machine {
  const cpus = os.cpus();
  let awsVersion: string | null = null;
  if (awsCli) {
    try {
      awsVersion =
        execFileSync(awsCli, ["--version"], { encoding: "utf8", env: { PATH: "/usr/bin:/bin" } })
          .trim()
          .split(" ")[0] ?? null;
    } catch {
      awsVersion = null;
    }
  }
  return {
    cpu: cpus[0]?.model.trim() ?? "unknown",
    cores: os.availableParallelism?.() ?? cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} (${distro()})`,
    node: process.version,
    awsCli: awsVersion,
  };
}

/** 1, 5 and 15-minute load averages. */
export function loadAverage(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" / ");
}

function distro(): string {
  try {
    return /PRETTY_NAME="([^"]+)"/.exec(readFileSync("/etc/os-release", "utf8"))?.[1] ?? "unknown";
  } catch {
    return "unknown";
  }
}
