// The tolerant XML reader: text and markup as feeds need them, byte for byte where it matters.
import { describe, expect, it } from "vitest";
import { attr, childNamed, childrenNamed, childText, childValue, markupOf, nestsDeeperThan, parseXml, sliceOf, textOf, type Element } from "../../src/feed/xml.js";

function rootOf(xml: string): Element {
  return parseXml(xml).tops[0]!;
}

describe("textOf", () => {
  it.each([
    ["XML entities decoded once", "<t>a &amp;lt; b &amp;amp; c</t>", "a &lt; b &amp; c"],
    ["numeric references", "<t>&#20013;&#x6587;</t>", "中文"],
    ["HTML entities without a DTD (feedparser undefined-entity cases)", "<t>a&nbsp;b&mdash;c</t>", "a\u00a0b\u2014c"],
    ["an unknown entity stays as written", "<t>a &bogus; b</t>", "a &bogus; b"],
    ["a bare ampersand stays (gofeed issue 305)", "<t>Fish & Chips</t>", "Fish & Chips"],
    ["CDATA is byte for byte: CR, LF, TAB and entity-like text", "<t><![CDATA[a\r\n\tb &amp; <p>]]></t>", "a\r\n\tb &amp; <p>"],
    ["text and CDATA mixed", "<t>x &amp; <![CDATA[<y>]]> z</t>", "x & <y> z"],
    ["child element tags dropped, their text kept", "<t>a <b>bold</b> c</t>", "a bold c"],
    ["empty element", "<t/>", ""],
  ])("%s", (_name, xml, expected) => {
    expect(textOf(rootOf(xml))).toBe(expected);
  });
});

describe("markupOf", () => {
  it.each([
    ["escaped HTML is decoded once", "<d>&lt;p&gt;a &amp;amp; b&lt;/p&gt;</d>", "<p>a &amp; b</p>"],
    ["CDATA HTML kept byte for byte", "<d><![CDATA[<p>a</p>\r\n<p>b</p>]]></d>", "<p>a</p>\r\n<p>b</p>"],
    ["raw child markup sliced from the source", `<d>text <p class="x">a &amp; b</p>\n<br/></d>`, `text <p class="x">a &amp; b</p>\n<br/>`],
  ])("%s", (_name, xml, expected) => {
    const source = xml;
    expect(markupOf(parseXml(source).tops[0]!, source)).toBe(expected);
  });
});

describe("element helpers", () => {
  const source = `<item><title>one</title><link> https://a.example/1 </link><category>a</category><category>b</category><guid isPermaLink="false" note="x &amp; y">g</guid><empty>  </empty></item>`;
  const item = rootOf(source);

  it("finds children by name in document order", () => {
    expect(childrenNamed(item, "category").map(textOf)).toEqual(["a", "b"]);
    expect(childNamed(item, "missing", "title")?.name).toBe("title");
    expect(childNamed(item, "missing")).toBeNull();
  });

  it("childText keeps whitespace, childValue trims and turns blank into null", () => {
    expect(childText(item, "link")).toBe(" https://a.example/1 ");
    expect(childValue(item, "link")).toBe("https://a.example/1");
    expect(childValue(item, "empty")).toBeNull();
    expect(childText(item, "missing")).toBeNull();
  });

  it("attr decodes entities and gives null when absent", () => {
    const guid = childNamed(item, "guid")!;
    expect(attr(guid, "isPermaLink")).toBe("false");
    expect(attr(guid, "note")).toBe("x & y");
    expect(attr(guid, "nope")).toBeNull();
  });

  it("sliceOf gives the element's exact source", () => {
    expect(sliceOf(childNamed(item, "guid")!, source)).toBe(`<guid isPermaLink="false" note="x &amp; y">g</guid>`);
  });

  it("parseXml keeps junk before the root as separate top-level elements", () => {
    expect(parseXml(`<br/><b>Warning</b><?xml version="1.0"?><rss/>`).tops.map((el) => el.name)).toEqual(["br", "b", "rss"]);
  });

  it("an unclosed document still gives what was read", () => {
    const root = rootOf(`<rss><channel><item><title>cut`);
    expect(textOf(root)).toBe("cut");
  });
});

describe("nestsDeeperThan", () => {
  it.each([
    ["flat items", "<rss><item/><item></item></rss>", 2, false],
    ["depth 3 over a limit of 2", "<a><b><c>x</c></b></a>", 2, true],
    ["self-closing tags do not nest", "<a><b/><b/><b/></a>", 1, false],
    ["tags inside CDATA do not count", "<a><![CDATA[<b><c><d>]]></a>", 1, false],
    ["tags inside comments do not count", "<a><!-- <b><c><d> --></a>", 1, false],
    ["a lone < in text does not count", "<a>1 < 2 <3</a>", 1, false],
    ["unclosed tag at the end stops the scan", "<a><b", 5, false],
    ["stray close tags do not undo nesting (htmlparser2 ignores them)", "<a></x><b></y><c></z>", 2, true],
    ["a close tag closes the elements it encloses", "<a><b><c></a><d><e>", 3, false],
    ["100 unclosed <br> in each of 100 descriptions are closed by </description>", `<rss>${`<description>${"<br>".repeat(100)}</description>`.repeat(100)}</rss>`, 200, false],
  ])("%s", (_name, source, limit, expected) => {
    expect(nestsDeeperThan(source, limit)).toBe(expected);
  });
});
