// A real OpenID provider for tests: the `oidc-provider` package on
// 127.0.0.1:<random port>, with its own login, consent and device pages
// (devInteractions: any login name signs in as that user), one public native
// client allowed to redirect to a loopback address on any port (RFC 8252),
// the device flow, and refresh tokens for `offline_access`. Its signing keys are
// generated here, so tests can also mint tokens the provider's JWKS verifies.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from "jose";

export const TEST_CLIENT_ID = "stsctl-cli";
export const DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

export interface StartOidcProviderOptions {
  /** Seconds a refresh token lives (default 1 day). */
  refreshTokenTtl?: number;
  /** Seconds an ID token lives (default 1 hour). */
  idTokenTtl?: number;
  /** Polling interval the device authorization response announces (default 1 s, so tests stay quick). */
  deviceInterval?: number;
  /** Algorithm the provider signs the client's ID tokens with (default RS256). */
  idTokenAlg?: "RS256" | "ES256";
  /** Answer this many pending device-code polls with slow_down instead of authorization_pending. */
  slowDownPolls?: number;
}

export interface MintOptions {
  alg?: "RS256" | "ES256";
  /** Sign with a key the provider does not publish (kid unchanged): a forged signature. */
  foreignKey?: boolean;
  /** Seconds from now until `exp`; null leaves `exp` out (default 3600). */
  expiresIn?: number | null;
  audience?: string | string[];
  issuer?: string;
}

export interface OidcTestProvider {
  /** Issuer identifier, "http://127.0.0.1:PORT". */
  issuer: string;
  clientId: string;
  /** Successful token-endpoint requests of `grantType` (e.g. "authorization_code", "refresh_token"). */
  grants(grantType: string): number;
  /** Every token-endpoint request: grant type, HTTP status, OAuth error code if any, and when (ms since the epoch). */
  tokenRequests: TokenRequest[];
  /** When each device authorization request was answered (ms since the epoch): a device client's first poll waits its interval from then. */
  deviceAuthorizations: number[];
  /** A JWT signed with the provider's own key (or a foreign one), for token-file tests. */
  mintIdToken(claims: Record<string, unknown>, opts?: MintOptions): Promise<string>;
  /** Publish other keys under the same key ids at jwks_uri (true), or the real ones again (false). */
  publishWrongKeys(on: boolean): Promise<void>;
  /** The HTTP status of each token revocation request (RFC 7009), in order. */
  revocations: number[];
  /** Refresh tokens the provider holds and would honour. */
  liveRefreshTokens(): number;
  /** Forget every session, grant and refresh token (as if the user signed out everywhere). */
  forgetEverything(): void;
  close(): Promise<void>;
}

export interface TokenRequest {
  grantType: string;
  status: number;
  error?: string;
  at: number;
}

interface SigningKey {
  kid: string;
  alg: "RS256" | "ES256";
  privateKey: CryptoKey;
  jwk: JWK;
}

async function signingKey(alg: "RS256" | "ES256", kid: string): Promise<SigningKey> {
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid, alg, use: "sig" };
  return { kid, alg, privateKey, jwk };
}

// oidc-provider ships no type declarations; this is the part of its API used here.
type KoaCtx = { path: string; method: string; status: number; body: unknown; oidc?: { params?: Record<string, unknown> } };
interface ProviderInstance {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  use(mw: (ctx: KoaCtx, next: () => Promise<void>) => Promise<void>): void;
  on(event: string, fn: (ctx: KoaCtx, body: Record<string, unknown>) => void): void;
}
type ProviderClass = new (issuer: string, config: Record<string, unknown>) => ProviderInstance;

/** A tiny in-memory storage adapter, so tests can wipe the provider's state. */
function memoryAdapter(store: Map<string, { payload: Record<string, unknown>; expiresAt?: number }>) {
  return class {
    constructor(private readonly model: string) {}
    private key(id: string) {
      return `${this.model}:${id}`;
    }
    async upsert(id: string, payload: Record<string, unknown>, expiresIn?: number) {
      store.set(this.key(id), { payload, ...(expiresIn ? { expiresAt: Date.now() + expiresIn * 1000 } : {}) });
      if (payload.uid) store.set(`${this.model}:uid:${payload.uid as string}`, { payload: { id } });
      if (payload.userCode) store.set(`${this.model}:userCode:${payload.userCode as string}`, { payload: { id } });
    }
    async find(id: string) {
      const hit = store.get(this.key(id));
      if (!hit || (hit.expiresAt !== undefined && hit.expiresAt < Date.now())) return undefined;
      return hit.payload;
    }
    async findByUid(uid: string) {
      const ref = store.get(`${this.model}:uid:${uid}`);
      return ref ? this.find(ref.payload.id as string) : undefined;
    }
    async findByUserCode(userCode: string) {
      const ref = store.get(`${this.model}:userCode:${userCode}`);
      return ref ? this.find(ref.payload.id as string) : undefined;
    }
    async consume(id: string) {
      const hit = store.get(this.key(id));
      if (hit) hit.payload.consumed = Math.floor(Date.now() / 1000);
    }
    async destroy(id: string) {
      store.delete(this.key(id));
    }
    async revokeByGrantId(grantId: string) {
      for (const [k, v] of store) if (v.payload.grantId === grantId) store.delete(k);
    }
  };
}

