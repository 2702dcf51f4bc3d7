import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HIT_ENV_DECLINED, HIT_ENV_SENT, HIT_ENV_UNUSED } from "../../src/hot/hitProtocol.js";

// The key agent answers a hit with only the variables the caller sent (an
// allow-list). A variable that src/ reads but no list names would be missing in
// the agent, and its answer could differ from the command's own: every one must
// be classified.
const SRC = join(import.meta.dirname, "..", "..", "src");

function variablesReadBySrc(): Set<string> {
  const found = new Set<string>();
  for (const file of readdirSync(SRC, { recursive: true }) as string[]) {
    if (!file.endsWith(".ts")) continue;
    const text = readFileSync(join(SRC, file), "utf8");
    for (const m of text.matchAll(/\benv\??\.([A-Z][A-Za-z0-9_]*)\b/g)) found.add(m[1]!);
    for (const m of text.matchAll(/\benv\[\s*["']([A-Za-z_][A-Za-z0-9_]*)["']\s*\]/g)) found.add(m[1]!);
  }
  return found;
}

describe("the agent's environment allow-list", () => {
  it("classifies every variable src/ reads", () => {
    const known = new Set([...HIT_ENV_SENT, ...HIT_ENV_DECLINED, ...HIT_ENV_UNUSED]);
    const read = variablesReadBySrc();
    expect(read.size).toBeGreaterThan(20); // the scan itself works
    expect([...read].filter((v) => !known.has(v)).sort()).toEqual([]);
  });

  it("sends no secret: the lists do not overlap", () => {
    const sent = new Set(HIT_ENV_SENT);
    expect(HIT_ENV_DECLINED.filter((v) => sent.has(v))).toEqual([]);
    expect(HIT_ENV_UNUSED.filter((v) => sent.has(v))).toEqual([]);
  });
});
