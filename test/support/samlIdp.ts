// A tiny SAML identity provider on 127.0.0.1 for tests: a sign-in form
// (username, password, a button), a session cookie, and after sign-in an
// auto-submitting form that POSTs a freshly signed SAMLResponse to the real
// AWS sign-in URL. That host is unreachable from here, so only a client that
// intercepts the POST (stsctl's browser capture) can get anything out of it.
//
//   const idp = await startSamlIdp({ key, roles: [...], autofill: { username: "alice", password: "pw" } });
//   // open idp.url in a browser ...
//   await idp.close();
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { AWS_SAML_ENDPOINT, signedResponse, type ResponseOptions } from "./samlIdp/signedResponse.js";
import type { SigningKey } from "./samlIdp/signingKey.js";

export { createSigningKey, type SigningKey } from "./samlIdp/signingKey.js";
export { AWS_SAML_ENDPOINT, signedResponse, signedResponseXml, type ResponseOptions } from "./samlIdp/signedResponse.js";

export interface SamlIdpOptions {
  /** The key responses are signed with (a different one than registered: the tampered case). */
  key: SigningKey;
  roles: ResponseOptions["roles"];
  /** username → password (default alice / "correct horse"). */
  users?: Record<string, string>;
  sessionDuration?: number;
  /** Validity window of each response, seconds around its issue time. */
  notBeforeOffset?: number;
  notOnOrAfterOffset?: number;
  /** The sign-in page fills in the form and presses the button itself: the person at the keyboard, in a test. */
  autofill?: { username: string; password: string };
  /** Where the auto-submitting form posts (default https://signin.aws.amazon.com/saml). */
  postTo?: string;
}

export interface SamlIdp {
  /** The IdP's sign-in URL for the AWS application (saml_url). */
  url: string;
  /** The IdP's entity id (Issuer of its responses). */
  issuer: string;
  /** Times the sign-in form was served, and successful sign-ins. */
  counts: { formShown: number; signIns: number; responses: number };
  /** Change options for later requests (roles, duration, autofill...). */
  update(patch: Partial<SamlIdpOptions>): void;
  close(): Promise<void>;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export async function startSamlIdp(initial: SamlIdpOptions): Promise<SamlIdp> {
  let o: SamlIdpOptions = { ...initial };
  const sessions = new Map<string, string>();
  const counts = { formShown: 0, signIns: 0, responses: 0 };
  let base = "";

  const html = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", ...headers });
    res.end(`<!doctype html><html><head><meta charset="utf-8"><title>Test IdP</title></head><body>${body}</body></html>`);
  };
  const signInForm = (res: ServerResponse, error?: string) => {
    counts.formShown++;
    const fill = o.autofill
      ? `<script>addEventListener("load",()=>{document.getElementById("username").value=${JSON.stringify(o.autofill.username)};` +
        `document.getElementById("password").value=${JSON.stringify(o.autofill.password)};document.getElementById("signin").click();});</script>`
      : "";
    html(
      res,
      error ? 401 : 200,
      `<h1>Sign in to Test IdP</h1>${error ? `<p role="alert">${esc(error)}</p>` : ""}` +
        `<form method="post" action="/login"><label>Username <input id="username" name="username" autocomplete="username"></label>` +
        `<label>Password <input id="password" name="password" type="password" autocomplete="current-password"></label>` +
        `<button id="signin" type="submit">Sign in</button></form>${fill}`,
    );
  };
  const postToAws = (res: ServerResponse, user: string, headers: Record<string, string> = {}) => {
    counts.responses++;
    const response = signedResponse({
      key: o.key,
      issuer: `${base}/metadata`,
      subject: `${user}@example.com`,
      roles: o.roles,
      sessionName: `${user}@example.com`,
      ...(o.sessionDuration !== undefined ? { sessionDuration: o.sessionDuration } : {}),
      ...(o.notBeforeOffset !== undefined ? { notBeforeOffset: o.notBeforeOffset } : {}),
      ...(o.notOnOrAfterOffset !== undefined ? { notOnOrAfterOffset: o.notOnOrAfterOffset } : {}),
    });
    html(
      res,
      200,
      `<p>Signing in to AWS...</p><form method="post" action="${esc(o.postTo ?? AWS_SAML_ENDPOINT)}">` +
        `<input type="hidden" name="SAMLResponse" value="${esc(response)}"><noscript><button type="submit">Continue</button></noscript></form>` +
        `<script>document.forms[0].submit();</script>`,
      headers,
    );
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", base);
    const cookie = /(?:^|;\s*)idp_session=([\w-]+)/.exec(req.headers.cookie ?? "")?.[1];
    const user = cookie ? sessions.get(cookie) : undefined;
    if (req.method === "GET" && url.pathname === "/app/aws") return user ? postToAws(res, user) : signInForm(res);
    if (req.method === "POST" && url.pathname === "/login") {
      let body = "";
      for await (const chunk of req) {
        body += chunk;
        if (body.length > 10_000) return html(res, 413, "too large");
      }
      const form = new URLSearchParams(body);
      const name = form.get("username") ?? "";
      const users = o.users ?? { alice: "correct horse" };
      if (!name || users[name] === undefined || users[name] !== form.get("password")) return signInForm(res, "Wrong username or password.");
      counts.signIns++;
      const id = randomBytes(16).toString("hex");
      sessions.set(id, name);
      // A persistent cookie, so a browser profile kept on disk stays signed in.
      return postToAws(res, name, { "Set-Cookie": `idp_session=${id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=3600` });
    }
    html(res, 404, "not found");
  };

  const server = createServer((req, res) => void handle(req, res).catch(() => html(res, 500, "error")));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${base}/app/aws`,
    issuer: `${base}/metadata`,
    counts,
    update: (patch) => {
      o = { ...o, ...patch };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
