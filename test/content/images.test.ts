// Pictures of an article: listing, rewriting into the mirror, srcset parsing and SVG sanitising.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Parser } from "htmlparser2";
import { listImages, parseSrcset, rewriteImages, sanitizeSvg } from "../../src/content/images.js";

const BASE = "https://news.example/2024/05/story.html";

describe("listImages", () => {
  it.each([
    ["a relative src is made absolute", '<img src="/img/a.jpg">', ["https://news.example/img/a.jpg"]],
    ["each picture once, in order", '<img src="b.png"><img src="a.png"><img src="b.png">', ["https://news.example/2024/05/b.png", "https://news.example/2024/05/a.png"]],
    ["the lazy-loading attribute wins over the placeholder src", '<img src="data:image/gif;base64,R0lGOD" data-src="/real.jpg">', ["https://news.example/real.jpg"]],
    ["Zhihu's data-actualsrc", '<img src="/blank.gif" data-actualsrc="https://pic.example/z.jpg">', ["https://pic.example/z.jpg"]],
    ["srcset alone: its largest candidate", '<img srcset="s.jpg 320w, l.jpg 1024w, m.jpg 640w">', ["https://news.example/2024/05/l.jpg"]],
    ["srcset beside src: the src only", '<img src="m.jpg" srcset="s.jpg 1x, l.jpg 2x">', ["https://news.example/2024/05/m.jpg"]],
    ["data: pictures are already in the page", '<img src="data:image/png;base64,iVBORw0KGgo=">', []],
    ["only http(s) pictures", '<img src="javascript:alert(1)"><img src="ftp://x.example/a.png">', []],
    ["<source> alternatives are not listed", '<picture><source srcset="/a.webp"><img src="/a.jpg"></picture>', ["https://news.example/a.jpg"]],
    ["entities in the address are decoded", '<img src="/i.php?a=1&amp;b=2">', ["https://news.example/i.php?a=1&b=2"]],
    ["no pictures, no list", "<p>text</p>", []],
  ])("%s", (_reason, html, expected) => {
    expect(listImages(html, BASE)).toEqual(expected);
  });

  it("an unusable base keeps absolute pictures and skips relative ones", () => {
    expect(listImages('<img src="/a.png"><img src="https://i.example/b.png">', "not a url")).toEqual(["https://i.example/b.png"]);
  });
});

describe("parseSrcset", () => {
  it.each([
    ["candidates with descriptors", "a.jpg 1x, b.jpg 2x", [{ url: "a.jpg", descriptor: "1x" }, { url: "b.jpg", descriptor: "2x" }]],
    ["a comma inside a URL is part of it (Cloudinary)", "https://c.example/w_300,h_200/a.jpg 300w", [{ url: "https://c.example/w_300,h_200/a.jpg", descriptor: "300w" }]],
    ["a URL without descriptor, ended by a comma", "a.jpg, b.jpg 2x", [{ url: "a.jpg", descriptor: "" }, { url: "b.jpg", descriptor: "2x" }]],
    ["empty", "  ", []],
  ])("%s", (_reason, value, expected) => {
    expect(parseSrcset(value)).toEqual(expected);
  });
});

