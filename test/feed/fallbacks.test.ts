// The golden field fallbacks, in the order golden/README.md writes them.
import { describe, expect, it } from "vitest";
import {
  emptyItemFields, findEntryAuthor, findEntryGuid, findEntryHtml, findEntryLink, findEntryTime, findEntryTitle, toEntry, type ItemFields,
} from "../../src/feed/fallbacks.js";

const BASE = "https://news.example/feed.xml";

function fields(partial: Partial<ItemFields>): ItemFields {
  return { ...emptyItemFields(BASE), ...partial };
}

describe("findEntryLink", () => {
  it.each([
    ["the item link first", { link: "https://a.example/1", guid: "https://a.example/g" }, "https://a.example/1"],
    ["a relative link resolves against the base", { link: "/news/1" }, "https://news.example/news/1"],
    ["no link: a guid that is a URL (original script: link || guid)", { guid: "https://a.example/g", guidIsPermaLink: false }, "https://a.example/g"],
    ["no link: a relative guid marked isPermaLink=true", { guid: "/g/1", guidIsPermaLink: true }, "https://news.example/g/1"],
    ["a relative guid not marked permalink is no link", { guid: "g-1", guidIsPermaLink: null }, null],
    ["a tag: id is no link", { guid: "tag:a.example,2023:1" }, null],
    ["then JSON external_url", { guid: "1", externalUrl: "https://elsewhere.example/a" }, "https://elsewhere.example/a"],
    ["a javascript: link falls through to the guid", { link: "javascript:alert(1)", guid: "https://a.example/g" }, "https://a.example/g"],
    ["nothing at all", {}, null],
  ])("%s", (_name, partial, expected) => {
    expect(findEntryLink(fields(partial))).toBe(expected);
  });
});

describe("findEntryGuid", () => {
  it.each([
    ["the guid, trimmed", { guid: "  cna-1 " }, "https://a.example/1", "cna-1"],
    ["else the link", { guid: "  " }, "https://a.example/1", "https://a.example/1"],
    ["null when neither", {}, null, null],
  ])("%s", (_name, partial, link, expected) => {
    expect(findEntryGuid(fields(partial), link)).toBe(expected);
  });
});

describe("findEntryAuthor", () => {
  it.each([
    ["item author first", { author: " Ann ", creator: "Bob" }, "Ann"],
    ["else dc:creator", { author: null, creator: "Bob" }, "Bob"],
    ["a blank author does not hide dc:creator", { author: "  ", creator: "Bob" }, "Bob"],
    ["null when neither", {}, null],
  ])("%s", (_name, partial, expected) => {
    expect(findEntryAuthor(fields(partial))).toBe(expected);
  });
});

describe("findEntryHtml", () => {
  const all = { contentEncoded: "<p>encoded</p>", mediaDescription: "media", content: "<p>content</p>", description: "<p>description</p>" };
  it.each([
    ["content:encoded first", all, "<p>encoded</p>"],
    ["then media:group/media:description", { ...all, contentEncoded: null }, "media"],
    ["then the content", { ...all, contentEncoded: null, mediaDescription: null }, "<p>content</p>"],
    ["then the description", { description: "<p>description</p>" }, "<p>description</p>"],
    ["whitespace-only content:encoded does not hide the description", { contentEncoded: " \r\n\t", description: "d" }, "d"],
    ["bytes are kept untrimmed", { description: "\n<p>x</p>\r\n" }, "\n<p>x</p>\r\n"],
    ["\"\" when none", {}, ""],
  ])("%s", (_name, partial, expected) => {
    expect(findEntryHtml(fields(partial))).toBe(expected);
  });
});

describe("findEntryTime and findEntryTitle", () => {
  it.each([
    ["published first", { published: "2023-12-07T02:13:00Z", dcDate: "2020-01-01", updated: "2021-01-01" }, "2023-12-07T02:13:00.000Z"],
    ["then dc:date", { dcDate: "2020-01-01T00:00:00Z", updated: "2021-01-01" }, "2020-01-01T00:00:00.000Z"],
    ["then updated", { updated: "2021-01-01T00:00:00Z" }, "2021-01-01T00:00:00.000Z"],
    ["an unreadable published falls through to a readable dc:date", { published: "soon", dcDate: "2020-01-01T00:00:00Z" }, "2020-01-01T00:00:00.000Z"],
    ["null when none can be read", { published: "soon" }, null],
  ])("time: %s", (_name, partial, expected) => {
    expect(findEntryTime(fields(partial), null)?.toISOString() ?? null).toBe(expected);
  });

  it("title is kept as is, \"\" when missing", () => {
    expect(findEntryTitle(fields({ title: " a " }))).toBe(" a ");
    expect(findEntryTitle(fields({}))).toBe("");
  });

  it("toEntry trims categories and drops blank ones", () => {
    expect(toEntry(fields({ categories: [" a ", "", "  ", "b"] }), null).categories).toEqual(["a", "b"]);
  });
});
