// One HTTP GET and its reply: status, headers and, for a success, the body read under the byte cap.
import { request, type Dispatcher } from "undici";
import { readCappedBody } from "./body-limit.js";
import { classifyNetworkError, describeCause } from "./fetch-failure.js";
import type { FetchFailure } from "./index.js";

export type ReplyHeaders = Record<string, string | string[] | undefined>;

export type Exchange =
  | { ok: true; status: number; headers: ReplyHeaders; bytes: Uint8Array | null }
  | { ok: false; failure: FetchFailure; retryable: boolean };

export interface ExchangeOptions {
  dispatcher: Dispatcher;
  headers: Record<string, string>;
  signal: AbortSignal;
  maxBytes: number;
  proxy: URL | null;
}

function isSuccess(status: number): boolean {
  return status >= 200 && status <= 299;
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function tooLarge(url: URL, limit: number): Exchange {
  const mib = (limit / 1024 / 1024).toFixed(limit < 1024 * 1024 ? 2 : 0);
  return {
    ok: false,
    failure: { code: "fetch.too-large", message: `the reply from ${url.host} is over the ${mib} MiB cap (after decompression)`, url: url.href },
    retryable: false,
  };
}

/** Reads the body of a 2xx reply; other replies are drained without keeping their body. */
async function readReply(url: URL, reply: Dispatcher.ResponseData, options: ExchangeOptions): Promise<Exchange> {
  const headers = reply.headers as ReplyHeaders;
  if (!isSuccess(reply.statusCode)) {
    await reply.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
    return { ok: true, status: reply.statusCode, headers, bytes: null };
  }
  const declaredLength = Number(headerText(headers["content-length"]));
  if (headers["content-encoding"] === undefined && declaredLength > options.maxBytes) {
    reply.body.on("error", () => undefined); // destroying the unread body reports an abort nobody needs
    reply.body.destroy();
    return tooLarge(url, options.maxBytes);
  }
  const body = await readCappedBody(reply.body, headers["content-encoding"], options.maxBytes);
  if (body.ok) return { ok: true, status: reply.statusCode, headers, bytes: body.bytes };
  if (body.reason === "too-large") return tooLarge(url, body.limit);
  const what = body.reason === "unknown-encoding" ? `an unknown content coding "${body.encoding}"` : `a corrupt ${body.encoding} body`;
  return {
    ok: false,
    failure: {
      code: "fetch.network",
      message: `${url.host} sent ${what}; try again later or report it to the site`,
      url: url.href,
      cause: body.reason === "corrupt" ? describeCause(body.error) : undefined,
    },
    retryable: false,
  };
}

/** One GET of `url`, no redirect followed. A thrown error becomes a classified failure; nothing throws out. */
export async function exchange(url: URL, options: ExchangeOptions): Promise<Exchange> {
  try {
    const reply = await request(url, {
      method: "GET",
      dispatcher: options.dispatcher,
      headers: options.headers,
      signal: options.signal,
    });
    return await readReply(url, reply, options);
  } catch (error) {
    return { ok: false, ...classifyNetworkError(error, url, options.proxy) };
  }
}
