import { el } from "../xml.js";
import { requireCaller, type ActionDef } from "./types.js";

export const getCallerIdentity: ActionDef = {
  auth: "sigv4",
  handle(ctx) {
    const caller = requireCaller(ctx);
    const id =
      caller.kind === "user"
        ? { arn: caller.user.arn, userId: caller.user.userId, account: caller.user.accountId }
        : { arn: caller.session.arn, userId: caller.session.userId, account: caller.session.accountId };
    return `    ${el("Arn", id.arn)}\n    ${el("UserId", id.userId)}\n    ${el("Account", id.account)}`;
  },
};
