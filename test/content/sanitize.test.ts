// Tests for src/content/sanitize.ts: the allow-list, URL handling, and the XSS corpus through the whole cleaner.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { cleanArticle } from "../../src/content/index.js";
import { sanitizeArticleHtml, sanitizeHtml } from "../../src/content/sanitize.js";
import { findExecutableConstructs, XSS_VECTORS } from "./xss-vectors.js";

const BASE = "https://news.example/world/2024/story.html";

describe("sanitizeHtml keeps article structure", () => {
  it.each([
    ["plain paragraphs are not reformatted (golden clean post)", "<p>（中央社）王毅6日說。</p><p>丹瑞（Than Shwe）</p>", "<p>（中央社）王毅6日說。</p><p>丹瑞（Than Shwe）</p>"],
    ["headings, lists and quotes stay", "<h2>T</h2><ul><li>a</li></ul><blockquote>q</blockquote>", "<h2>T</h2><ul><li>a</li></ul><blockquote>q</blockquote>"],
    ["tables keep spans", '<table><tr><td colspan="2">x</td></tr></table>', '<table><tr><td colspan="2">x</td></tr></table>'],
    ["figures keep images and captions", '<figure><img src="https://i.example/a.jpg" alt="A"><figcaption>c</figcaption></figure>', '<figure><img src="https://i.example/a.jpg" alt="A" /><figcaption>c</figcaption></figure>'],
    ["class, id and style are dropped (site CSS means nothing on the mirror)", '<p class="x" id="y" style="color:red">t</p>', "<p>t</p>"],
    ["unknown wrappers lose the tag, keep the text", "<font face=x>text</font><center>c</center>", "textc"],
    ["video keeps its sources and gains controls (no site player script)", '<video poster="/p.jpg"><source src="/v.mp4" type="video/mp4"></video>', '<video poster="https://news.example/p.jpg" controls><source src="https://news.example/v.mp4" type="video/mp4" /></video>'],
    ["audio keeps its source", '<audio src="https://a.example/x.mp3" controls></audio>', '<audio src="https://a.example/x.mp3" controls></audio>'],
  ])("%s", (_name, input, expected) => {
    expect(sanitizeHtml(input, BASE)).toBe(expected);
  });
});

describe("sanitizeHtml drops what is not article content", () => {
  it.each([
    ["script with its code", "<p>a</p><script>alert(1)</script>", "<p>a</p>"],
    ["style with its rules", "<style>p{color:red}</style><p>a</p>", "<p>a</p>"],
    ["iframe with its fallback", '<iframe src="https://x.example/">fallback</iframe><p>a</p>', "<p>a</p>"],
    ["form controls and their labels (CNA sign-up box)", '<form action="/s"><input type="text" placeholder="請輸入"><button>訂閱</button></form><p>a</p>', "<p>a</p>"],
    ["svg with its paths", '<svg viewBox="0 0 1 1"><path d="M0"></path></svg><p>a</p>', "<p>a</p>"],
    ["event handlers", '<p onclick="x()" onmouseover="y()">a</p>', "<p>a</p>"],
    ["javascript: links keep their text", '<a href="javascript:">訂閱</a>', "<a>訂閱</a>"],
    ["vbscript: links", '<a href="vbscript:msgbox(1)">v</a>', "<a>v</a>"],
    ["non-image data: links", '<a href="data:text/html,x">d</a>', "<a>d</a>"],
    ["images without a usable source", '<img src="javascript:x"><img><p>a</p>', "<p>a</p>"],
  ])("%s", (_name, input, expected) => {
    expect(sanitizeHtml(input, BASE)).toBe(expected);
  });
});

