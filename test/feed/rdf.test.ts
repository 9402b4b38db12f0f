// RSS 1.0 (RDF) and 0.90: items beside the channel, rdf:about as the guid, Dublin Core for author and time.
import { describe, expect, it } from "vitest";
import { detectDialect } from "../../src/feed/detect.js";
import { parse, readMeta } from "../../src/feed/rdf.js";

const BASE = "https://feeds.example/index.rdf";

function docOf(xml: string) {
  const detected = detectDialect(xml);
  if (!detected.ok || detected.value.dialect !== "rdf") throw new Error("test feed is not RDF");
  return detected.value.doc;
}

const RDF = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel rdf:about="https://site.example/"><title>Site</title><link>https://site.example/</link><dc:language>ja</dc:language></channel>
  <item rdf:about="https://site.example/1"><title>One</title><link>https://site.example/1</link><description>d1</description>
    <dc:creator>Ann</dc:creator><dc:date>2023-12-07T11:13:00+09:00</dc:date><dc:subject>tech</dc:subject></item>
  <item rdf:about="https://site.example/2"><title>Two</title><link>/2</link><content:encoded><![CDATA[<p>c2</p>]]></content:encoded></item>
</rdf:RDF>`;

describe("rdf.parse", () => {
  it("reads items in order with the Dublin Core fields", () => {
    const entries = parse(docOf(RDF), { baseUrl: BASE });
    expect(entries).toEqual([
      { title: "One", link: "https://site.example/1", guid: "https://site.example/1", published: new Date("2023-12-07T02:13:00Z"), author: "Ann", html: "d1", categories: ["tech"] },
      { title: "Two", link: "https://site.example/2", guid: "https://site.example/2", published: null, author: null, html: "<p>c2</p>", categories: [] },
    ]);
  });

  it("RSS 0.90 (Netscape namespace) reads the same way", () => {
    const xml = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/"><channel><title>Old</title><link>http://old.example/</link></channel><item><title>i</title><link>http://old.example/i</link></item></rdf:RDF>`;
    expect(parse(docOf(xml), { baseUrl: BASE })).toMatchObject([{ title: "i", link: "http://old.example/i", guid: "http://old.example/i" }]);
  });

  it("a pubDate some generators add is read when there is no dc:date", () => {
    const xml = RDF.replace("<title>Two</title>", "<title>Two</title><pubDate>Thu, 07 Dec 2023 02:13:00 GMT</pubDate>");
    expect(parse(docOf(xml), { baseUrl: BASE })[1]?.published?.toISOString()).toBe("2023-12-07T02:13:00.000Z");
  });

  it("readMeta reads the channel, with dc:language", () => {
    expect(readMeta(docOf(RDF), { baseUrl: BASE })).toEqual({ dialect: "rdf", title: "Site", link: "https://site.example/", language: "ja" });
  });
});
