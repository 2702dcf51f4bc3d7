import type { Ctx } from "../../app/ctx.js";
import { profileName } from "../../cli/profileName.js";
import { getProfile } from "../../config/getProfile.js";
import type { LoadedConfig } from "../../config/load.js";
import type { Profile } from "../../config/profile.js";
import { ExitCode, NetworkError } from "../../errors.js";
import { withDeadline } from "../../io/deadline.js";
import { resolveWhere } from "../../plan/resolveWhere.js";
import { type Check, fail, failFrom, ok, warn } from "./check.js";

// STS reachable at the endpoint the profile's plan would use, and the local clock
// against STS's Date header: SigV4 refuses a request signed more than 5 minutes
// off (IAM User Guide, "Elements of an AWS API request signature"), so a clock
// a minute off is a warning, five a failure.

const PROBE_MS = 5000;
const WARN_SKEW_S = 60;
const FAIL_SKEW_S = 300;

interface Answer {
  status: number;
  date?: string;
  sentAt: number;
  receivedAt: number;
}

export async function stsChecks(ctx: Ctx, config: LoadedConfig | undefined, opts: { profile?: unknown }): Promise<Check[]> {
  const what = "STS endpoint";
  let url: URL;
  let region: string;
  try {
    const where = resolveWhere({ env: ctx.env, profile: profileFor(config, profileName(undefined, opts, ctx.env)) }, []);
    region = where.region;
    url = new URL(where.endpoint ?? regionalEndpoint(where.region));
  } catch (e) {
    return [failFrom(what, e, ExitCode.config), clockUnknown()];
  }
  url.username = url.password = ""; // never shown
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return [
      fail(what, `${url.href} is not an http(s) URL`, "fix AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL or the profile's endpoint_url", ExitCode.config),
      clockUnknown(),
    ];
  }
  let answer: Answer;
  try {
    answer = await probe(ctx, url, probeMs(ctx.env));
  } catch (e) {
    return [failFrom(what, e, ExitCode.network), clockUnknown()];
  }
  return [ok(what, `${url.origin} answered (HTTP ${answer.status}) for region ${region}`), clockCheck(answer)];
}

function profileFor(config: LoadedConfig | undefined, name: string): Profile | undefined {
  if (!config?.profiles.has(name)) return undefined;
  try {
    return getProfile(config, name);
  } catch {
    return undefined; // its problem is reported by the profile checks
  }
}

/** STS's regional endpoint (AWS General Reference, "AWS Security Token Service endpoints"). */
const regionalEndpoint = (region: string) => `https://sts.${region}.amazonaws.com${region.startsWith("cn-") ? ".cn" : ""}`;

function probeMs(env: NodeJS.ProcessEnv): number {
  const set = Number(env.STSCTL_STS_TIMEOUT_MS);
  return Number.isInteger(set) && set > 0 ? Math.min(set, PROBE_MS) : PROBE_MS;
}

/** One plain GET: any HTTP answer proves the endpoint is reachable, and carries STS's Date. */
async function probe(ctx: Ctx, url: URL, ms: number): Promise<Answer> {
  const mod = url.protocol === "https:" ? await import("node:https") : await import("node:http");
  return withDeadline(
    ms,
    (signal) =>
      new Promise<Answer>((resolve, reject) => {
        const sentAt = ctx.now().getTime();
        const req = mod.request(url, { method: "GET", signal, headers: { "user-agent": "stsctl-doctor" } }, (res) => {
          resolve({ status: res.statusCode ?? 0, ...(res.headers.date ? { date: res.headers.date } : {}), sentAt, receivedAt: ctx.now().getTime() });
          res.destroy();
        });
        req.on("error", (e: NodeJS.ErrnoException) => reject(unreachable(url, e)));
        req.end();
      }),
    () =>
      new NetworkError(`${url.origin} did not answer within ${ms / 1000} s`, {
        hint: "check your network connection, a firewall or proxy in between, and AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL or the profile's endpoint_url",
      }),
  );
}

function unreachable(url: URL, e: NodeJS.ErrnoException): NetworkError {
  const code = e.code ?? e.message;
  const tls = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code);
  return new NetworkError(`cannot reach ${url.origin} (${code})`, {
    hint: tls
      ? "the TLS certificate was refused: check the host name; if a private CA signs it, name its PEM file in NODE_EXTRA_CA_CERTS"
      : "check your network connection and AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL or the profile's endpoint_url",
    cause: e,
  });
}

const clockUnknown = () => warn("clock", "not checked: STS did not answer", "fix the STS endpoint first, then run stsctl doctor again");

function clockCheck(answer: Answer): Check {
  const server = answer.date ? Date.parse(answer.date) : Number.NaN;
  if (Number.isNaN(server)) return warn("clock", "not checked: STS's answer had no Date header", "check that the endpoint really is STS");
  // Date has whole seconds, cut down: STS's time lies within the second after it.
  const skewS = Math.round((server + 500 - (answer.sentAt + answer.receivedAt) / 2) / 1000);
  const off = Math.abs(skewS);
  const detail = `this machine's clock is ${off} s ${skewS > 0 ? "behind" : "ahead of"} STS's`;
  if (off <= WARN_SKEW_S) return ok("clock", off === 0 ? "in step with STS's" : `${detail}`);
  const fix = "turn on automatic time (NTP) and resync the clock: AWS refuses requests signed more than 5 minutes off";
  return off <= FAIL_SKEW_S ? warn("clock", detail, fix) : fail("clock", detail, fix, ExitCode.aws);
}
