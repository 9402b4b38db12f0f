// The fetcher: one request through proxy choice, politeness limits, redirects, retries and decoding to a FetchResult.
import type { Dispatcher } from "undici";
import { fail, type Result } from "../result.js";
import { conditionalHeaders } from "./conditional-get.js";
import { exchange } from "./exchange.js";
import { interpretReply } from "./fetch-result.js";
import { createHostLimiter } from "./host-limiter.js";
import type { Clock, FetchFailure, Fetcher, FetcherOptions, FetchLimits, FetchRequest, FetchResult } from "./index.js";
import { chooseProxy, createDirectDispatcher, createProxyDispatcher, parseProxy } from "./proxy.js";
import { followRedirects, type Followed } from "./redirect.js";
import { decideRetry, isRetryableStatus, parseRetryAfter } from "./retry-policy.js";

export const DEFAULT_LIMITS: FetchLimits = {
  connectTimeoutMs: 10_000,
  totalTimeoutMs: 30_000,
  maxBytes: 8 * 1024 * 1024,
  maxRedirects: 5,
  retries: 3,
  backoffBaseMs: 1000,
  maxRetryAfterMs: 120_000,
  perHost: 2,
  global: 8,
};

export const DEFAULT_USER_AGENT = "newsmirror/0.1 (+https://github.com/newsmirror/newsmirror)";

/** Accept headers per kind (RFC 9110 12.5.1): feed types first, HTML last for feeds served as pages. */
const ACCEPT: Readonly<Record<FetchRequest["kind"], string>> = {
  feed: "application/rss+xml, application/atom+xml, application/rdf+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5",
  page: "text/html, application/xhtml+xml;q=0.9, */*;q=0.5",
  image: "image/avif, image/webp, image/*;q=0.9, */*;q=0.5",
};

/** Codings decoded by body-limit.ts. */
const ACCEPT_ENCODING = "gzip, deflate, br";

/** Real time: `sleep` is a timer that an abort ends early (the caller then sees the signal aborted). */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        signal?.removeEventListener("abort", done);
        resolve();
      }
      signal?.addEventListener("abort", done, { once: true });
    }),
};

function failure(code: string, message: string, url: string, extra: Partial<FetchFailure> = {}): Result<never> {
  return fail({ code, message, url, ...extra });
}

function parseTarget(url: string): URL | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed : null;
  } catch {
    return null;
  }
}

export function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

/**
 * Builds a fetcher. Connection pools (one per proxy) live until `close()`.
 *
 * @example
 * const fetcher = createFetcher({ limits: { retries: 1 } });
 * const result = await fetcher.fetch({ url: "https://www.cna.com.tw/rss/aall.xml", kind: "feed", validators });
 */
