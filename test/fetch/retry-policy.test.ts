// Retry decisions: which statuses, how long to wait, and Retry-After.
import { describe, expect, it } from "vitest";
import { backoffDelay, decideRetry, isRetryableStatus, parseRetryAfter } from "../../src/fetch/retry-policy.js";

const NOW = Date.parse("2026-01-01T00:00:00Z");

describe("isRetryableStatus", () => {
  it.each([
    ["408 Request Timeout (RFC 9110 15.5.9)", 408, true],
    ["429 Too Many Requests (RFC 6585 4)", 429, true],
    ["500", 500, true],
    ["503", 503, true],
    ["599", 599, true],
    ["400 is the request's fault", 400, false],
    ["403 will not change by asking again", 403, false],
    ["404", 404, false],
    ["410 Gone", 410, false],
    ["200", 200, false],
  ])("%s", (_name, status, expected) => {
    expect(isRetryableStatus(status)).toBe(expected);
  });
});

describe("backoffDelay", () => {
  it.each([
    ["first retry, top of the range", 0, 0.999, 999],
    ["second retry doubles the range", 1, 0.5, 1000],
    ["third retry", 2, 0.5, 2000],
    ["full jitter can be zero", 3, 0, 0],
    ["a random above 1 is clamped", 0, 7, 1000],
    ["a negative random is clamped", 1, -1, 0],
  ])("%s", (_name, retry, random, expected) => {
    expect(backoffDelay(retry, 1000, () => random)).toBe(expected);
  });
});

describe("parseRetryAfter", () => {
  it.each([
    ["delay-seconds", "120", 120_000],
    ["zero", "0", 0],
    ["an HTTP-date 30 s ahead", "Thu, 01 Jan 2026 00:00:30 GMT", 30_000],
    ["an HTTP-date in the past is now", "Wed, 31 Dec 2025 23:00:00 GMT", 0],
    ["a negative number is unreadable", "-5", null],
    ["a decimal is unreadable", "1.5", null],
    ["garbage", "soon", null],
    ["absent", undefined, null],
    ["repeated: the first", ["5", "9"], 5000],
  ])("%s", (_name, value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });
});

describe("decideRetry", () => {
  const base = { retries: 3, backoffBaseMs: 1000, maxRetryAfterMs: 120_000, random: () => 0.5 };
  it.each([
    ["a retryable failure on the first try waits with backoff", { attempt: 1, retryable: true, retryAfterMs: null }, { retry: true, waitMs: 500 }],
    ["the fourth try (third retry) is the last", { attempt: 4, retryable: true, retryAfterMs: null }, { retry: false, reason: "exhausted" }],
    ["a final failure is not retried", { attempt: 1, retryable: false, retryAfterMs: null }, { retry: false, reason: "final" }],
    ["Retry-After replaces the backoff", { attempt: 1, retryable: true, retryAfterMs: 7000 }, { retry: true, waitMs: 7000 }],
    ["a Retry-After over the maximum gives up", { attempt: 1, retryable: true, retryAfterMs: 3_600_000 }, { retry: false, reason: "retry-after-too-long" }],
  ])("%s", (_name, input, expected) => {
    expect(decideRetry({ ...base, ...input })).toEqual(expected);
  });
});