describe("sanitizeHtml URLs", () => {
  it.each([
    ["relative links become absolute against the article", '<a href="../x.html">x</a>', '<a href="https://news.example/world/x.html">x</a>'],
    ["root-relative images become absolute", '<img src="/img/a.png">', '<img src="https://news.example/img/a.png" />'],
    ["protocol-relative URLs take the article's scheme", '<img src="//cdn.example/a.png">', '<img src="https://cdn.example/a.png" />'],
    ["utm_* parameters leave links", '<a href="https://b.example/p?id=3&utm_source=rss&utm_medium=feed">p</a>', '<a href="https://b.example/p?id=3">p</a>'],
    ["fbclid leaves links", '<a href="https://b.example/p?fbclid=abc">p</a>', '<a href="https://b.example/p">p</a>'],
    ["mailto links stay", '<a href="mailto:desk@news.example">m</a>', '<a href="mailto:desk@news.example">m</a>'],
    ["raster data: images stay (inline pictures)", '<img src="data:image/png;base64,iVBORw0KGgo=">', '<img src="data:image/png;base64,iVBORw0KGgo=" />'],
    ["SVG data: images go (script when opened alone)", '<img src="data:image/svg+xml;base64,PHN2Zz4=">', ""],
    ["srcset candidates become absolute, bad ones go", '<img src="/a.png" srcset="/a2.png 2x, javascript:x 3x">', '<img src="https://news.example/a.png" srcset="https://news.example/a2.png 2x" />'],
  ])("%s", (_name, input, expected) => {
    expect(sanitizeHtml(input, BASE)).toBe(expected);
  });

  it("lists the kept images in order, once each, absolute", () => {
    const result = sanitizeArticleHtml('<img src="/a.png"><img src="javascript:x"><img src="https://news.example/a.png"><img src="b.png">', BASE);
    expect(result.images).toEqual(["https://news.example/a.png", "https://news.example/world/2024/b.png"]);
  });
});

describe("XSS corpus: no executable construct survives the cleaner", () => {
  it("has at least 100 vectors", () => {
    expect(XSS_VECTORS.length).toBeGreaterThanOrEqual(100);
  });

  it("the checker sees executable constructs when they are there (it can fail)", () => {
    expect(findExecutableConstructs('<img src=x onerror="alert(1)">')).not.toEqual([]);
    expect(findExecutableConstructs('<a href="javascript:alert(1)">x</a>')).not.toEqual([]);
    expect(findExecutableConstructs("<svg><script>1</script></svg>")).not.toEqual([]);
    expect(findExecutableConstructs('<p style="x:expression(1)">x</p>')).not.toEqual([]);
    expect(findExecutableConstructs('<iframe srcdoc="x"></iframe>')).not.toEqual([]);
  });

  it.each(XSS_VECTORS.map((vector, index) => [index, vector] as const))("vector %i: %s", (_index, vector) => {
    const alone = sanitizeHtml(vector, BASE);
    expect(findExecutableConstructs(alone)).toEqual([]);
    const inArticle = cleanArticle(
      { title: "t", link: BASE, guid: null, published: null, author: null, categories: [], html: `<p>before</p>${vector}<p>after</p>` },
      { clean: true, remove: [] },
    );
    expect(findExecutableConstructs(inArticle.html)).toEqual([]);
    // A second pass must find nothing new to remove: the output is a fixed point of the sanitizer.
    expect(sanitizeHtml(inArticle.html, BASE)).toBe(inArticle.html);
  });
});

describe("random and hostile input", () => {
  it("any string gives a string without executable constructs, never a throw", () => {
    const tagSoup = fc.array(
      fc.oneof(
        fc.constantFrom("<", ">", "</", "/>", "=", '"', "'", "&", "&#", ";", " ", "\n", "\t", "\u0000", "<!--", "-->", "<![CDATA[", "]]>"),
        fc.constantFrom("script", "img", "svg", "math", "a", "p", "iframe", "style", "noscript", "template", "textarea", "title", "xmp", "table", "form"),
        fc.constantFrom(" src=", " href=", " onerror=", " srcdoc=", " style=", "javascript:", "data:", "alert(1)", "x", "中文"),
        fc.string({ maxLength: 8 }),
      ),
      { maxLength: 60 },
    );
    fc.assert(
      fc.property(tagSoup, (parts) => {
        const html = parts.join("");
        const out = sanitizeHtml(html, BASE);
        expect(findExecutableConstructs(out)).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });
});
