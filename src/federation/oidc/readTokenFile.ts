import { FederationError } from "../../errors.js";
import { readRegularFileSync } from "../../io/readRegularFile.js";

/**
 * STS takes a WebIdentityToken of at most 20,000 characters
 * (AssumeRoleWithWebIdentity API reference); 20 KiB leaves room for the line
 * end or whitespace a writer adds around it.
 */
const MAX_TOKEN_FILE_BYTES = 20 * 1024;

/**
 * The token in a web identity token file, read anew on every call: CI runners
 * and Kubernetes rotate the file in place, so a copy from earlier may be stale.
 */
export function readTokenFile(path: string): string {
  let text: string;
  try {
    text = readRegularFileSync(path, {
      maxBytes: MAX_TOKEN_FILE_BYTES,
      refuse: (why) =>
        new FederationError(`web identity token file ${path} ${why.text}`, {
          hint:
            why.kind === "too-large"
              ? "a web identity token is at most 20,000 characters: check that the file holds only the OIDC ID token"
              : "point web_identity_token_file / --token-file / AWS_WEB_IDENTITY_TOKEN_FILE at the regular file the token is written to",
        }),
    }).toString("utf8");
  } catch (e) {
    if (e instanceof FederationError) throw e;
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
