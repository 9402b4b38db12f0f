// Failures of the fetch stage as data: what went wrong, with which host, and what to do about it.
import type { FetchFailure } from "./index.js";

/** A thrown error reduced to plain data, so a failure can be saved and printed. */
export function describeCause(error: unknown): { name: string; code?: string; message: string } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { name: error.name, ...(typeof code === "string" ? { code } : {}), message: error.message };
  }
  return { name: "unknown", message: String(error) };
}

/** Error codes of undici and Node that mean a wait ran out (undici lib/core/errors.js; ETIMEDOUT from the socket). */
const TIMEOUT_CODES: ReadonlySet<string> = new Set(["UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "ETIMEDOUT"]);

export interface ClassifiedError {
  failure: FetchFailure;
  retryable: boolean;
}

/** The code of an error and of the errors it wraps (undici and fetch-socks nest the socket's error in `cause`). */
function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") codes.push(code);
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

function messages(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    parts.push(current.message);
    current = (current as { cause?: unknown }).cause;
  }
  return parts.join(" / ");
}

/**
 * A thrown network error as a failure. Connect timeouts and broken connections are worth another try;
 * a proxy that refuses is reported as fetch.proxy so the person fixes the proxy, not the feed.
 */
export function classifyNetworkError(error: unknown, url: URL, proxy: URL | null): ClassifiedError {
  const codes = errorCodes(error);
  const text = messages(error);
  const cause = describeCause(error);
  const host = url.host;
  if (codes.some((code) => TIMEOUT_CODES.has(code))) {
    return {
      failure: { code: "fetch.timeout", message: `no answer from ${host} in time (${text})`, url: url.href, cause },
      retryable: true,
    };
  }
  if (proxy !== null && isProxyError(codes, text)) {
    return {
      failure: {
        code: "fetch.proxy",
        message: `the proxy ${proxy.protocol}//${proxy.host} failed for ${host}: ${text}; check that it runs and accepts this kind of connection`,
        url: url.href,
        cause,
      },
      retryable: true,
    };
  }
  return {
    failure: { code: "fetch.network", message: `connection to ${host} failed: ${text}; it is tried again next run`, url: url.href, cause },
    retryable: true,
  };
}

/** Failures to reach a host at all. Through a proxy, the only host this side connects to is the proxy. */
const UNREACHABLE_CODES: ReadonlySet<string> = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

function isProxyError(codes: string[], text: string): boolean {
  // The socks client reports "connect ECONNREFUSED host:port" in its message without a `code`.
  const named = [...UNREACHABLE_CODES].some((code) => text.includes(code));
  return /proxy|socks/i.test(text) || named || codes.some((code) => UNREACHABLE_CODES.has(code));
}
