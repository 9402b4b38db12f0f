// Tests of option-schema.ts: every per-source option key, good and bad values.
import { describe, expect, it } from "vitest";
import type { ConfigEntry, ConfigNode } from "../../src/sources/config-node.js";
import { OPTION_FILE_KEYS, readSourceOptions, SOURCE_OPTION_RULES, unknownKeyMessage } from "../../src/sources/option-schema.js";
import { DEFAULT_SOURCE_OPTIONS } from "../../src/sources/index.js";

const scalar = (value: string | number | boolean | null): ConfigNode => ({ kind: "scalar", line: 1, value });
const list = (...values: Array<string | number>): ConfigNode => ({ kind: "list", line: 1, items: values.map(scalar) });
const entry = (key: string, value: ConfigNode, line = 7): ConfigEntry => ({ key, line, value });

describe("readSourceOptions", () => {
  it.each([
    ["clean false keeps the feed HTML", entry("clean", scalar(false)), { clean: false }],
    ["enabled", entry("enabled", scalar(true)), { enabled: true }],
    ["full_text to fullText", entry("full_text", scalar("never")), { fullText: "never" }],
    ["images", entry("images", scalar("hotlink")), { images: "hotlink" }],
    ["remove selectors", entry("remove", list("div.SubscriptionInner")), { remove: ["div.SubscriptionInner"] }],
    ["one keyword instead of a list", entry("include", scalar("台灣")), { include: ["台灣"] }],
    ["exclude list", entry("exclude", list("广告", "Sponsored")), { exclude: ["广告", "Sponsored"] }],
    ["author override", entry("author", scalar("中央社")), { author: "中央社" }],
    ["author null", entry("author", scalar(null)), { author: null }],
    ["socks5 proxy", entry("proxy", scalar("socks5://127.0.0.1:9050")), { proxy: "socks5://127.0.0.1:9050" }],
    ["user_agent to userAgent", entry("user_agent", scalar("Mozilla/5.0")), { userAgent: "Mozilla/5.0" }],
    ["timezone spelled in lower case is made canonical", entry("timezone", scalar("asia/shanghai")), { timezone: "Asia/Shanghai" }],
  ])("%s", (_, given, expected) => {
    const reading = readSourceOptions([given], "subs.json", "in the entry for X", []);
    expect(reading.problems).toEqual([]);
    expect(reading.options).toEqual(expected);
  });

  it.each([
    ["clean as text", entry("clean", scalar("false")), "`clean` in the entry for X must be true or false; it is the text \"false\""],
    ["full_text out of range", entry("full_text", scalar("sometimes")), "must be always, auto or never"],
    ["images as a number", entry("images", scalar(1)), "must be mirror or hotlink; it is the number 1"],
    ["remove with a broken selector", entry("remove", list("div[")), "the selector \"div[\" does not parse"],
    ["include with a number", entry("include", list("a", 3)), "must be a keyword or a list of keywords"],
    ["exclude with an empty keyword", entry("exclude", list("")), "must be a keyword"],
    ["proxy without a scheme", entry("proxy", scalar("127.0.0.1:9050")), "not a proxy URL"],
    ["proxy with socks4", entry("proxy", scalar("socks4://h:1")), "socks4"],
    ["timezone unknown", entry("timezone", scalar("China/Beijing")), "is not an IANA time zone"],
    ["author empty", entry("author", scalar("")), "must be a name, or null"],
    ["user_agent as a list", entry("user_agent", list("a")), "it is a list"],
    ["a misspelt key gets a hint", entry("ful_text", scalar("auto")), "unknown key `ful_text` in the entry for X (did you mean `full_text`?)"],
    ["camelCase is not the file spelling", entry("fullText", scalar("auto")), "unknown key `fullText`"],
  ])("refuses %s", (_, given, words) => {
    const reading = readSourceOptions([given], "subs.json", "in the entry for X", []);
    expect(reading.problems).toHaveLength(1);
    expect(reading.problems[0]?.line).toBe(7);
    expect(reading.problems[0]?.message).toContain(words);
  });

  it("reports a key given twice with both lines", () => {
    const reading = readSourceOptions([entry("clean", scalar(true), 3), entry("clean", scalar(false), 5)], "f", "in `defaults`", []);
    expect(reading.problems).toEqual([{ file: "f", line: 5, message: "`clean` is given twice in `defaults` (also line 3); keep one" }]);
  });

  it("leaves the caller's keys alone", () => {
    const reading = readSourceOptions([entry("site", scalar("A")), entry("url", scalar("u"))], "f", "here", ["site", "url"]);
    expect(reading).toEqual({ options: {}, problems: [] });
  });
});

describe("the option table", () => {
  it("covers every field of SourceOptions exactly once", () => {
    expect([...OPTION_FILE_KEYS.keys()].sort()).toEqual(Object.keys(DEFAULT_SOURCE_OPTIONS).sort());
    expect(SOURCE_OPTION_RULES.size).toBe(Object.keys(DEFAULT_SOURCE_OPTIONS).length);
  });

  it("spells every file key in snake_case", () => {
    for (const key of SOURCE_OPTION_RULES.keys()) expect(key).toMatch(/^[a-z]+(_[a-z]+)*$/);
  });
});

describe("unknownKeyMessage", () => {
  it("lists the known keys and gives no hint when nothing is close", () => {
    expect(unknownKeyMessage("zzzzzz", "in `fetch`", ["timeout", "retries"])).toBe("unknown key `zzzzzz` in `fetch`; known keys: timeout, retries");
  });
});