describe("rewriteImages", () => {
  const A = "https://news.example/img/a.jpg";
  const map = new Map([[A, "/assets/img/0123456789abcdef.jpg"]]);

  it.each([
    ["src points into the mirror", `<p>x</p><img src="${A}" alt="A &amp; B">`, '<p>x</p><img src="/assets/img/0123456789abcdef.jpg" alt="A &amp; B">'],
    ["a relative src is found through the base", '<img src="/img/a.jpg">', '<img src="/assets/img/0123456789abcdef.jpg">'],
    ["unmirrored pictures keep their origin URL (retried on a later run)", '<img src="https://news.example/img/b.jpg">', '<img src="https://news.example/img/b.jpg">'],
    ["srcset alternatives that were not mirrored go when the src was", `<img src="${A}" srcset="${A} 1x, https://news.example/img/a2.jpg 2x">`, '<img src="/assets/img/0123456789abcdef.jpg" srcset="/assets/img/0123456789abcdef.jpg 1x">'],
    ["a srcset with nothing mirrored goes when the src was mirrored", `<img src="${A}" srcset="https://news.example/img/a2.jpg 2x">`, '<img src="/assets/img/0123456789abcdef.jpg">'],
    ["a lazy picture gets a real src and loses its lazy attribute", `<img src="data:image/gif;base64,R0l" data-src="${A}">`, '<img src="/assets/img/0123456789abcdef.jpg">'],
    ["a self-closing tag stays self-closing", `<img src="${A}" />`, '<img src="/assets/img/0123456789abcdef.jpg" />'],
    ["<picture><source> with nothing mirrored loses its srcset so the mirrored <img> shows", `<picture><source srcset="https://news.example/img/a.webp"><img src="${A}"></picture>`, '<picture><source><img src="/assets/img/0123456789abcdef.jpg"></picture>'],
    ["text that looks like a tag is not touched", `<pre>&lt;img src="${A}"&gt;</pre>`, `<pre>&lt;img src="${A}"&gt;</pre>`],
  ])("%s", (_reason, html, expected) => {
    expect(rewriteImages(html, map, BASE)).toBe(expected);
  });

  it("an empty map returns the HTML unchanged", () => {
    const html = `<img src="${A}" srcset="x 2x">`;
    expect(rewriteImages(html, new Map(), BASE)).toBe(html);
  });

  it("attribute values are escaped when a tag is rewritten", () => {
    expect(rewriteImages(`<img src="${A}" title='say "hi" <now>'>`, map)).toBe('<img src="/assets/img/0123456789abcdef.jpg" title="say &quot;hi&quot; &lt;now>">');
  });

  it("listImages then rewriteImages leaves no origin picture behind", () => {
    const html = '<img src="/a.jpg" srcset="/a-2x.jpg 2x"><img data-original="/b.jpg" src="/grey.gif">';
    const local = new Map(listImages(html, BASE).map((url, i) => [url, `/assets/img/${i}.jpg`]));
    const rewritten = rewriteImages(html, local, BASE);
    expect(listImages(rewritten, "https://mirror.example/")).toEqual(["https://mirror.example/assets/img/0.jpg", "https://mirror.example/assets/img/1.jpg"]);
    expect(rewritten).not.toContain("news.example");
    expect(rewritten).not.toContain("/a-2x.jpg");
  });

  it("never throws on random markup", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("<img ", "src=", `"${A}"`, "srcset=", "'a 1x, b'", ">", "/>", "<", "&", " ", "data-src=x", "<source ") }), (html) => {
        expect(typeof rewriteImages(html, map, BASE)).toBe("string");
        expect(Array.isArray(listImages(html, BASE))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

/** Elements and attributes of an SVG document that could run code or load a file, as an XML parser sees them. */
function dangerIn(svg: string): string[] {
  const found: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (/^(?:script|foreignObject|set|animate|style|iframe)$/i.test(name)) found.push(`<${name}>`);
        for (const [key, value] of Object.entries(attributes)) {
          if (/^on/i.test(key) || /javascript:/i.test(value) || (/href$/i.test(key) && !value.startsWith("#") && !value.startsWith("data:image/"))) found.push(`${key}=${value}`);
        }
      },
    },
    { xmlMode: true },
  );
  parser.end(svg);
  return found;
}

