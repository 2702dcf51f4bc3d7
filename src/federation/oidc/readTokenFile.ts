import { readFileSync } from "node:fs";
import { FederationError } from "../../errors.js";

/**
 * The token in a web identity token file, read anew on every call: CI runners
 * and Kubernetes rotate the file in place, so a copy from earlier may be stale.
 */
export function readTokenFile(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "error";
    throw new FederationError(`cannot read web identity token file ${path} (${code})`, {
      hint:
        code === "ENOENT"
          ? "check web_identity_token_file / --token-file / AWS_WEB_IDENTITY_TOKEN_FILE: the file must exist when stsctl runs"
          : "check the file's permissions: stsctl must be able to read it",
      cause: e,
    });
  }
  const token = text.trim();
  if (token === "") {
    throw new FederationError(`web identity token file ${path} is empty`, { hint: "check what writes the token file: it must hold an OIDC ID token" });
  }
  return token;
}
