// When a failed try is tried again and how long to wait first: exponential backoff, full jitter, Retry-After.

/**
 * Statuses worth another try: 408 Request Timeout (RFC 9110 15.5.9), 429 Too Many Requests (RFC 6585 4) and
 * every 5xx (RFC 9110 15.6: the server's fault, often passing). Any other 4xx is final.
 */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599);
}

/**
 * Delay before retry number `retry` (0 for the first retry): "full jitter", a uniform draw in
 * [0, base * 2^retry) (AWS Architecture Blog, "Exponential Backoff And Jitter", 2015), so many clients
 * refused together do not come back together.
 */
export function backoffDelay(retry: number, baseMs: number, random: () => number): number {
  const ceiling = baseMs * 2 ** Math.max(0, retry);
  const draw = Math.min(Math.max(random(), 0), 1);
  return Math.floor(draw * ceiling);
}

/**
 * Retry-After (RFC 9110 10.2.3): either delay-seconds or an HTTP-date; milliseconds to wait from `now`, never
 * negative, or null when absent or unreadable.
 */
export function parseRetryAfter(value: string | string[] | undefined, now: number): number | null {
  const text = (Array.isArray(value) ? value[0] : value)?.trim() ?? "";
  if (text === "") return null;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[A-Za-z]/.test(text)) return null;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now);
}

export type RetryDecision = { retry: true; waitMs: number } | { retry: false; reason: "final" | "exhausted" | "retry-after-too-long" };

/**
 * Whether try number `attempt` (1 for the first) is followed by another. The server's Retry-After, when given,
 * replaces the backoff; one longer than `maxRetryAfterMs` ends the fetch now rather than stall the run.
 */
export function decideRetry(input: {
  attempt: number;
  retries: number;
  retryable: boolean;
  retryAfterMs: number | null;
  backoffBaseMs: number;
  maxRetryAfterMs: number;
  random: () => number;
}): RetryDecision {
  if (!input.retryable) return { retry: false, reason: "final" };
  if (input.attempt > input.retries) return { retry: false, reason: "exhausted" };
  if (input.retryAfterMs !== null) {
    if (input.retryAfterMs > input.maxRetryAfterMs) return { retry: false, reason: "retry-after-too-long" };
    return { retry: true, waitMs: input.retryAfterMs };
  }
  return { retry: true, waitMs: backoffDelay(input.attempt - 1, input.backoffBaseMs, input.random) };
}
