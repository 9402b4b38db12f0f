// Tests of defaults.ts: the default sources against the existing mirror's subs.json.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_FETCH_SETTINGS, DEFAULT_SOURCE_OPTIONS, DEFAULT_SOURCES } from "../../src/sources/index.js";
import { sharedPath } from "../support/paths.js";

/** The sites the project's issue names as the default list. */
const ISSUE_SITES = [
  "路透", "纽约时报", "美国之音", "BBC", "自由亚洲电台", "法广", "德国之声", "联合早报", "(臺)中央社CNA", "CCTV新闻联播",
  "维权网", "寒冬", "经济学人en", "Solidot", "中国数字时代",
];

describe("DEFAULT_SOURCES", () => {
  it("are the issue's fifteen sites, in order", () => {
    expect(DEFAULT_SOURCES.map((source) => source.site)).toEqual(ISSUE_SITES);
  });

  it("carry the URLs of the existing mirror's subs.json", () => {
    const mirror = JSON.parse(readFileSync(sharedPath("corpus/subs/zhouxiang93123+waimei@d3a932aaba0f.subs.json"), "utf8")) as Array<{ site: string; url: string }>;
    expect(DEFAULT_SOURCES).toEqual(mirror.filter((source) => ISSUE_SITES.includes(source.site)));
  });
});

describe("DEFAULT_SOURCE_OPTIONS and DEFAULT_FETCH_SETTINGS", () => {
  it("match the documented defaults", () => {
    expect(DEFAULT_SOURCE_OPTIONS).toMatchObject({ clean: true, fullText: "auto", images: "mirror", enabled: true, include: [], exclude: [], remove: [] });
    expect(DEFAULT_FETCH_SETTINGS).toEqual({ concurrency: 8, perHost: 2, timeoutSeconds: 30, retries: 3, maxBytes: 8 * 1024 * 1024 });
  });

  it("cannot be changed by a caller by accident", () => {
    expect(Object.isFrozen(DEFAULT_SOURCE_OPTIONS)).toBe(true);
    expect(Object.isFrozen(DEFAULT_FETCH_SETTINGS)).toBe(true);
  });
});
