// Role trust policies: does this principal, asking for this action with this
// request context, get in? Federated actions (SAML, web identity) only supply
// a different principal and their own context keys; the evaluation is shared.
import { evaluateConditions, wildcardMatch, type ConditionBlock, type ConditionContext } from "./conditions.js";

export interface TrustStatement {
  /** Default "Allow"; an explicit "Deny" wins over any Allow. */
  Effect?: "Allow" | "Deny";
  Principal: { AWS?: string | string[]; Federated?: string | string[]; Service?: string | string[] } | "*";
  Action: string | string[];
  Condition?: ConditionBlock;
}

export type PrincipalRef =
  /** An IAM principal: `arns` are the ARNs it may be named by (user ARN; role ARN and assumed-role ARN). */
  | { type: "AWS"; accountId: string; arns: string[] }
  /** A federation provider ARN (saml-provider / oidc-provider) or a well-known IdP name. */
  | { type: "Federated"; provider: string };

export interface TrustRequest {
  /** e.g. "sts:AssumeRole", "sts:TagSession", "sts:AssumeRoleWithSAML". */
  action: string;
  principal: PrincipalRef;
  context: ConditionContext;
}

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function principalMatches(p: TrustStatement["Principal"], who: PrincipalRef): boolean {
  if (p === "*") return true;
  if (who.type === "Federated") return list(p.Federated).some((f) => f === who.provider);
  return list(p.AWS).some((entry) => {
    if (entry === "*") return true;
    // "123456789012" and arn:aws:iam::123456789012:root both mean "any principal of the account".
    const account = /^\d{12}$/.test(entry) ? entry : /^arn:aws:iam::(\d{12}):root$/.exec(entry)?.[1];
    if (account !== undefined) return account === who.accountId;
    return who.arns.includes(entry);
  });
}

function actionMatches(a: string | string[], action: string): boolean {
  return list(a).some((pattern) => wildcardMatch(pattern, action, true));
}

export function statementApplies(s: TrustStatement, req: TrustRequest): boolean {
  return principalMatches(s.Principal, req.principal) && actionMatches(s.Action, req.action) && evaluateConditions(s.Condition, req.context);
}

/** IAM's rule: allowed if some Allow statement applies and no Deny statement does. */
export function evaluateTrust(statements: TrustStatement[], req: TrustRequest): boolean {
  let allowed = false;
  for (const s of statements) {
    if (!statementApplies(s, req)) continue;
    if ((s.Effect ?? "Allow") === "Deny") return false;
    allowed = true;
  }
  return allowed;
}
