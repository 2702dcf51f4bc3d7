// Query-protocol parameters: flat "Name=value" pairs, lists as
// "Name.member.N[.Field]". Validation mirrors the STS API model's constraints
// and reports them in AWS's wording through Violations.
import type { Violations } from "./stsError.js";
import type { Tag } from "./world.js";

export type Params = Record<string, string>;

/** Values of `prefix.member.N` (or `prefix.member.N.field`) in N order. */
export function memberList(params: Params, prefix: string, field?: string): string[] {
  const re = new RegExp(`^${prefix.replace(/\./g, "\\.")}\\.member\\.(\\d+)${field ? `\\.${field}` : ""}$`);
  const found: Array<[number, string]> = [];
  for (const [k, v] of Object.entries(params)) {
    const m = re.exec(k);
    if (m) found.push([Number(m[1]), v]);
  }
  return found.sort((a, b) => a[0] - b[0]).map(([, v]) => v);
}

export function tagList(params: Params): Tag[] {
  const byIndex = new Map<number, Tag>();
  for (const [k, v] of Object.entries(params)) {
    const m = /^Tags\.member\.(\d+)\.(Key|Value)$/.exec(k);
    if (!m) continue;
    const i = Number(m[1]);
    const tag = byIndex.get(i) ?? { key: "", value: "" };
    if (m[2] === "Key") tag.key = v;
    else tag.value = v;
    byIndex.set(i, tag);
  }
  return [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, t]) => t);
}

/** Length and pattern constraints of one string member; `pattern` is shown as the API model writes it. */
export function checkString(
  v: Violations,
  member: string,
  value: string | undefined,
  c: { required?: boolean; min?: number; max?: number; pattern?: { re: RegExp; shown: string }; echo?: boolean },
): void {
  if (value === undefined) {
    if (c.required) v.add(member, null, "Member must not be null");
    return;
  }
  const shown = c.echo === false ? "***" : value;
  const len = [...value].length;
  if (c.min !== undefined && len < c.min) v.add(member, shown, `Member must have length greater than or equal to ${c.min}`);
  if (c.max !== undefined && len > c.max) v.add(member, shown, `Member must have length less than or equal to ${c.max}`);
  if (c.pattern && !c.pattern.re.test(value)) v.add(member, shown, `Member must satisfy regular expression pattern: ${c.pattern.shown}`);
}

export const patterns = {
  sessionName: { re: /^[\w+=,.@-]*$/, shown: "[\\w+=,.@-]*" },
  externalId: { re: /^[\w+=,.@:/-]*$/, shown: "[\\w+=,.@:\\/-]*" },
  serialNumber: { re: /^[\w+=/:,.@-]*$/, shown: "[\\w+=/:,.@-]*" },
  tokenCode: { re: /^\d*$/, shown: "[\\d]*" },
  tagKey: { re: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u, shown: "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+" },
  tagValue: { re: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u, shown: "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*" },
} as const;

/**
 * DurationSeconds: undefined when absent. AWS's model bounds it per API
 * (900..43200 for roles, 900..129600 for session/federation tokens).
 */
export function checkDuration(v: Violations, params: Params, max: number): number | undefined {
  const raw = params.DurationSeconds;
  if (raw === undefined) return undefined;
  if (!/^-?\d+$/.test(raw.trim())) {
    v.add("durationSeconds", raw, "Member must be a number");
    return undefined;
  }
  const n = Number(raw.trim());
  if (n < 900) v.add("durationSeconds", String(n), "Member must have value greater than or equal to 900");
  if (n > max) v.add("durationSeconds", String(n), `Member must have value less than or equal to ${max}`);
  return n;
}

export function checkTags(v: Violations, tags: Tag[], transitiveKeys: string[]): void {
  if (tags.length > 50) v.add("tags", `[${tags.map((t) => `${t.key}=${t.value}`).join(", ")}]`, "Member must have length less than or equal to 50");
  tags.forEach((t, i) => {
    checkString(v, `tags.${i + 1}.member.key`, t.key, { required: true, min: 1, max: 128, pattern: patterns.tagKey });
    checkString(v, `tags.${i + 1}.member.value`, t.value, { required: true, min: 0, max: 256, pattern: patterns.tagValue });
  });
  if (transitiveKeys.length > 50) v.add("transitiveTagKeys", `[${transitiveKeys.join(", ")}]`, "Member must have length less than or equal to 50");
}

export function checkPolicyArns(v: Violations, arns: string[]): void {
  if (arns.length > 10) v.add("policyArns", `[${arns.join(", ")}]`, "Member must have length less than or equal to 10");
  for (const [i, arn] of arns.entries()) checkString(v, `policyArns.${i + 1}.member.arn`, arn, { min: 20, max: 2048 });
}
