// Tests of time-zone.ts: IANA zone names as Node 20's ICU knows them.
import { describe, expect, it } from "vitest";
import { canonicalTimeZone } from "../../src/sources/time-zone.js";

describe("canonicalTimeZone", () => {
  it.each([
    ["a canonical IANA zone", "Asia/Shanghai", "Asia/Shanghai"],
    ["UTC", "UTC", "UTC"],
    ["wrong case is fixed (ICU matches case-insensitively)", "asia/taipei", "Asia/Taipei"],
    ["an Etc zone", "Etc/GMT-8", "Etc/GMT-8"],
    ["an unknown zone", "Mars/Olympus", null],
    ["an offset is not a zone on Node 20", "+08:00", null],
    ["empty text", "", null],
    ["blank text", "  ", null],
  ])("%s", (_, name, expected) => {
    expect(canonicalTimeZone(name)).toBe(expected);
  });
});
