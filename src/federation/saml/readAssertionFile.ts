import { FederationError } from "../../errors.js";
import { readRegularFile, showBytes } from "../../io/readRegularFile.js";
import { MAX_SAML_BYTES } from "./decodeSamlInput.js";

/**
 * Reads a saved SAMLResponse from a regular file, or from stdin for "-",
 * stopping one byte past the size cap so a huge or endless input is refused,
 * not buffered. A FIFO or device is refused unread: stdin is the way to pipe one in.
 */
export async function readAssertionFile(path: string, stdin: NodeJS.ReadableStream): Promise<string> {
  if (path === "-") return readCapped(stdin, "stdin");
  let buf: Buffer;
  try {
    buf = await readRegularFile(path, {
      maxBytes: MAX_SAML_BYTES,
      refuse: (why) =>
        why.kind === "too-large"
          ? new FederationError(`the SAML response in ${path} is larger than ${showBytes(MAX_SAML_BYTES)}`, {
              hint: "pass only the SAMLResponse value (base64) or its XML",
            })
          : new FederationError(`the SAML response file ${path} ${why.text}`, {
              hint: "save the SAMLResponse to a regular file, or pass --assertion-file - to read it from stdin",
            }),
    });
  } catch (e) {
    if (e instanceof FederationError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new FederationError(`cannot read the SAML response file ${path}: ${code === "ENOENT" ? "no such file" : (code ?? String(e))}`, {
      hint: "save the SAMLResponse to a file first, pass - to read it from stdin, or sign in with --browser",
    });
  }
  return holdsResponse(buf.toString("utf8"), path);
}

async function readCapped(stream: NodeJS.ReadableStream, name: string): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const b = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    size += b.length;
    if (size > MAX_SAML_BYTES) {
      throw new FederationError(`the SAML response in ${name} is larger than ${showBytes(MAX_SAML_BYTES)}`, {
        hint: "pass only the SAMLResponse value (base64) or its XML",
      });
    }
    chunks.push(b);
  }
  return holdsResponse(Buffer.concat(chunks).toString("utf8"), name);
}

function holdsResponse(text: string, name: string): string {
  if (!text.trim())
    throw new FederationError(`${name === "stdin" ? "stdin" : `the file ${name}`} holds no SAML response`, {
      hint: "pass the SAMLResponse value (base64) or its XML",
    });
  return text;
}
