// The STS Query protocol's XML envelopes.

export const STS_NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** `<name>value</name>`, or nothing when the value is absent. */
export function el(name: string, value: string | number | undefined): string {
  return value === undefined ? "" : `<${name}>${esc(String(value))}</${name}>`;
}

export function successXml(action: string, resultInner: string, requestId: string): string {
  return (
    `<${action}Response xmlns="${STS_NAMESPACE}">\n` +
    `  <${action}Result>\n${resultInner}\n  </${action}Result>\n` +
    `  <ResponseMetadata>\n    <RequestId>${esc(requestId)}</RequestId>\n  </ResponseMetadata>\n` +
    `</${action}Response>\n`
  );
}

export function errorXml(type: string, code: string, message: string, requestId: string): string {
  return (
    `<ErrorResponse xmlns="${STS_NAMESPACE}">\n` +
    `  <Error>\n    <Type>${esc(type)}</Type>\n    <Code>${esc(code)}</Code>\n    <Message>${esc(message)}</Message>\n  </Error>\n` +
    `  <RequestId>${esc(requestId)}</RequestId>\n` +
    `</ErrorResponse>\n`
  );
}

/** AWS formats Expiration as ISO-8601 UTC without milliseconds. */
export function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}
