// PackedPolicySize: AWS compresses session policies, policy ARNs and session
// tags into the token and reports the share of a fixed budget they use. The
// real packing is unpublished; this approximation charges the policy's
// characters without whitespace, each ARN's length, and each tag's key and
// value plus 4 bytes of framing against a 2048-byte budget, rounded up. It is
// monotonic in every input, and an inline policy over 2048 characters without
// whitespace (the documented plaintext limit) always overflows it.
import { StsError } from "./stsError.js";
import type { Tag } from "./world.js";

const BUDGET = 2048;

export interface PackedInput {
  policy?: string;
  policyArns: string[];
  tags: Tag[];
}

const minifiedLength = (policy: string) => policy.replace(/\s+/g, "").length;

/** Percent used, or undefined when the request had no policy, ARNs or tags (AWS then omits the element). */
export function packedPolicySize(input: PackedInput): number | undefined {
  if (input.policy === undefined && input.policyArns.length === 0 && input.tags.length === 0) return undefined;
  const policyBytes = (input.policy ? minifiedLength(input.policy) : 0) + input.policyArns.reduce((n, a) => n + a.length, 0);
  const tagBytes = input.tags.reduce((n, t) => n + t.key.length + t.value.length + 4, 0);
  const percent = Math.ceil(((policyBytes + tagBytes) * 100) / BUDGET);
  if (percent > 100) {
    // AWS names the part that overflowed; here, whichever part is larger.
    throw new StsError(
      "PackedPolicyTooLarge",
      tagBytes > policyBytes
        ? `Packed size of session tags consumes ${percent}% of allotted space.`
        : `Packed policy consumes ${percent}% of allotted space, please use smaller policy.`,
      400,
    );
  }
  return Math.max(1, percent);
}

/** A session policy must be JSON; AWS rejects anything else before packing. */
export function checkPolicyDocument(policy: string | undefined): void {
  if (policy === undefined) return;
  try {
    const doc: unknown = JSON.parse(policy);
    if (typeof doc !== "object" || doc === null || Array.isArray(doc)) throw new Error("not an object");
  } catch {
    throw new StsError("MalformedPolicyDocument", "The policy is not in the valid JSON format.", 400);
  }
}
