import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface LoopbackListener {
  /** http://127.0.0.1:PORT/callback: a loopback redirect URI with a port chosen by the OS (RFC 8252). */
  redirectUri: string;
  /** Resolves with the full redirect URL once the provider sends the browser back with our `state`. */
  callback: Promise<URL>;
  close(): void;
}

const PAGE = (title: string, text: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head>` +
  `<body style="font-family:sans-serif;margin:3em"><h1>${title}</h1><p>${text}</p></body></html>`;

/**
 * Listens on 127.0.0.1 only, on a random port, for the authorization
 * response. A request without our `state` (a stray tab, another site poking
 * the port) is answered 400 and ignored, so it cannot end the sign-in.
 */
export async function listenForRedirect(expectedState: string): Promise<LoopbackListener> {
  let deliver!: (u: URL) => void;
  const callback = new Promise<URL>((resolve) => (deliver = resolve));
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", redirectUri);
    const send = (status: number, body: string) => {
      res.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", connection: "close" });
      res.end(body);
    };
    if (req.method !== "GET" || url.pathname !== "/callback") return send(404, PAGE("Not found", "This is stsctl's sign-in listener."));
    if (url.searchParams.get("state") !== expectedState) return send(400, PAGE("Unexpected request", "This does not belong to the sign-in stsctl started."));
    const failed = url.searchParams.get("error");
    send(
      200,
      failed
        ? PAGE("Sign-in failed", "The identity provider refused the sign-in. Return to the terminal for details.")
        : PAGE("Signed in", "stsctl has what it needs. You can close this window and return to the terminal."),
    );
    deliver(url);
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const redirectUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`;
  return {
    redirectUri,
    callback,
    close: () => {
      server.close();
      server.closeAllConnections();
    },
  };
}
