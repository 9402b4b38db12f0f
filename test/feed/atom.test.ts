// Atom 1.0 and 0.3 (YouTube included): links by rel, text constructs, author inheritance, xml:base.
import { describe, expect, it } from "vitest";
import { parse, readMeta } from "../../src/feed/atom.js";
import { detectDialect } from "../../src/feed/detect.js";
import type { Entry } from "../../src/feed/index.js";

const BASE = "https://feeds.example/atom.xml";

function docOf(xml: string) {
  const detected = detectDialect(xml);
  if (!detected.ok || detected.value.dialect !== "atom") throw new Error("test feed is not Atom");
  return detected.value.doc;
}

function entriesOf(entries: string, feedExtra = ""): Entry[] {
  return parse(docOf(`<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/" xmlns:yt="http://www.youtube.com/xml/schemas/2015">${feedExtra}${entries}</feed>`), { baseUrl: BASE });
}

describe("atom.parse", () => {
  it("reads a full entry", () => {
    const [entry] = entriesOf(`<entry><title type="html">&lt;b&gt;A&lt;/b&gt; &amp;amp; B</title><id>tag:site.example,2023:1</id>
      <link rel="edit" href="https://site.example/edit/1"/><link rel="alternate" type="text/html" href="https://site.example/1"/>
      <published>2023-12-07T10:13:00+08:00</published><updated>2023-12-08T00:00:00Z</updated>
      <author><name> Ann </name></author><category term="world" label="World"/><category label="Only label"/>
      <summary>s</summary><content type="html">&lt;p&gt;c&lt;/p&gt;</content></entry>`);
    expect(entry).toEqual({
      title: "A & B", link: "https://site.example/1", guid: "tag:site.example,2023:1", published: new Date("2023-12-07T02:13:00Z"),
      author: "Ann", html: "<p>c</p>", categories: ["world", "Only label"],
    });
  });

  it.each([
    ["a link without rel is the alternate (RFC 4287 4.2.7.2)", `<entry><link href="https://site.example/a"/></entry>`, "https://site.example/a"],
    ["rel=self or enclosure is never the item link", `<entry><link rel="self" href="https://s.example/x"/><link rel="enclosure" href="https://s.example/v.mp4"/></entry>`, null],
    ["an id that is an http URL stands in for a missing link", `<entry><id>https://site.example/by-id</id></entry>`, "https://site.example/by-id"],
    ["relative href resolves against the entry's xml:base", `<entry xml:base="https://other.example/blog/"><link href="post"/></entry>`, "https://other.example/blog/post"],
    ["relative href without xml:base resolves against the feed's alternate link", `<entry><link href="post"/></entry>`, "https://site.example/home/post"],
  ])("link: %s", (_name, entry, expected) => {
    expect(entriesOf(entry, `<link href="https://site.example/home/"/>`)[0]?.link).toBe(expected);
  });

  it.each([
    ["published", `<entry><published>2023-12-07T02:13:00Z</published><updated>2024-01-01T00:00:00Z</updated></entry>`, "2023-12-07T02:13:00.000Z"],
    ["updated when no published", `<entry><updated>2024-01-01T00:00:00Z</updated></entry>`, "2024-01-01T00:00:00.000Z"],
    ["Atom 0.3 issued", `<entry><issued>2003-12-13T08:29:29-04:00</issued><modified>2004-01-01T00:00:00Z</modified></entry>`, "2003-12-13T12:29:29.000Z"],
    ["Atom 0.3 modified", `<entry><modified>2004-01-01T00:00:00Z</modified></entry>`, "2004-01-01T00:00:00.000Z"],
  ])("time: %s", (_name, entry, expected) => {
    expect(entriesOf(entry)[0]?.published?.toISOString()).toBe(expected);
  });

  it.each([
    ["the entry's author", `<entry><author><name>Ann</name></author></entry>`, "Ann"],
    ["else the source's author (RFC 4287 4.2.1)", `<entry><source><author><name>Src</name></author></source></entry>`, "Src"],
    ["else the feed's author (RFC 4287 4.2.1)", `<entry/>`, "Feed Author"],
  ])("author: %s", (_name, entry, expected) => {
    expect(entriesOf(entry, `<author><name>Feed Author</name></author>`)[0]?.author).toBe(expected);
  });

  it.each([
    ["content before summary", `<entry><summary>s</summary><content type="html">&lt;p&gt;c&lt;/p&gt;</content></entry>`, "<p>c</p>"],
    ["summary when there is no content", `<entry><summary type="html">&lt;p&gt;s&lt;/p&gt;</summary></entry>`, "<p>s</p>"],
    ["type text content is escaped", `<entry><content>1 &lt; 2</content></entry>`, "1 &lt; 2"],
    ["relative links in content resolve against xml:base (gofeed entry_content_xml_base)", `<entry><content type="html" xml:base="http://example.com/test/">Example &lt;a href="test.html"&gt;test&lt;/a&gt;</content></entry>`, `Example <a href="http://example.com/test/test.html">test</a>`],
    ["without xml:base content bytes are untouched", `<entry><content type="html">&lt;a href="test.html"&gt;t&lt;/a&gt;</content></entry>`, `<a href="test.html">t</a>`],
  ])("html: %s", (_name, entry, expected) => {
    expect(entriesOf(entry)[0]?.html).toBe(expected);
  });

  it("a YouTube entry takes its html from media:group/media:description", () => {
    const [entry] = entriesOf(`<entry><id>yt:video:abc</id><yt:videoId>abc</yt:videoId><title>Video</title>
      <link rel="alternate" href="https://www.youtube.com/watch?v=abc"/><published>2023-12-07T02:13:00+00:00</published>
      <media:group><media:title>Video</media:title><media:description>Line 1
Line 2 &amp; more</media:description></media:group></entry>`);
    expect(entry).toMatchObject({ link: "https://www.youtube.com/watch?v=abc", guid: "yt:video:abc", html: "Line 1\nLine 2 & more" });
  });

  it("readMeta: title text, alternate link, xml:lang", () => {
    const doc = docOf(`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-Hant"><title type="html">&lt;i&gt;Site&lt;/i&gt;</title><link rel="self" href="/atom.xml"/><link href="/"/></feed>`);
    expect(readMeta(doc, { baseUrl: BASE })).toEqual({ dialect: "atom", title: "Site", link: "https://feeds.example/", language: "zh-Hant" });
  });
});
