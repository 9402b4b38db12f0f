// One Entry contract for all four dialects: the same awkward items, written in each dialect, must keep it.
import { describe, expect, it } from "vitest";
import { parseFeed, type Entry } from "../../src/feed/index.js";
import { contractViolations } from "./entry-contract.js";

const BASE = "https://feeds.example/dir/feed";

/** An item as plain facts; each dialect writes it its own way. */
interface Item { title?: string; link?: string; id?: string; date?: string; html?: string }

const AWKWARD_ITEMS: ReadonlyArray<[string, Item]> = [
  ["everything present", { title: "t", link: "https://a.example/1", id: "id-1", date: "2023-12-07T02:13:00Z", html: "<p>x</p>" }],
  ["nothing at all", {}],
  ["relative link", { link: "/rel/1" }],
  ["javascript: link and no id", { link: "javascript:alert(1)" }],
  ["blank id with a link", { link: "https://a.example/2", id: "   " }],
  ["id that is a URL, no link", { id: "https://a.example/3" }],
  ["unreadable date", { link: "https://a.example/4", date: "not a date" }],
  ["impossible date", { date: "2023-02-30T00:00:00Z" }],
  ["link with spaces and unicode", { link: " https://a.example/新聞 1 " }],
  ["script in html is handed on (content sanitises)", { html: "<script>alert(1)</script>" }],
];

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");

/** Each dialect's writer: the same facts as RSS 2.0, RSS 1.0, Atom 1.0 and JSON Feed 1.1 text. */
const DIALECTS: Record<string, (item: Item) => string> = {
  rss: (i) => `<rss version="2.0"><channel><title>c</title><item>${i.title !== undefined ? `<title>${escape(i.title)}</title>` : ""}${i.link !== undefined ? `<link>${escape(i.link)}</link>` : ""}${i.id !== undefined ? `<guid>${escape(i.id)}</guid>` : ""}${i.date !== undefined ? `<pubDate>${i.date}</pubDate>` : ""}${i.html !== undefined ? `<description>${escape(i.html)}</description>` : ""}</item></channel></rss>`,
  rdf: (i) => `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><item${i.id !== undefined ? ` rdf:about="${escape(i.id)}"` : ""}>${i.title !== undefined ? `<title>${escape(i.title)}</title>` : ""}${i.link !== undefined ? `<link>${escape(i.link)}</link>` : ""}${i.date !== undefined ? `<dc:date>${i.date}</dc:date>` : ""}${i.html !== undefined ? `<description>${escape(i.html)}</description>` : ""}</item></rdf:RDF>`,
  atom: (i) => `<feed xmlns="http://www.w3.org/2005/Atom"><entry>${i.title !== undefined ? `<title>${escape(i.title)}</title>` : ""}${i.link !== undefined ? `<link href="${escape(i.link)}"/>` : ""}${i.id !== undefined ? `<id>${escape(i.id)}</id>` : ""}${i.date !== undefined ? `<published>${i.date}</published>` : ""}${i.html !== undefined ? `<content type="html">${escape(i.html)}</content>` : ""}</entry></feed>`,
  json: (i) => JSON.stringify({ version: "https://jsonfeed.org/version/1.1", items: [{ title: i.title, url: i.link, id: i.id, date_published: i.date, content_html: i.html }] }),
};

describe.each(Object.keys(DIALECTS))("the Entry contract in %s", (dialect) => {
  it.each(AWKWARD_ITEMS)("%s", (_name, item) => {
    const result = parseFeed(DIALECTS[dialect]!(item), { baseUrl: BASE });
    expect(result.ok && result.value.meta.dialect).toBe(dialect);
    const entries: Entry[] = result.ok ? result.value.entries : [];
    expect(entries).toHaveLength(1);
    expect(contractViolations(entries[0]!)).toEqual([]);
  });

  it("gives the same entry as every other dialect for the same facts", () => {
    const result = parseFeed(DIALECTS[dialect]!(AWKWARD_ITEMS[0]![1]), { baseUrl: BASE });
    expect(result.ok && result.value.entries[0]).toEqual({
      title: "t", link: "https://a.example/1", guid: "id-1", published: new Date("2023-12-07T02:13:00Z"), author: null, html: "<p>x</p>", categories: [],
    });
  });

  it("resolves a relative link against the feed URL and keeps script for the content stage to remove", () => {
    const relative = parseFeed(DIALECTS[dialect]!({ link: "/rel/1" }), { baseUrl: BASE });
    expect(relative.ok && relative.value.entries[0]?.link).toBe("https://feeds.example/rel/1");
    const script = parseFeed(DIALECTS[dialect]!({ html: "<script>alert(1)</script>" }), { baseUrl: BASE });
    expect(script.ok && script.value.entries[0]?.html).toBe("<script>alert(1)</script>");
  });
});