export function createFetcher(options: FetcherOptions = {}): Fetcher {
  const limits: FetchLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const clock = options.clock ?? systemClock;
  const env = options.env ?? process.env;
  const random = options.random ?? Math.random;
  const limiter = createHostLimiter(limits.perHost, limits.global);
  const dispatchers = new Map<string, Dispatcher>();
  const timeouts = { connectTimeoutMs: limits.connectTimeoutMs, totalTimeoutMs: limits.totalTimeoutMs };

  function dispatcherFor(proxy: ReturnType<typeof parseProxy> | null): Dispatcher {
    const key = proxy !== null && proxy.ok ? proxy.url.href : "direct";
    let dispatcher = dispatchers.get(key);
    if (dispatcher === undefined) {
      dispatcher = proxy !== null && proxy.ok ? createProxyDispatcher(proxy, timeouts) : createDirectDispatcher(timeouts);
      dispatchers.set(key, dispatcher);
    }
    return dispatcher;
  }

  /** One try: redirects followed under the total timeout; each hop waits for its host's slot. */
  async function tryOnce(target: URL, request: FetchRequest, maxBytes: number): Promise<Followed> {
    const timeout = new AbortController();
    // The clock starts when the first hop gets its slot: time queued behind other requests to the host is not the server's.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const startTimer = (): void => {
      timer ??= setTimeout(() => timeout.abort(new Error("total timeout")), limits.totalTimeoutMs);
    };
    const signal = request.signal ? AbortSignal.any([request.signal, timeout.signal]) : timeout.signal;
    const headers: Record<string, string> = {
      "user-agent": request.userAgent?.trim() || DEFAULT_USER_AGENT,
      accept: ACCEPT[request.kind] ?? "*/*",
      "accept-encoding": ACCEPT_ENCODING,
      ...conditionalHeaders(request.validators),
    };
    try {
      const followed = await followRedirects(target, limits.maxRedirects, async (url) => {
        const proxyText = chooseProxy(url, request.proxy, env);
        const proxy = proxyText === null ? null : parseProxy(proxyText);
        if (proxy !== null && !proxy.ok) {
          return { ok: false, failure: { code: "fetch.proxy", message: `the proxy setting for ${url.host} is wrong: ${proxy.reason}; use http://HOST:PORT or socks5://HOST:PORT`, url: url.href }, retryable: false };
        }
        const dispatcher = dispatcherFor(proxy);
        return limiter.run(url.host, () => {
          startTimer();
          return exchange(url, { dispatcher, headers, signal, maxBytes, proxy: proxy?.ok ? proxy.url : null });
        });
      });
      if (followed.ok || request.signal?.aborted) return followed;
      if (timeout.signal.aborted) {
        return {
          ok: false,
          failure: { code: "fetch.timeout", message: `no complete answer from ${target.host} in ${seconds(limits.totalTimeoutMs)}; it is tried again next run`, url: target.href, cause: followed.failure.cause },
          retryable: false,
        };
      }
      return followed;
    } finally {
      clearTimeout(timer);
    }
  }

  async function fetchOnce(request: FetchRequest): Promise<Result<FetchResult>> {
    const target = parseTarget(String(request.url));
    if (target === null) return failure("fetch.bad-url", `"${String(request.url)}" is not an http(s) URL; fix the source's url`, String(request.url));
    const maxBytes = request.maxBytes !== undefined && request.maxBytes > 0 ? request.maxBytes : limits.maxBytes;
    const aborted = (): Result<never> => failure("fetch.aborted", `fetching ${target.host} was stopped`, target.href);
    for (let attempt = 1; ; attempt += 1) {
      if (request.signal?.aborted) return aborted();
      const followed = await tryOnce(target, request, maxBytes);
      if (request.signal?.aborted) return aborted();
      let retryable: boolean;
      let retryAfterMs: number | null = null;
      let final: Result<FetchResult>;
      if (followed.ok) {
        const outcome = interpretReply(request, target, followed, attempt);
        if (outcome.ok || !isRetryableStatus(followed.status)) return outcome;
        final = outcome;
        retryable = true;
        retryAfterMs = parseRetryAfter(followed.headers["retry-after"], clock.now());
      } else {
        final = fail({ ...followed.failure, attempts: attempt } as FetchFailure);
        retryable = followed.retryable;
      }
      const decision = decideRetry({ attempt, retries: limits.retries, retryable, retryAfterMs, backoffBaseMs: limits.backoffBaseMs, maxRetryAfterMs: limits.maxRetryAfterMs, random });
      if (!decision.retry) {
        if (decision.reason === "retry-after-too-long" && !final.ok) {
          final.failure.message += `; it asks to wait ${seconds(retryAfterMs ?? 0)}, longer than the ${seconds(limits.maxRetryAfterMs)} allowed, so it is tried next run`;
        }
        return final;
      }
      await clock.sleep(decision.waitMs, request.signal);
    }
  }

  return {
    fetch: async (request) => {
      try {
        return await fetchOnce(request);
      } catch (error) {
        // Every expected failure is a value above; reaching here is a bug, kept as data so one source cannot stop the run.
        return failure("fetch.network", `fetching ${String(request?.url)} failed unexpectedly: ${String(error)}`, String(request?.url), { cause: error });
      }
    },
    close: async () => {
      const all = [...dispatchers.values()];
      dispatchers.clear();
      await Promise.all(all.map((dispatcher) => dispatcher.close().catch(() => undefined)));
    },
  };
}
