// Tests of mirror-yml.ts: the newsmirror.yml shape and its problems with lines.
import fc from "fast-check";
import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { readMirrorYml } from "../../src/sources/mirror-yml.js";

describe("readMirrorYml", () => {
  it("reads defaults, fetch and sources", () => {
    const reading = readMirrorYml(
      [
        "defaults: { clean: true, full_text: auto, images: mirror }",
        "fetch: { concurrency: 8, per_host: 2, timeout: 30, retries: 3, max_bytes: 8388608 }",
        "sources:",
        '  - { site: "(臺)中央社CNA", url: "https://feedx.net/rss/cna.xml", clean: false, remove: ["div.SubscriptionInner"] }',
        "  - url: https://rsshub.app/bbc/chinese",
        "    proxy: socks5://127.0.0.1:9050",
      ].join("\n"),
      "newsmirror.yml",
    );
    expect(reading.problems).toEqual([]);
    expect(reading.defaults).toEqual({ clean: true, fullText: "auto", images: "mirror" });
    expect(reading.fetch).toEqual({ concurrency: 8, perHost: 2, timeoutSeconds: 30, retries: 3, maxBytes: 8388608 });
    expect(reading.sources).toEqual([
      { site: "(臺)中央社CNA", url: "https://feedx.net/rss/cna.xml", options: { clean: false, remove: ["div.SubscriptionInner"] }, line: 4 },
      { site: null, url: "https://rsshub.app/bbc/chinese", options: { proxy: "socks5://127.0.0.1:9050" }, line: 5 },
    ]);
  });

  it.each([
    ["an empty file", ""],
    ["only comments", "# nothing yet\n"],
    ["empty sections", "defaults:\nfetch:\nsources:\n"],
  ])("accepts %s", (_, text) => {
    expect(readMirrorYml(text, "f")).toEqual({ defaults: {}, fetch: {}, sources: [], problems: [] });
  });

  it.each([
    ["YAML syntax", "defaults:\n  clean: true\n images: x\n", 3, "not valid YAML: All mapping items must start at the same column"],
    ["an unknown top-level key", "defaults: {}\nfeeds: []\n", 2, "unknown key `feeds` at the top level; known keys: defaults, fetch, sources"],
    ["a source option misspelt in defaults", "defaults:\n  clean: true\n  fulltext: never\n", 3, "unknown key `fulltext` in `defaults` (did you mean `full_text`?)"],
    ["site or url in defaults", "defaults:\n  url: https://x/\n", 2, "unknown key `url` in `defaults`"],
    ["a bad timezone in a source", "sources:\n  - site: A\n    url: https://a/\n    timezone: Beijing\n", 4, "\"Beijing\" is not an IANA time zone"],
    ["sources as a map", "sources:\n  A: https://a/\n", 2, "`sources` must be a list"],
    ["the whole file a list", "- a\n", 1, "must be a map"],
  ])("reports %s with its line", (_, text, line, words) => {
    const reading = readMirrorYml(text, "newsmirror.yml");
    expect(reading.problems[0]?.line).toBe(line);
    expect(reading.problems[0]?.message).toContain(words);
  });
});

describe("readMirrorYml on random input", () => {
  const key = fc.constantFrom("defaults", "fetch", "sources", "site", "url", "clean", "remove", "timeout", "proxy", "x");
  it("returns a reading for any shape of keys and values, never throws", () => {
    fc.assert(
      fc.property(fc.dictionary(key, fc.jsonValue({ maxDepth: 3 })), (value) => {
        const reading = readMirrorYml(stringify(value), "newsmirror.yml");
        for (const problem of reading.problems) expect(problem.line).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });
});
