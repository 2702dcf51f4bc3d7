import { open } from "node:fs/promises";
import { FederationError } from "../../errors.js";
import { MAX_SAML_BYTES } from "./decodeSamlInput.js";

/**
 * Reads a saved SAMLResponse from a file, or from stdin for "-", stopping one
 * byte past the size cap so a huge or endless input is refused, not buffered.
 */
export async function readAssertionFile(path: string, stdin: NodeJS.ReadableStream): Promise<string> {
  if (path === "-") return readCapped(stdin, "stdin");
  let handle;
  try {
    handle = await open(path, "r");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new FederationError(`cannot read the SAML response file ${path}: ${code === "ENOENT" ? "no such file" : (code ?? String(e))}`, {
      hint: "save the SAMLResponse to a file first, pass - to read it from stdin, or sign in with --browser",
    });
  }
  try {
    return await readCapped(handle.createReadStream({ autoClose: false }), path);
  } finally {
    await handle.close();
  }
}

async function readCapped(stream: NodeJS.ReadableStream, name: string): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const b = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    size += b.length;
    if (size > MAX_SAML_BYTES) {
      throw new FederationError(`the SAML response in ${name} is larger than ${MAX_SAML_BYTES / 1024 / 1024} MiB`, {
        hint: "pass only the SAMLResponse value (base64) or its XML",
      });
    }
    chunks.push(b);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text.trim()) throw new FederationError(`${name === "stdin" ? "stdin" : `the file ${name}`} holds no SAML response`, { hint: "pass the SAMLResponse value (base64) or its XML" });
  return text;
}
