// IAM condition blocks: { Operator: { key: value | [values] } }. Operators are
// ANDed, keys within an operator are ANDed, the values of one key are ORed.
// Keys compare case-insensitively, as IAM condition keys do.

export type ConditionValue = string | string[];
export type ConditionBlock = Record<string, Record<string, ConditionValue>>;
/** What a request supplies: key → value(s); absent keys are simply missing. */
export type ConditionContext = Record<string, string | string[] | undefined>;

type Test = (actual: string, expected: string) => boolean;

/** StringLike: `*` any run of characters, `?` exactly one. */
export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${re}$`, ignoreCase ? "is" : "s").test(value);
}

const positive: Record<string, Test> = {
  StringEquals: (a, e) => a === e,
  StringEqualsIgnoreCase: (a, e) => a.toLowerCase() === e.toLowerCase(),
  StringLike: (a, e) => wildcardMatch(e, a),
  Bool: (a, e) => a.toLowerCase() === e.toLowerCase(),
  ArnEquals: (a, e) => a === e,
  ArnLike: (a, e) => wildcardMatch(e, a),
  NumericEquals: (a, e) => Number(a) === Number(e),
  NumericLessThan: (a, e) => Number(a) < Number(e),
  NumericLessThanEquals: (a, e) => Number(a) <= Number(e),
  NumericGreaterThan: (a, e) => Number(a) > Number(e),
  NumericGreaterThanEquals: (a, e) => Number(a) >= Number(e),
};

const negated: Record<string, string> = {
  StringNotEquals: "StringEquals",
  StringNotEqualsIgnoreCase: "StringEqualsIgnoreCase",
  StringNotLike: "StringLike",
  ArnNotEquals: "ArnEquals",
  ArnNotLike: "ArnLike",
  NumericNotEquals: "NumericEquals",
};

function lookup(context: ConditionContext, key: string): string[] | undefined {
  const lower = key.toLowerCase();
  for (const [k, v] of Object.entries(context)) {
    if (k.toLowerCase() === lower && v !== undefined) return Array.isArray(v) ? v : [v];
  }
  return undefined;
}

const asArray = (v: ConditionValue): string[] => (Array.isArray(v) ? v : [v]);

/** Throws on an operator it does not know, so a typo in a test's trust policy is loud. */
function evaluateOperator(operator: string, entries: Record<string, ConditionValue>, context: ConditionContext): boolean {
  let op = operator;
  let quantifier: "ForAnyValue" | "ForAllValues" | undefined;
  const q = /^(ForAnyValue|ForAllValues):(.+)$/.exec(op);
  if (q) {
    quantifier = q[1] as "ForAnyValue" | "ForAllValues";
    op = q[2] as string;
  }
  const ifExists = op.endsWith("IfExists");
  if (ifExists) op = op.slice(0, -"IfExists".length);

  for (const [key, expectedRaw] of Object.entries(entries)) {
    const expected = asArray(expectedRaw);
    const actual = lookup(context, key);
    if (op === "Null") {
      // Null: "true" means the key must be absent.
      const wantAbsent = expected.some((e) => e.toLowerCase() === "true");
      if (wantAbsent !== (actual === undefined)) return false;
      continue;
    }
    if (actual === undefined) {
      if (ifExists) continue;
      // Negated operators and ForAllValues hold vacuously for a missing key.
      if (op in negated || quantifier === "ForAllValues") continue;
      return false;
    }
    const baseName = negated[op] ?? op;
    const test = positive[baseName];
    if (!test) throw new Error(`STS emulator: unsupported condition operator ${operator}`);
    const matchesOne = (a: string) => expected.some((e) => test(a, e));
    // Negated operators hold when no value matches (IAM: "not equal to any").
    const ok =
      op in negated
        ? quantifier === "ForAnyValue"
          ? actual.some((a) => !matchesOne(a))
          : actual.every((a) => !matchesOne(a))
        : quantifier === "ForAllValues"
          ? actual.every(matchesOne)
          : actual.some(matchesOne);
    if (!ok) return false;
  }
  return true;
}

export function evaluateConditions(block: ConditionBlock | undefined, context: ConditionContext): boolean {
  if (!block) return true;
  return Object.entries(block).every(([op, entries]) => evaluateOperator(op, entries, context));
}
