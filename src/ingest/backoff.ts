// When a failing source is tried again: hourly runs keep trying, a source failing for long is tried less often.

const HOUR_MS = 3_600_000;
/** Failures in a row that are retried on every run before backing off (one bad hour is common for news sites). */
const FREE_RETRIES = 3;
const MAX_WAIT_MS = 24 * HOUR_MS;

/** The earliest time to try a source again after `consecutiveFailures` failures; null means "next run". */
export function nextRetryAfter(consecutiveFailures: number, lastAttempt: Date): Date | null {
  if (consecutiveFailures < FREE_RETRIES) return null;
  const wait = Math.min(MAX_WAIT_MS, HOUR_MS * 2 ** (consecutiveFailures - FREE_RETRIES));
  return new Date(lastAttempt.getTime() + wait);
}

/** True when the source's back-off has not elapsed yet at `now`. */
export function isBackingOff(nextRetry: string | null, now: Date): boolean {
  return nextRetry !== null && Date.parse(nextRetry) > now.getTime();
}
