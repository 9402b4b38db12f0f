// Namespace-aware names: whatever prefix a feed picks, the parsers see the canonical one.
import { describe, expect, it } from "vitest";
import { emptyItemFields } from "../../src/feed/fallbacks.js";
import { normaliseNames, readModuleFields } from "../../src/feed/namespaces.js";
import { parseXml, type Element } from "../../src/feed/xml.js";

function namesUnder(xml: string): string[] {
  const root = parseXml(xml).tops[0]!;
  normaliseNames(root);
  const names: string[] = [];
  const walk = (el: Element): void => {
    names.push(el.name);
    for (const child of el.children) if (child.type === "tag") walk(child as Element);
  };
  walk(root);
  return names;
}

describe("normaliseNames", () => {
  it.each([
    ["RSS 2.0 with the usual prefixes", `<rss xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><item><dc:creator/><pubDate/></item></channel></rss>`, ["rss", "channel", "item", "dc:creator", "pubdate"]],
    ["an odd prefix for Dublin Core", `<rss xmlns:d="http://purl.org/dc/elements/1.1/"><d:creator/></rss>`, ["rss", "dc:creator"]],
    ["Atom as default namespace reads as plain names", `<feed xmlns="http://www.w3.org/2005/Atom"><entry><title/></entry></feed>`, ["feed", "entry", "title"]],
    ["Atom with a prefix on every element", `<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:entry/></a:feed>`, ["feed", "entry"]],
    ["Atom 0.3 namespace", `<feed xmlns="http://purl.org/atom/ns#"><entry/></feed>`, ["feed", "entry"]],
    ["atom:link inside RSS keeps its prefix so it never hides <link>", `<rss xmlns:atom="http://www.w3.org/2005/Atom"><channel><link/><atom:link/></channel></rss>`, ["rss", "channel", "link", "atom:link"]],
    ["RSS 1.0 items and the RDF root (the root namespace) read as plain names", `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><item/></rdf:RDF>`, ["rdf", "item"]],
    ["Media RSS without its trailing slash", `<rss xmlns:m="http://search.yahoo.com/mrss"><m:group/></rss>`, ["rss", "media:group"]],
    ["an undeclared prefix is kept as written", `<rss><dc:creator/></rss>`, ["rss", "dc:creator"]],
    ["a redeclared prefix inside applies only there", `<rss xmlns:x="http://purl.org/dc/elements/1.1/"><a xmlns:x="http://purl.org/rss/1.0/modules/content/"><x:encoded/></a><x:creator/></rss>`, ["rss", "a", "content:encoded", "dc:creator"]],
  ])("%s", (_name, xml, expected) => {
    expect(namesUnder(xml)).toEqual(expected);
  });
});

describe("readModuleFields", () => {
  it("reads content:encoded, dc:creator, dc:date, dc:subject and media:group/media:description", () => {
    const source = `<item xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">
      <content:encoded><![CDATA[<p>full</p>]]></content:encoded><dc:creator> Ann </dc:creator><dc:date>2023-12-07T02:13:00Z</dc:date>
      <dc:subject>politics</dc:subject><media:group><media:description>video text</media:description></media:group></item>`;
    const item = parseXml(source).tops[0]!;
    normaliseNames(item);
    const fields = emptyItemFields(null);
    readModuleFields(item, fields, source);
    expect(fields).toMatchObject({ contentEncoded: "<p>full</p>", creator: "Ann", dcDate: "2023-12-07T02:13:00Z", mediaDescription: "video text", categories: ["politics"] });
  });
});
