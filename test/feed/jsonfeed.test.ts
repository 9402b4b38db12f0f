// JSON Feed 1.0/1.1: url, external_url, content_html then content_text, authors, dates, tags.
import { describe, expect, it } from "vitest";
import { parse, readMeta } from "../../src/feed/jsonfeed.js";

const BASE = "https://feeds.example/feed.json";

function entriesOf(items: unknown[], top: Record<string, unknown> = {}) {
  return parse({ version: "https://jsonfeed.org/version/1.1", items, ...top }, { baseUrl: BASE });
}

describe("jsonfeed.parse", () => {
  it("reads a full 1.1 item", () => {
    expect(entriesOf([{ id: "1", url: "https://site.example/1", title: "T", content_html: "<p>h</p>", content_text: "t", summary: "s",
      date_published: "2023-12-07T10:13:00+08:00", date_modified: "2024-01-01T00:00:00Z", authors: [{ name: " Ann " }], tags: ["a", 3, "b"] }])).toEqual([
      { title: "T", link: "https://site.example/1", guid: "1", published: new Date("2023-12-07T02:13:00Z"), author: "Ann", html: "<p>h</p>", categories: ["a", "b"] },
    ]);
  });

  it.each([
    ["content_text is escaped when there is no content_html", { id: "1", content_text: "1 < 2 & 3" }, "1 &lt; 2 &amp; 3"],
    ["summary is escaped text when there is no content", { id: "1", summary: "<b>not markup</b>" }, "&lt;b&gt;not markup&lt;/b&gt;"],
    ["an empty content_html does not hide content_text", { id: "1", content_html: "", content_text: "t" }, "t"],
  ])("html: %s", (_name, item, expected) => {
    expect(entriesOf([item])[0]?.html).toBe(expected);
  });

  it.each([
    ["url first", { id: "1", url: "/a", external_url: "https://else.example/" }, "https://site.example/a"],
    ["then an id that is a URL", { id: "https://site.example/by-id" }, "https://site.example/by-id"],
    ["then external_url", { id: "x1", external_url: "https://else.example/e" }, "https://else.example/e"],
  ])("link: %s", (_name, item, expected) => {
    expect(entriesOf([item], { home_page_url: "https://site.example/" })[0]?.link).toBe(expected);
  });

  it.each([
    ["1.1 authors[0]", { authors: [{ url: "x" }, { name: "Second" }] }, {}, "Second"],
    ["1.0 author", { author: { name: "Old" } }, {}, "Old"],
    ["the feed's authors when the item has none", {}, { authors: [{ name: "Feed" }] }, "Feed"],
  ])("author: %s", (_name, item, top, expected) => {
    expect(entriesOf([{ id: "1", ...item }], top)[0]?.author).toBe(expected);
  });

  it("numeric ids are kept as text, date_modified stands in for date_published, non-object items are skipped", () => {
    const entries = entriesOf([{ id: 42, date_modified: "2024-01-01T00:00:00Z" }, "junk", null, [1]]);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ guid: "42", published: new Date("2024-01-01T00:00:00Z"), title: "" });
  });

  it("wrong types everywhere give empty fields, not a crash", () => {
    const entries = parse({ version: 1, items: [{ id: {}, url: 5, title: ["x"], content_html: 1, authors: "Ann", tags: "a" }] }, { baseUrl: BASE });
    expect(entries).toEqual([{ title: "", link: null, guid: null, published: null, author: null, html: "", categories: [] }]);
  });

  it("readMeta reads title, home_page_url and language", () => {
    expect(readMeta({ title: " F ", home_page_url: "/", language: "zh-TW", items: [] }, { baseUrl: BASE })).toEqual({ dialect: "json", title: "F", link: "https://feeds.example/", language: "zh-TW" });
  });
});