export async function startOidcProvider(opts: StartOidcProviderOptions = {}): Promise<OidcTestProvider> {
  // The package warns on Node 20 ("Unsupported runtime"); it runs there, see the report in docs/oidc.md.
  const { default: Provider } = (await import("oidc-provider" as string)) as { default: ProviderClass };
  const keys = { RS256: await signingKey("RS256", "rsa-1"), ES256: await signingKey("ES256", "ec-1") };
  const store = new Map<string, { payload: Record<string, unknown>; expiresAt?: number }>();
  const tokenRequests: TokenRequest[] = [];
  const deviceAuthorizations: number[] = [];
  const revocations: number[] = [];
  let slowDowns = opts.slowDownPolls ?? 0;
  let wrongKeys: JWK[] | undefined;

  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const server = createServer((req, res) => {
    if (handler) handler(req, res);
    else res.writeHead(503).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    adapter: memoryAdapter(store),
    clients: [
      {
        client_id: TEST_CLIENT_ID,
        client_name: "stsctl",
        application_type: "native",
        token_endpoint_auth_method: "none",
        // Any port on the loopback address is accepted for native clients (RFC 8252 section 7.3).
        redirect_uris: ["http://127.0.0.1/callback"],
        grant_types: ["authorization_code", "refresh_token", DEVICE_GRANT],
        response_types: ["code"],
        id_token_signed_response_alg: opts.idTokenAlg ?? "RS256",
      },
    ],
    jwks: { keys: [keys.RS256.jwk, keys.ES256.jwk] },
    cookies: { keys: ["stsctl-test-cookie-key"] },
    scopes: ["openid", "email", "offline_access"],
    claims: { openid: ["sub"], email: ["email", "email_verified"] },
    // Put scope claims (email) in the ID token itself, where AWS and stsctl read them.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true }, deviceFlow: { enabled: true }, revocation: { enabled: true } },
    ttl: {
      IdToken: opts.idTokenTtl ?? 3600,
      AccessToken: 3600,
      RefreshToken: opts.refreshTokenTtl ?? 86400,
      DeviceCode: 600,
      Grant: 86400,
      Session: 86400,
      Interaction: 600,
    },
    async findAccount(_ctx: unknown, id: string) {
      return {
        accountId: id,
        claims: async () => ({ sub: id, email: `${id}@example.test`, email_verified: true }),
      };
    },
  });
  provider.use(async (ctx, next) => {
    try {
      await next();
    } finally {
      if (wrongKeys && ctx.method === "GET" && ctx.path === "/jwks") ctx.body = { keys: wrongKeys };
      if (ctx.method === "POST" && ctx.path === "/token/revocation") revocations.push(ctx.status);
      // Errors (authorization_pending, invalid_grant) are answered by an inner handler or thrown past us: count both.
      if (ctx.method === "POST" && ctx.path === "/token") {
        const body = ctx.body as { error?: string } | undefined;
        // A busy server tells a polling client to back off (RFC 8628 section 3.5).
        if (body?.error === "authorization_pending" && slowDowns > 0) {
          slowDowns--;
          ctx.body = { error: "slow_down", error_description: "poll less often" };
        }
        const error = (ctx.body as { error?: string } | undefined)?.error;
        tokenRequests.push({ grantType: String(ctx.oidc?.params?.grant_type ?? ""), status: ctx.status, ...(error ? { error } : {}), at: Date.now() });
      }
    }
  });
  // oidc-provider announces no interval (clients then wait 5 s); a real server may say 1 s.
  provider.on("device_authorization.success", (_ctx, body) => {
    body.interval = opts.deviceInterval ?? 1;
    deviceAuthorizations.push(Date.now());
  });
  handler = provider.callback();

  return {
    issuer,
    clientId: TEST_CLIENT_ID,
    tokenRequests,
    deviceAuthorizations,
    revocations,
    liveRefreshTokens: () =>
      [...store.entries()].filter(
        ([k, v]) => /^RefreshToken:(?!uid:)/.test(k) && !v.payload.consumed && !(v.expiresAt !== undefined && v.expiresAt < Date.now()),
      ).length,
    grants: (grantType) => tokenRequests.filter((r) => r.grantType === grantType && r.status === 200).length,
    async mintIdToken(claims, o = {}) {
      const alg = o.alg ?? "ES256";
      const key = o.foreignKey ? await signingKey(alg, keys[alg].kid) : keys[alg];
      const now = Math.floor(Date.now() / 1000);
      const jwt = new SignJWT({ ...claims })
        .setProtectedHeader({ alg, kid: key.kid, typ: "JWT" })
        .setIssuer(o.issuer ?? issuer)
        .setAudience(o.audience ?? TEST_CLIENT_ID)
        .setIssuedAt(now);
      if (o.expiresIn !== null) jwt.setExpirationTime(now + (o.expiresIn ?? 3600));
      return jwt.sign(key.privateKey);
    },
    async publishWrongKeys(on) {
      if (!on) {
        wrongKeys = undefined;
        return;
      }
      wrongKeys = [];
      for (const k of Object.values(keys)) {
        const { d: _private, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub } = (await signingKey(k.alg, k.kid)).jwk;
        wrongKeys.push(pub);
      }
    },
    forgetEverything: () => store.clear(),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
