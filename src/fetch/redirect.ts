// Following redirects within one try: bounded, loops caught, the final URL and a first-hop permanent move recorded.
import type { Exchange, ReplyHeaders } from "./exchange.js";
import type { FetchFailure } from "./index.js";

/** Redirect statuses with a Location to follow (RFC 9110 15.4.2-15.4.9); 300 and 304/305/306 are not redirects to follow. */
const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);
/** Permanent ones (RFC 9110 15.4.2 and 15.4.9): the source's URL should be updated, so the target is reported. */
const PERMANENT_STATUSES: ReadonlySet<number> = new Set([301, 308]);

export function isRedirect(status: number): boolean {
  return REDIRECT_STATUSES.has(status);
}

export type Followed =
  | { ok: true; finalUrl: URL; status: number; headers: ReplyHeaders; bytes: Uint8Array | null; permanentRedirect: string | null }
  | { ok: false; failure: FetchFailure; retryable: boolean };

function location(headers: ReplyHeaders): string | null {
  const value = headers["location"];
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text.trim() === "" ? null : text.trim();
}

function redirectFailure(code: string, message: string, url: URL): Followed {
  return { ok: false, failure: { code, message, url: url.href }, retryable: false };
}

/**
 * GETs `start` and follows redirects, at most `maxRedirects` of them. A URL seen twice is a loop; going past the
 * bound is reported with the same code, since a long chain is a loop in practice. Only http(s) targets are followed.
 */
export async function followRedirects(start: URL, maxRedirects: number, hop: (url: URL) => Promise<Exchange>): Promise<Followed> {
  const seen: string[] = [start.href];
  let current = start;
  let permanentRedirect: string | null = null;
  for (let hops = 0; ; hops += 1) {
    const reply = await hop(current);
    if (!reply.ok) return reply;
    const target = isRedirect(reply.status) ? location(reply.headers) : null;
    if (target === null) return { ok: true, finalUrl: current, status: reply.status, headers: reply.headers, bytes: reply.bytes, permanentRedirect };
    let next: URL;
    try {
      next = new URL(target, current);
    } catch {
      return redirectFailure("fetch.bad-url", `${current.host} redirects to "${target}", which is not a URL`, current);
    }
    if (next.protocol !== "http:" && next.protocol !== "https:") {
      return redirectFailure("fetch.bad-url", `${current.host} redirects to ${next.protocol} URL ${next.href}; only http(s) is followed`, current);
    }
    next.hash = "";
    if (hops === 0 && PERMANENT_STATUSES.has(reply.status)) permanentRedirect = next.href;
    if (seen.includes(next.href)) {
      return redirectFailure("fetch.redirect-loop", `redirect loop at ${current.host}: ${[...seen, next.href].join(" -> ")}; check the URL in a browser`, start);
    }
    if (hops + 1 > maxRedirects) {
      return redirectFailure("fetch.redirect-loop", `more than ${maxRedirects} redirects from ${start.host} (last: ${next.href}); update the URL to where it ends`, start);
    }
    seen.push(next.href);
    current = next;
  }
}
