// The controlling terminal as raw descriptors: /dev/tty, or CONIN$/CONOUT$ on Windows.
import { closeSync, openSync } from "node:fs";
import { isatty } from "node:tty";

export interface TtyFds {
  input: number;
  output: number;
  close(): void;
}

export function ttyPaths(platform: NodeJS.Platform): { input: string; output: string } {
  return platform === "win32" ? { input: "CONIN$", output: "CONOUT$" } : { input: "/dev/tty", output: "/dev/tty" };
}

/**
 * Opens the controlling terminal as two raw descriptors (for a child's stdin and
 * stderr), or null when there is none. Any open error (ENXIO with no controlling
 * terminal, ENOENT, EACCES, ...) means "no terminal": callers then fail fast.
 */
export function openTtyFds(platform: NodeJS.Platform = process.platform): TtyFds | null {
  const paths = ttyPaths(platform);
  let input = -1;
  let output = -1;
  const closeBoth = () => {
    for (const fd of [input, output]) if (fd >= 0) closeSync(fd);
    input = output = -1;
  };
  try {
    input = openSync(paths.input, "r");
    output = openSync(paths.output, "w");
    if (!isatty(input) || !isatty(output)) throw new Error("not a terminal");
  } catch {
    try {
      closeBoth();
    } catch {
      // Nothing more to release.
    }
    return null;
  }
  let closed = false;
  return {
    input,
    output,
    close: () => {
      if (closed) return;
      closed = true;
      closeBoth();
    },
  };
}
