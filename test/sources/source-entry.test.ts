// Tests of source-entry.ts: one { site, url, ...options } entry.
import { describe, expect, it } from "vitest";
import { readJsonWithLines } from "../../src/sources/json-reader.js";
import { readSourceEntry } from "../../src/sources/source-entry.js";

function entryOf(json: string) {
  const read = readJsonWithLines(json);
  if (!read.ok) throw new Error(read.error.message);
  return read.node;
}

describe("readSourceEntry", () => {
  it("reads site, url and options", () => {
    const reading = readSourceEntry(entryOf('{"site": "CNA", "url": "https://x/", "clean": false}'), "subs.json", 0, true);
    expect(reading).toEqual({ source: { site: "CNA", url: "https://x/", options: { clean: false }, line: 1 }, problems: [] });
  });

  it("keeps a site name exactly as written, leading space included (corpus teahouse subs.json)", () => {
    const reading = readSourceEntry(entryOf('{"site": " 李天豪", "url": "https://x/"}'), "subs.json", 0, true);
    expect(reading.source?.site).toBe(" 李天豪");
  });

  it("lets a newsmirror.yml entry leave out site", () => {
    const reading = readSourceEntry(entryOf('{"url": "https://x/", "proxy": "socks5://h:1"}'), "newsmirror.yml", 0, false);
    expect(reading.source).toEqual({ site: null, url: "https://x/", options: { proxy: "socks5://h:1" }, line: 1 });
  });

  it.each([
    ["url missing (STYLE rule 9)", '{"site": "BBC"}', true, "`url` is missing in the entry for BBC; each entry needs `site` and `url`"],
    ["site missing", '{"url": "https://x/"}', true, "`site` is missing in the entry (entry 1); each entry needs `site` and `url`"],
    ["url not http", '{"site": "A", "url": "ftp://x/"}', true, "`url` in the entry for A: \"ftp://x/\" is not an http:// or https:// URL"],
    ["url a number", '{"site": "A", "url": 3}', true, "`url` must be non-empty text; it is the number 3"],
    ["site empty", '{"site": "", "url": "https://x/"}', true, "`site` must be non-empty text"],
    ["entry a string", '"https://x/"', true, "entry 1 is the text \"https://x/\"; each entry needs `site` and `url`"],
    ["unknown key", '{"site": "A", "url": "https://x/", "tags": 1}', true, "unknown key `tags` in the entry for A"],
  ])("refuses %s", (_, json, siteRequired, message) => {
    const reading = readSourceEntry(entryOf(json), "subs.json", 0, siteRequired);
    expect(reading.source).toBeNull();
    expect(reading.problems.map((problem) => problem.message).join("\n")).toContain(message);
  });
});
