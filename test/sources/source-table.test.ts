// Tests of source-table.ts: the `sources list` table.
import { describe, expect, it } from "vitest";
import { DEFAULT_SOURCE_OPTIONS, describeSetOptions, formatSourceTable, type Source } from "../../src/sources/index.js";

const source = (site: string, url: string, options: Partial<Source> = {}): Source => ({
  ...DEFAULT_SOURCE_OPTIONS,
  site,
  url,
  origin: { file: "subs.json", line: 2 },
  ...options,
});

describe("formatSourceTable", () => {
  it("pads columns by display width, CJK taking two cells", () => {
    const table = formatSourceTable({
      defaults: DEFAULT_SOURCE_OPTIONS,
      sources: [source("中央社", "https://c/", { clean: false }), source("BBC", "https://bbc/", { enabled: false })],
    });
    expect(table).toBe(
      [
        "site    url           enabled  options",
        "中央社  https://c/    yes      clean=false",
        "BBC     https://bbc/  no",
        "",
      ].join("\n"),
    );
  });
});

describe("describeSetOptions", () => {
  it.each([
    ["nothing beyond the defaults", {}, ""],
    ["lists joined with commas", { remove: ["div.a", ".b"] }, "remove=div.a,.b"],
    ["file key names", { fullText: "never", userAgent: "UA" }, "full_text=never user_agent=UA"],
    ["enabled has its own column", { enabled: false }, ""],
  ] as Array<[string, Partial<Source>, string]>)("%s", (_, options, expected) => {
    expect(describeSetOptions(source("A", "https://a/", options), DEFAULT_SOURCE_OPTIONS)).toBe(expected);
  });

  it("compares with the mirror's defaults, not the built-in ones", () => {
    const defaults = { ...DEFAULT_SOURCE_OPTIONS, clean: false };
    expect(describeSetOptions(source("A", "https://a/", { clean: false }), defaults)).toBe("");
    expect(describeSetOptions(source("A", "https://a/", { clean: true }), defaults)).toBe("clean=true");
  });
});
