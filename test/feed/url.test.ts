// Link resolution: relative references, xml:base chains, and schemes that are never a link.
import { describe, expect, it } from "vitest";
import { baseAt, baseFor, hasXmlBase, isHttpUrl, resolveHtmlLinks, resolveUrl } from "../../src/feed/url.js";
import { childNamed, parseXml, type Element } from "../../src/feed/xml.js";

describe("resolveUrl", () => {
  it.each([
    ["absolute stays, normalised", "https://Example.com/a b", null, "https://example.com/a%20b"],
    ["relative path against the base (RFC 3986 5.2)", "post/1", "https://news.example/feed/rss.xml", "https://news.example/feed/post/1"],
    ["root-relative", "/post/1", "https://news.example/feed/rss.xml", "https://news.example/post/1"],
    ["protocol-relative", "//cdn.example/x", "https://news.example/", "https://cdn.example/x"],
    ["surrounding whitespace is trimmed", "  https://news.example/1 \n", null, "https://news.example/1"],
    ["relative without base is no link", "post/1", null, null],
    ["javascript: is never a link", "javascript:alert(1)", "https://news.example/", null],
    ["data: is never a link", "data:text/html,hi", null, null],
    ["mailto: is no article link", "mailto:a@b.example", null, null],
    ["empty", "", "https://news.example/", null],
    ["an absolute link survives a base that is no URL", "https://a.example/1", "", "https://a.example/1"],
    ["a relative link with a base that is no URL is no link", "/1", "not a url", null],
    ["null", null, "https://news.example/", null],
  ])("%s", (_name, ref, base, expected) => {
    expect(resolveUrl(ref, base)).toBe(expected);
  });

  it.each([
    ["http URL", "http://a.example/1", true],
    ["tag: URI (Atom ids) is not", "tag:news.example,2023:1", false],
    ["urn is not", "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a", false],
    ["bare id is not", "cna-202312070032", false],
  ])("isHttpUrl: %s", (_name, text, expected) => {
    expect(isHttpUrl(text)).toBe(expected);
  });
});

function entryOf(xml: string): Element {
  const root = parseXml(xml).tops[0]!;
  return childNamed(childNamed(root, "entry") ?? root, "content") ?? childNamed(root, "entry") ?? root;
}

describe("xml:base", () => {
  const nested = `<feed xml:base="https://a.example/blog/"><entry xml:base="2023/"><content xml:base="post/">x</content></entry></feed>`;

  it("chains from the document down, each relative to the one above (XML Base 4.2)", () => {
    expect(baseAt(entryOf(nested), "https://feed.example/atom.xml")).toBe("https://a.example/blog/2023/post/");
  });

  it("a relative root xml:base resolves against the feed URL", () => {
    const el = entryOf(`<feed xml:base="/blog/"><entry><content>x</content></entry></feed>`);
    expect(baseAt(el, "https://feed.example/atom.xml")).toBe("https://feed.example/blog/");
  });

  it.each([
    ["without xml:base the feed's link is the base", `<feed><entry><content>x</content></entry></feed>`, "https://site.example/"],
    ["with xml:base it wins over the feed link", nested, "https://a.example/blog/2023/post/"],
  ])("baseFor: %s", (_name, xml, expected) => {
    expect(baseFor(entryOf(xml), "https://site.example/", "https://feed.example/atom.xml")).toBe(expected);
  });

  it("baseFor falls back to the feed URL when the feed has no link", () => {
    expect(baseFor(entryOf(`<feed><entry/></feed>`), null, "https://feed.example/atom.xml")).toBe("https://feed.example/atom.xml");
  });

  it("hasXmlBase sees an ancestor's", () => {
    expect(hasXmlBase(entryOf(nested))).toBe(true);
    expect(hasXmlBase(entryOf(`<feed><entry><content>x</content></entry></feed>`))).toBe(false);
  });
});

describe("resolveHtmlLinks", () => {
  it.each([
    ["relative href in double quotes", `<a href="test.html">t</a>`, `<a href="https://a.example/x/test.html">t</a>`],
    ["relative src in single quotes", `<img src='/i.png'>`, `<img src='https://a.example/i.png'>`],
    ["absolute href keeps its bytes", `<a href="HTTP://B.example">t</a>`, `<a href="HTTP://B.example">t</a>`],
    ["fragment keeps its bytes", `<a href="#top">t</a>`, `<a href="#top">t</a>`],
    ["text that only looks like an attribute outside a tag is left alone when absolute", `see href="http://x.example"`, `see href="http://x.example"`],
    ["empty value stays", `<a href="">t</a>`, `<a href="">t</a>`],
  ])("%s", (_name, html, expected) => {
    expect(resolveHtmlLinks(html, "https://a.example/x/")).toBe(expected);
  });
});