describe("sanitizeSvg", () => {
  it.each([
    ["shapes and gradients stay", '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><defs><linearGradient id="g"><stop offset="0"/></linearGradient></defs><rect width="10" height="10" fill="url(#g)"/></svg>', '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><defs><linearGradient id="g"><stop offset="0"></stop></linearGradient></defs><rect width="10" height="10" fill="url(#g)"></rect></svg>'],
    ["script goes with its content", "<svg><script>alert(1)</script><circle r='1'/></svg>", '<svg><circle r="1"></circle></svg>'],
    ["foreignObject goes with the HTML inside", "<svg><foreignObject><iframe src='https://evil.example'/></foreignObject></svg>", "<svg></svg>"],
    ["event handlers go", "<svg onload='alert(1)'><rect onclick='x()' width='1'/></svg>", '<svg><rect width="1"></rect></svg>'],
    ["external references go, fragment ones stay", "<svg xmlns:xlink='http://www.w3.org/1999/xlink'><use xlink:href='https://evil.example/s.svg#a'/><use href='#b'/></svg>", '<svg xmlns:xlink="http://www.w3.org/1999/xlink"><use></use><use href="#b"></use></svg>'],
    ["an <image> of another file loses its href", "<svg><image href='https://tracker.example/p.png'/></svg>", "<svg><image></image></svg>"],
    ["an <image> of inline raster data keeps it", "<svg><image href='data:image/png;base64,iVBORw0KGgo='/></svg>", '<svg><image href="data:image/png;base64,iVBORw0KGgo="></image></svg>'],
    ["style elements go (CSS can load other files)", "<svg><style>@import url(https://evil.example/x.css);</style></svg>", "<svg></svg>"],
    ["style attributes that load files go", "<svg><rect style='fill:url(https://evil.example/a)'/><rect style='fill:red'/></svg>", '<svg><rect></rect><rect style="fill:red"></rect></svg>'],
    ["spaces inside url( ... ) do not hide an external reference", "<svg><rect fill='url( \" https://evil.example/a\")'/><rect fill='url( #g )'/></svg>", '<svg><rect></rect><rect fill="url( #g )"></rect></svg>'],
    ["animation that could set a javascript: link goes", "<svg><a><set attributeName='href' to='javascript:alert(1)'/><text>hi</text></a></svg>", "<svg><text>hi</text></svg>"],
    ["links are unwrapped: text stays, the link goes", "<svg><a href='javascript:alert(1)'><text>t</text></a></svg>", "<svg><text>t</text></svg>"],
    ["xml:base goes", "<svg xml:base='https://evil.example/'><rect/></svg>", "<svg><rect></rect></svg>"],
    ["comments, processing instructions and the doctype go", '<?xml version="1.0"?><?xml-stylesheet href="https://evil.example/x.css"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><!-- c --><svg><title>T &amp; U</title></svg>', "<svg><title>T &amp; U</title></svg>"],
  ])("%s", (_reason, svg, expected) => {
    const clean = sanitizeSvg(svg);
    // The root gains the SVG namespace when it lacks one, so <img> draws the file.
    const withNamespace = expected.startsWith('<svg xmlns="') ? expected : expected.replace(/^<svg/, '<svg xmlns="http://www.w3.org/2000/svg"');
    expect(clean.ok && clean.value).toBe(withNamespace);
  });

  it.each([
    ["an HTML page", "<html><body>x</body></html>"],
    ["an empty file", ""],
    ["upper-case SVG root (XML names are case-sensitive)", "<SVG></SVG>"],
  ])("refuses %s: the root is not <svg>", (_reason, text) => {
    const clean = sanitizeSvg(text);
    expect(clean.ok).toBe(false);
    if (!clean.ok) expect(clean.failure.code).toBe("content.image-type");
  });

  it("stays fast on a long run of spaces inside url(", () => {
    const start = performance.now();
    sanitizeSvg(`<svg><rect fill="url(${" ".repeat(100_000)}#"/></svg>`);
    expect(performance.now() - start).toBeLessThan(1_000);
  });

  it("random SVG-like input never yields script, handlers or foreign content", () => {
    const parts = ["<svg>", "</svg>", "<script>", "</script>", "<foreignObject>", "</foreignObject>", " onload='x'", "<a href='javascript:y'>", "</a>", "<rect", "/>", ">", "<", "<![CDATA[<script>]]>", "<set to='javascript:z'/>", "&lt;script&gt;"];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...parts), { maxLength: 30 }), (pieces) => {
        const clean = sanitizeSvg(`<svg>${pieces.join("")}</svg>`);
        if (!clean.ok) return;
        expect(dangerIn(clean.value)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});
