// RSS 0.9x/2.0: items in order, every field from its RSS element, through the shared fallbacks.
import { describe, expect, it } from "vitest";
import { detectDialect } from "../../src/feed/detect.js";
import type { Entry } from "../../src/feed/index.js";
import { parse, readMeta } from "../../src/feed/rss2.js";

const BASE = "https://feeds.example/news/rss.xml";

function entriesOf(xml: string, timezone: string | null = null): Entry[] {
  const detected = detectDialect(xml);
  if (!detected.ok || detected.value.dialect === "json") throw new Error("test feed is not XML");
  return parse(detected.value.doc, { baseUrl: BASE, timezone });
}

const NS = `xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:media="http://search.yahoo.com/mrss/" xmlns:atom="http://www.w3.org/2005/Atom"`;
const rss = (items: string, channel = "<link>https://site.example/</link>") => `<rss version="2.0" ${NS}><channel><title>T</title>${channel}${items}</channel></rss>`;

describe("rss2.parse", () => {
  it("reads every field of a full item", () => {
    const [entry] = entriesOf(rss(`<item><title>A &amp; B</title><link>https://site.example/a</link><guid isPermaLink="false">id-1</guid>
      <pubDate>Thu, 07 Dec 2023 02:13:00 GMT</pubDate><author>ann@site.example (Ann)</author><dc:creator>Bob</dc:creator>
      <category>world</category><category> asia </category><dc:subject>politics</dc:subject>
      <description>&lt;p&gt;short&lt;/p&gt;</description><content:encoded><![CDATA[<p>long</p>]]></content:encoded></item>`));
    expect(entry).toEqual({
      title: "A & B", link: "https://site.example/a", guid: "id-1", published: new Date("2023-12-07T02:13:00Z"),
      author: "ann@site.example (Ann)", html: "<p>long</p>", categories: ["world", "asia", "politics"],
    });
  });

  it("keeps items in feed order, not date order", () => {
    const items = ["3", "1", "2"].map((n) => `<item><title>${n}</title><pubDate>0${n} Dec 2023 00:00:00 GMT</pubDate></item>`).join("");
    expect(entriesOf(rss(items)).map((e) => e.title)).toEqual(["3", "1", "2"]);
  });

  it.each([
    ["relative link resolves against the channel link", `<item><link>/a/1</link></item>`, "https://site.example/a/1"],
    ["no link: a guid that is a URL", `<item><guid>https://site.example/g</guid></item>`, "https://site.example/g"],
    ["no link: atom:link rel=alternate", `<item><atom:link rel="alternate" href="https://site.example/al"/></item>`, "https://site.example/al"],
    ["no link, guid not a URL: null", `<item><guid isPermaLink="false">x-1</guid></item>`, null],
  ])("link: %s", (_name, item, expected) => {
    expect(entriesOf(rss(item))[0]?.link).toBe(expected);
  });

  it("without a channel link, relative links resolve against the feed URL", () => {
    expect(entriesOf(rss(`<item><link>a/1</link></item>`, ""))[0]?.link).toBe("https://feeds.example/news/a/1");
  });

  it.each([
    ["content:encoded first", `<item><description>d</description><content:encoded>c</content:encoded></item>`, "c"],
    ["media:group/media:description before description", `<item><description>d</description><media:group><media:description>m</media:description></media:group></item>`, "m"],
    ["atom:content before description", `<item><description>d</description><atom:content type="html">&lt;p&gt;a&lt;/p&gt;</atom:content></item>`, "<p>a</p>"],
    ["unescaped HTML in description is kept as written", `<item><description><p>raw <b>x</b></p></description></item>`, "<p>raw <b>x</b></p>"],
  ])("html: %s", (_name, item, expected) => {
    expect(entriesOf(rss(item))[0]?.html).toBe(expected);
  });

  it.each([
    ["pubDate", `<item><pubDate>Thu, 07 Dec 2023 02:13:00 GMT</pubDate></item>`, "2023-12-07T02:13:00.000Z"],
    ["dc:date when no pubDate", `<item><dc:date>2023-12-07T02:13:00Z</dc:date></item>`, "2023-12-07T02:13:00.000Z"],
    ["lower-case pubdate written by some generators", `<item><pubdate>Thu, 07 Dec 2023 02:13:00 GMT</pubdate></item>`, "2023-12-07T02:13:00.000Z"],
    ["zone-less time in the given zone", `<item><pubDate>2023-12-07 10:13:00</pubDate></item>`, "2023-12-07T02:13:00.000Z"],
  ])("time: %s", (_name, item, expected) => {
    expect(entriesOf(rss(item), "Asia/Taipei")[0]?.published?.toISOString()).toBe(expected);
  });

  it("dc:creator when there is no author", () => {
    expect(entriesOf(rss(`<item><dc:creator> Bob </dc:creator></item>`))[0]?.author).toBe("Bob");
  });

  it("items written beside the channel (old RSS 0.9x generators) are read after the channel's", () => {
    const xml = `<rss version="0.91"><channel><item><title>in</title></item></channel><item><title>out</title></item></rss>`;
    expect(entriesOf(xml).map((e) => e.title)).toEqual(["in", "out"]);
  });

  it("readMeta gives title, absolute link and language", () => {
    const detected = detectDialect(rss("", "<link>/</link><language>zh-tw</language>"));
    if (!detected.ok || detected.value.dialect === "json") throw new Error("not XML");
    expect(readMeta(detected.value.doc, { baseUrl: BASE })).toEqual({ dialect: "rss", title: "T", link: "https://feeds.example/", language: "zh-tw" });
  });
});
