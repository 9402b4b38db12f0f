// Atom text constructs and Atom 0.3 modes as HTML (content, summary) and as text (titles).
import { describe, expect, it } from "vitest";
import { readTextConstruct, textConstructToText } from "../../src/feed/text-construct.js";
import { parseXml } from "../../src/feed/xml.js";
import { normaliseNames } from "../../src/feed/namespaces.js";

function read(xml: string): { html: string | null; text: string } {
  const source = `<feed xmlns="http://www.w3.org/2005/Atom">${xml}</feed>`;
  const root = parseXml(source).tops[0]!;
  normaliseNames(root);
  const el = root.children.find((c) => c.type === "tag") as Parameters<typeof readTextConstruct>[0];
  return { html: readTextConstruct(el, source), text: textConstructToText(el, source) };
}

describe("readTextConstruct", () => {
  it.each([
    ["type text (default) is escaped (RFC 4287 3.1.1.1)", `<content>a &lt; b</content>`, "a &lt; b"],
    ["type text with markup-looking text is escaped", `<content type="text">&lt;p&gt;x&lt;/p&gt;</content>`, "&lt;p&gt;x&lt;/p&gt;"],
    ["type html is its decoded text (3.1.1.2)", `<content type="html">&lt;p&gt;x&lt;/p&gt;</content>`, "<p>x</p>"],
    ["type html in CDATA keeps bytes", `<content type="html"><![CDATA[<p>x</p>\r\n]]></content>`, "<p>x</p>\r\n"],
    ["type xhtml is the inner markup of its div (3.1.1.3)", `<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>x &amp; y</p></div></content>`, "<p>x &amp; y</p>"],
    ["xhtml with escaped markup stays escaped (gofeed case)", `<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">&lt;p&gt;x&lt;/p&gt;</div></content>`, "&lt;p&gt;x&lt;/p&gt;"],
    ["xhtml with a prefix loses the prefix", `<content type="xhtml"><h:div xmlns:h="http://www.w3.org/1999/xhtml"><h:p>x</h:p></h:div></content>`, "<p>x</p>"],
    ["Atom 0.3 mode=escaped is HTML", `<content type="text/html" mode="escaped">&lt;b&gt;x&lt;/b&gt;</content>`, "<b>x</b>"],
    ["Atom 0.3 mode=base64 of HTML", `<content type="text/html" mode="base64">PGI+eDwvYj4=</content>`, "<b>x</b>"],
    ["Atom 0.3 naked markup (default mode xml)", `<summary><p>Entry Summary</p></summary>`, "<p>Entry Summary</p>"],
    ["naked markup keeps a wrapping div (only xhtml unwraps it)", `<summary><div>Example <b>Atom</b></div></summary>`, "<div>Example <b>Atom</b></div>"],
    ["out-of-line content (src, 4.1.3.2) has no HTML", `<content type="text/html" src="https://a.example/x"/>`, null],
    ["a binary type has no HTML (PNG bytes are not UTF-8 text)", `<content type="image/png">iVBORw0KGgo=</content>`, null],
    ["another type is base64 of text, read as feedparser and gofeed do (RFC 4287 4.1.3.3)", `<content type="application/octet-stream">PHA+eDwvcD4=</content>`, "<p>x</p>"],
    ["an XML media type is inline XML", `<content type="application/rss+xml"><x a="1">y</x></content>`, `<x a="1">y</x>`],
    ["text that is not base64 under another type has no HTML", `<content type="application/json">{"a":1}</content>`, null],
  ])("%s", (_name, xml, expected) => {
    expect(read(xml).html).toBe(expected);
  });
});

describe("textConstructToText", () => {
  it.each([
    ["type text: entities decoded", `<title>A &amp; B</title>`, "A & B"],
    ["type html: tags stripped, entities decoded once", `<title type="html">&lt;b&gt;A&lt;/b&gt; &amp;amp; B</title>`, "A & B"],
    ["type xhtml: the div's text", `<title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><b>A</b> B</div></title>`, "A B"],
    ["Atom 0.3 mode=base64", `<title mode="base64">RW50cnkgVGl0bGU=</title>`, "Entry Title"],
  ])("%s", (_name, xml, expected) => {
    expect(read(xml).text).toBe(expected);
  });
});
