// The sign-in listener: only 127.0.0.1, and only a redirect carrying the
// state stsctl generated ends the wait; anything else is turned away.
import { afterEach, describe, expect, it } from "vitest";
import { listenForRedirect, type LoopbackListener } from "../../src/federation/oidc/loopbackListener.js";

let listener: LoopbackListener | undefined;
afterEach(() => listener?.close());

describe("listenForRedirect", () => {
  it("turns away requests without the expected state and resolves with the real redirect", async () => {
    listener = await listenForRedirect("expected-state");
    expect(listener.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    let settled = false;
    void listener.callback.then(() => (settled = true));
    const forged = await fetch(`${listener.redirectUri}?code=attacker&state=other`);
    expect(forged.status).toBe(400);
    const elsewhere = await fetch(listener.redirectUri.replace("/callback", "/favicon.ico"));
    expect(elsewhere.status).toBe(404);
    await new Promise((r) => setTimeout(r, 20));
    expect(settled).toBe(false);
    const real = await fetch(`${listener.redirectUri}?code=abc&state=expected-state&iss=x`);
    expect(real.status).toBe(200);
    expect(await real.text()).toContain("Signed in");
    const url = await listener.callback;
    expect(url.searchParams.get("code")).toBe("abc");
  });

  it("shows a failure page for an error redirect and still hands it over, so the error can be reported", async () => {
    listener = await listenForRedirect("s");
    const res = await fetch(`${listener.redirectUri}?error=access_denied&state=s`);
    expect(await res.text()).toContain("Sign-in failed");
    expect((await listener.callback).searchParams.get("error")).toBe("access_denied");
  });
});
