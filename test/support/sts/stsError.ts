// Errors the emulator answers with: AWS's code, message and HTTP status.
// Messages are AWS's own wording (see docs/aws-limits.md).

export class StsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number = 400,
  ) {
    super(message);
  }
  /** Sender (client's fault) for 4xx, Receiver for 5xx, as AWS reports it. */
  get type(): "Sender" | "Receiver" {
    return this.status >= 500 ? "Receiver" : "Sender";
  }
}

export const validationError = (message: string) => new StsError("ValidationError", message, 400);
export const accessDenied = (message: string) => new StsError("AccessDenied", message, 403);

export const notAuthorized = (callerArn: string, action: string, resource: string) =>
  accessDenied(`User: ${callerArn} is not authorized to perform: ${action} on resource: ${resource}`);

export const invalidClientTokenId = () => new StsError("InvalidClientTokenId", "The security token included in the request is invalid.", 403);

export const SIGNATURE_MISMATCH_MESSAGE =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

export const signatureDoesNotMatch = (message = SIGNATURE_MISMATCH_MESSAGE) => new StsError("SignatureDoesNotMatch", message, 403);

export const expiredToken = () => new StsError("ExpiredToken", "The security token included in the request is expired", 403);

export const incompleteSignature = (message: string) => new StsError("IncompleteSignature", message, 400);

/**
 * Collects modeled-constraint violations and reports them the way AWS does:
 * "2 validation errors detected: Value 'x' at 'member' failed to satisfy
 * constraint: ...; Value ...".
 */
export class Violations {
  private readonly items: string[] = [];
  add(member: string, value: string | null, constraint: string): void {
    const shown = value === null ? "null" : `'${value}'`;
    this.items.push(`Value ${shown} at '${member}' failed to satisfy constraint: ${constraint}`);
  }
  throwIfAny(): void {
    const n = this.items.length;
    if (n === 0) return;
    throw validationError(`${n} validation error${n === 1 ? "" : "s"} detected: ${this.items.join("; ")}`);
  }
}
