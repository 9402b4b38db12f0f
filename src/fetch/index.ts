// The fetch stage: a URL plus what was seen last time to decoded text and caching headers, or a typed failure.
import type { Failure, Result } from "../result.js";
import type { CharsetSource } from "./charset.js";

/** HTTP validators remembered per URL across runs (RFC 9110 8.8). */
export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

/** What is fetched decides the Accept header, the decoding rules and whether text is decoded at all. */
export type FetchKind = "feed" | "page" | "image";

export interface FetchRequest {
  url: string;
  kind: FetchKind;
  /** Sent as If-None-Match / If-Modified-Since. */
  validators?: Validators | null;
  /** http(s):// or socks5:// URL; else from HTTPS_PROXY / HTTP_PROXY / ALL_PROXY (NO_PROXY honoured). */
  proxy?: string | null;
  /** Default: DEFAULT_USER_AGENT. */
  userAgent?: string | null;
  /** Overrides the limit for this call (images). */
  maxBytes?: number;
  signal?: AbortSignal;
}

export interface Fetched {
  status: "fetched";
  url: string;
  finalUrl: string;
  httpStatus: number;
  contentType: string | null;
  bytes: Uint8Array;
  /** Decoded for "feed" (XML rules, HTML rules when served as text/html) and "page" (HTML rules); null for "image". */
  text: string | null;
  /** The WHATWG name of the charset used, e.g. "gbk", "big5", "utf-8"; null for "image". */
  charset: string | null;
  /** Where `charset` came from; "fallback" means the text may be damaged. Null for "image"; optional so that
   * results made by hand (test doubles) need not set it. */
  charsetSource?: CharsetSource | null;
  /** From this response (a 200 without them gives nulls). */
  validators: Validators;
  /** Target of a 301/308 on the first hop, to report so the source's URL can be updated. */
  permanentRedirect: string | null;
  attempts: number;
}

export interface NotModified {
  status: "not-modified";
  url: string;
  /** The reply's validators, completed from the ones sent where the 304 left them out. */
  validators: Validators;
  attempts: number;
}

export type FetchResult = Fetched | NotModified;

export interface FetchLimits {
  /** 10_000: time to open the TCP (and TLS) connection. */
  connectTimeoutMs: number;
  /** 30_000: one try, whole request incl. redirects and body; a slow drip fails with fetch.timeout. */
  totalTimeoutMs: number;
  /** 8 MiB of decoded body (after decompression: bomb protection). */
  maxBytes: number;
  /** 5 */
  maxRedirects: number;
  /** 3 retries after the first try. */
  retries: number;
  /** 1000, doubled each retry, full jitter. */
  backoffBaseMs: number;
  /** 120_000: a longer Retry-After gives up with fetch.status 429. */
  maxRetryAfterMs: number;
  /** 2 requests at once to one host. */
  perHost: number;
  /** 8 requests at once in all. */
  global: number;
}

/** Time as the fetcher sees it: `now` dates Retry-After, `sleep` waits between tries. Tests pass a fake one. */
export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface Fetcher {
  fetch(request: FetchRequest): Promise<Result<FetchResult>>;
  /** Closes the connection pools; the fetcher is not used afterwards. */
  close(): Promise<void>;
}

/** A fetch failure: `code` is one of fetch.bad-url, fetch.timeout, fetch.network, fetch.status, fetch.too-large,
 * fetch.redirect-loop, fetch.proxy, fetch.aborted. `httpStatus` is set for fetch.status. */
export interface FetchFailure extends Failure {
  url: string;
  httpStatus?: number;
  attempts?: number;
}

export interface FetcherOptions {
  limits?: Partial<FetchLimits>;
  clock?: Clock;
  env?: Record<string, string | undefined>;
  random?: () => number;
}

export { createFetcher, DEFAULT_LIMITS, DEFAULT_USER_AGENT, systemClock } from "./fetcher.js";
export { decodeText, type CharsetSource, type DecodedText } from "./charset.js";
export { isNotModified } from "./conditional-get.js";
