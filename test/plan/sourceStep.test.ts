import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { plan } from "../../src/plan/plan.js";
import { renderPlan } from "../../src/plan/renderPlan.js";
import type { SourceStep } from "../../src/plan/steps.js";
import { unlisted } from "../../src/plan/unlisted.js";
import { configFrom } from "../support/configFixture.js";

const config = configFrom(
  "[profile alice]\n[profile temp]\n",
  "[alice]\naws_access_key_id = AKIAALICE\naws_secret_access_key = alice-secret\n[temp]\naws_access_key_id = ASIATEMP\naws_secret_access_key = temp-secret\naws_session_token = temp-token\n",
);
const opts = { want: "session", env: {}, defaultSessionName: "stsctl-test" } as const;

describe("the StaticKeys step", () => {
  it("carries the profile's keys, so the engine reads no config", () => {
    const [alice] = plan(config, "alice", opts).steps as [SourceStep];
    expect(alice).toMatchObject({ kind: "StaticKeys", temporary: false, keys: { accessKeyId: "AKIAALICE", secretAccessKey: "alice-secret" } });
    expect(plan(config, "temp", opts).steps[0]).toMatchObject({ temporary: true, keys: { sessionToken: "temp-token" } });
  });

  it("never shows them: not in plan --json, not in a debug dump, not in the rendered plan", () => {
    const p = plan(config, "temp", opts);
    const json = JSON.stringify(p, null, 2);
    expect(json).not.toMatch(/secret|temp-token|"keys"/);
    expect(JSON.parse(json).steps[0]).toEqual({
      kind: "StaticKeys",
      profile: "temp",
      temporary: true,
      reasons: ['session keys of profile "temp" (/h/.aws/credentials line 5 (aws_access_key_id))'],
    });
    expect(inspect(p, { depth: 10 })).not.toMatch(/secret|temp-token/);
    expect(renderPlan(p)).not.toMatch(/secret|temp-token/);
  });
});

describe("unlisted", () => {
  it("is a copy that reads as the original and serialises as nothing", () => {
    const original = { a: 1 };
    const held = unlisted(original);
    expect(held).not.toBe(original);
    expect(held.a).toBe(1);
    expect(Object.keys(held)).toEqual(["a"]);
    expect(JSON.stringify({ held, other: 2 })).toBe('{"other":2}');
  });
});
