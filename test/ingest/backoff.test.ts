// When a failing source is tried again.
import { describe, expect, it } from "vitest";
import { isBackingOff, nextRetryAfter } from "../../src/ingest/backoff.js";

const AT = new Date("2026-01-01T00:00:00Z");

describe("nextRetryAfter", () => {
  it.each([
    ["a first failure is retried next run", 1, null],
    ["two in a row still retried next run", 2, null],
    ["three in a row waits an hour", 3, "2026-01-01T01:00:00.000Z"],
    ["five in a row waits four hours", 5, "2026-01-01T04:00:00.000Z"],
    ["a source failing for days waits at most a day", 40, "2026-01-02T00:00:00.000Z"],
  ])("%s", (_name, failures, expected) => {
    expect(nextRetryAfter(failures, AT)?.toISOString() ?? null).toBe(expected);
  });
});

describe("isBackingOff", () => {
  it.each([
    ["no retry time set", null, false],
    ["retry time in the future", "2026-01-01T01:00:00.000Z", true],
    ["retry time passed", "2025-12-31T23:00:00.000Z", false],
  ])("%s", (_name, nextRetry, expected) => {
    expect(isBackingOff(nextRetry, AT)).toBe(expected);
  });
});
