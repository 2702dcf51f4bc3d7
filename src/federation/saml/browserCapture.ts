import { chmodSync, mkdirSync } from "node:fs";
import type { BrowserContext, Page, Route } from "playwright-core";
import { FederationError } from "../../errors.js";
import { childEnv } from "../../io/childEnv.js";
import type { Logger } from "../../io/log.js";
import { PromptInterruptedError } from "../../io/tty.js";
import { formatDuration } from "../../output/summary.js";
import { isAwsSamlEndpoint } from "./awsSigninUrl.js";

export interface CaptureOptions {
  /** The IdP's sign-in URL for the AWS application. */
  url: string;
  executablePath: string;
  /** Real users sign in in a window; tests run headless (STSCTL_BROWSER_HEADLESS=1). */
  headless: boolean;
  timeoutMs: number;
  /** A persistent profile (created 0700) keeps the IdP's session cookie; undefined: a throwaway one. */
  profileDir?: string;
  /** More Chromium switches (STSCTL_BROWSER_ARGS), e.g. a proxy. */
  extraArgs: string[];
  /** The browser's environment (stsctl's own secrets are taken out here). */
  env: NodeJS.ProcessEnv;
  log: Logger;
}

// Quiet, private browsing: no sync, no first-run UI, no background traffic of the browser's own.
const QUIET_ARGS = ["--no-first-run", "--disable-sync", "--disable-background-networking", "--disable-component-update", "--disable-quic"];

const page = (title: string, body: string) =>
  `<!doctype html><meta charset="utf-8"><title>${title}</title>` +
  `<body style="font:16px system-ui,sans-serif;margin:4em auto;max-width:36em"><h1 style="font-size:1.4em">${title}</h1><p>${body}</p></body>`;
const DONE = page("Signed in to AWS", "stsctl has the sign-in response. You can close this window.");
const NO_RESPONSE = page("stsctl: no SAMLResponse", "This request to AWS carried no SAMLResponse, so stsctl stopped it.");

/**
 * Opens the IdP in a real browser and waits for the form POST of SAMLResponse to
 * the AWS sign-in endpoint. That request is answered inside the browser and never
 * leaves the machine: stsctl takes the response, shows "you can close this window"
 * and closes the browser. Timeout, a closed window and Ctrl-C end it cleanly.
 */
export async function captureSamlResponse(o: CaptureOptions): Promise<string> {
  const { chromium } = await import("playwright-core");
  const launch = {
    executablePath: o.executablePath,
    headless: o.headless,
    args: [...QUIET_ARGS, ...(o.headless ? ["--disable-gpu"] : []), ...o.extraArgs],
    // Playwright would hand the browser all of process.env.
    env: childEnv(o.env),
    // Pages look the way the IdP expects of a person's browser.
    ignoreDefaultArgs: ["--enable-automation"],
    // stsctl handles signals itself, so it can close the browser and report exit 130.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    timeout: 30_000,
  };
  let context: BrowserContext;
  try {
    if (o.profileDir) {
      mkdirSync(o.profileDir, { recursive: true, mode: 0o700 });
      chmodSync(o.profileDir, 0o700);
      context = await chromium.launchPersistentContext(o.profileDir, { ...launch, viewport: null });
    } else {
      const browser = await chromium.launch(launch);
      context = await browser.newContext({ viewport: null });
      context.on("close", () => void browser.close().catch(() => {}));
    }
  } catch (e) {
    throw launchError(e, o);
  }
  o.log.debug(`browser started: ${o.executablePath}${o.headless ? " (headless)" : ""}`);

  let timer: NodeJS.Timeout | undefined;
  const signals: NodeJS.Signals[] = process.platform === "win32" ? ["SIGINT"] : ["SIGINT", "SIGTERM", "SIGHUP"];
  let onSignal = () => {};
  try {
    return await new Promise<string>((resolve, reject) => {
      let done = false;
      const finish = (v: string | Error) => {
        if (done) return;
        done = true;
        if (typeof v === "string") resolve(v);
        else reject(v);
      };
      onSignal = () => finish(new PromptInterruptedError());
      for (const s of signals) process.on(s, onSignal);
      timer = setTimeout(
        () =>
          finish(
            new FederationError(`no SAML response reached AWS's sign-in page within ${formatDuration(o.timeoutMs / 1000)}`, {
              hint: "finish signing in sooner or pass --timeout (e.g. --timeout 10m); check that saml_url is the IdP's sign-in URL for its AWS application",
            }),
          ),
        o.timeoutMs,
      );
      // A person closing the last window (or the whole browser) gives up the sign-in.
      const closed = () =>
        finish(new FederationError("the browser was closed before the sign-in reached AWS", { hint: "run the command again and finish signing in" }));
      const watch = (p: Page) => p.on("close", () => void (context.pages().length === 0 && closed()));
      for (const p of context.pages()) watch(p);
      context.on("page", watch);
      context.on("close", closed);
      void context
        .route(
          (u) => isAwsSamlEndpoint(u.href),
          async (route: Route) => {
            const req = route.request();
            const value = req.method() === "POST" ? new URLSearchParams(req.postData() ?? "").get("SAMLResponse") : null;
            if (!value) {
              await route.fulfill({ status: 400, contentType: "text/html; charset=utf-8", body: NO_RESPONSE }).catch(() => {});
              return;
            }
            o.log.debug("SAMLResponse captured from the POST to the AWS sign-in endpoint (not sent)");
            await route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: DONE }).catch(() => {});
            finish(value);
          },
        )
        .then(async () => {
          const first = context.pages()[0] ?? (await context.newPage());
          o.log.debug(`opening the IdP sign-in page ${new URL(o.url).origin}`);
          await first.goto(o.url, { waitUntil: "commit", timeout: o.timeoutMs });
        })
        .catch((e: unknown) => {
          if (!done)
            finish(
              new FederationError(`cannot open the IdP sign-in page ${o.url}: ${firstLine(e)}`, { hint: "check saml_url / --url and your network connection" }),
            );
        });
    });
  } finally {
    if (timer) clearTimeout(timer);
    for (const s of signals) process.off(s, onSignal);
    // Let a person see the "you can close this window" page for a moment.
    if (!o.headless) await new Promise((r) => setTimeout(r, 800));
    await context.close().catch(() => {});
  }
}

function launchError(e: unknown, o: CaptureOptions): FederationError {
  const full = String((e as Error)?.message ?? e);
  if (/XServer|X server|\$DISPLAY|Wayland/i.test(full)) {
    return new FederationError("cannot open a browser window: there is no display", {
      hint: "sign in on a desktop session, or save the SAMLResponse and pass it with --assertion-file",
      cause: e,
    });
  }
  const hint = /singleton|profile.*in use|in use.*profile/i.test(full)
    ? `another stsctl sign-in is using the browser profile ${o.profileDir}; wait for it, or set STSCTL_SAML_BROWSER_PROFILE=off`
    : "check saml_browser / --browser-path: it must be a Chrome, Chromium or Edge executable";
  return new FederationError(`cannot start the browser ${o.executablePath}: ${firstLine(e)}`, { hint, cause: e });
}

function firstLine(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return (m.split("\n").find((l) => l.trim()) ?? "unknown error").replace(/^\w+\.\w+: /, "").slice(0, 200);
}
