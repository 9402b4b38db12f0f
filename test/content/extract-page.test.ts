// Pages as linkedom documents for extraction: inert parts cut, base address set, limits kept.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { estimatePageShape, MAX_PAGE_CHARS, parsePage, stripInertParts } from "../../src/content/extract-page.js";

describe("stripInertParts", () => {
  it.each([
    ["scripts go with their content", "<p>a</p><script>var x = '<p>';</script><p>b</p>", "<p>a</p><p>b</p>"],
    ["script names are matched without case", "a<SCRIPT type=text/javascript>x()</Script >b", "ab"],
    ["styles go", "<style>p{}</style><p>a</p>", "<p>a</p>"],
    ["comments go", "a<!-- <p>hidden</p> -->b", "ab"],
    ["JSON-LD stays: Readability reads the byline there", '<script type="application/ld+json">{"author":"A"}</script>', '<script type="application/ld+json">{"author":"A"}</script>'],
    ["an unclosed comment runs to the end (HTML parsing: EOF in comment)", "a<!-- b <p>c</p>", "a"],
    ["an unclosed script runs to the end", "a<script>b", "a"],
    ["a script tag without its '>' is left to the parser", "a<script", "a<script"],
    ["words that merely start like the tags stay", "<scripture>x</scripture><styles>y</styles>", "<scripture>x</scripture><styles>y</styles>"],
    ["footers, selects and buttons go (Readability's _clean drops them)", "a<footer>© x</footer>b<select><option>1</select>c<button>Share</button>d", "abcd"],
    ["a textarea is raw text: a tag inside does not end it", "a<textarea><p>x</p></textarea>b", "ab"],
    ["nested footers: the inner one goes, the outer is left to the parser", "<footer>a<footer>b</footer>c</footer>d", "<footer>ac</footer>d"],
    ["a footer without an end tag is left to the parser", "<footer>a<p>rest of the page", "<footer>a<p>rest of the page"],
    ["a comment inside JSON-LD is not cut out of the JSON", '<script type="application/ld+json">{"a":"<!--"}</script>b', '<script type="application/ld+json">{"a":"<!--"}</script>b'],
  ])("%s", (_reason, html, expected) => {
    expect(stripInertParts(html)).toBe(expected);
  });

  it("is linear on many unclosed openings (no quadratic rescans)", () => {
    const hostile = "<script ".repeat(50_000) + "<footer>".repeat(50_000) + "<button>x".repeat(50_000) + "</button>" + "<!--".repeat(50_000);
    const start = performance.now();
    stripInertParts(hostile);
    expect(performance.now() - start).toBeLessThan(2_000);
  });
});

describe("estimatePageShape", () => {
  it.each([
    ["siblings add no depth", "<div></div><div></div>", 2, 0],
    ["nesting adds the depth of each start tag", "<div><div><div></div></div></div>", 3, 0 + 1 + 2],
    ["void and self-closing-by-sibling elements do not deepen", "<div><p>a<p>b<br><img></div>", 5, 0 + 1 + 1 + 1 + 1],
    ["stray end tags do not go below zero", "</div></div><div></div>", 1, 0],
  ])("%s", (_reason, html, elements, nestingWork) => {
    expect(estimatePageShape(html)).toEqual({ elements, nestingWork });
  });
});

describe("parsePage", () => {
  it("sets baseURI from <base href>, resolved against the page address", () => {
    const page = parsePage({ url: "https://news.example/a/b.html", html: '<html><head><base href="/static/"></head><body>x</body></html>' });
    expect(page.ok && page.value.baseURI).toBe("https://news.example/static/");
    expect(page.ok && page.value.documentURI).toBe("https://news.example/a/b.html");
  });

  it("uses the page address when there is no <base>", () => {
    const page = parsePage({ url: "https://news.example/a/b.html", html: "<html><body>x</body></html>" });
    expect(page.ok && page.value.baseURI).toBe("https://news.example/a/b.html");
  });

  it("wraps a bare fragment in a document", () => {
    const page = parsePage({ url: "https://news.example/", html: "<p>just a paragraph</p>" });
    expect(page.ok && page.value.body.textContent).toBe("just a paragraph");
  });

  it("creates lower-case elements, as browsers do (Readability creates 'DIV')", () => {
    const page = parsePage({ url: "https://news.example/", html: "<html><body></body></html>" });
    expect(page.ok && page.value.createElement("DIV").outerHTML).toBe("<div></div>");
  });

  it.each([
    ["a page address that is not a URL", "not a url", "<p>x</p>", /is not a URL/],
    ["a page over the size limit", "https://news.example/", "x".repeat(MAX_PAGE_CHARS + 1), /over the limit/],
  ])("refuses %s with content.extract-failed", (_reason, url, html, message) => {
    const page = parsePage({ url, html });
    expect(page.ok).toBe(false);
    if (!page.ok) {
      expect(page.failure.code).toBe("content.extract-failed");
      expect(page.failure.message).toMatch(message);
    }
  });

  it("returns a document or a failure for random markup, never throws", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("<", ">", "/", "html", "body", "base href=", "script", "<!--", "-->", " ", "p", '"', "x") }), (html) => {
        const page = parsePage({ url: "https://news.example/", html });
        expect(typeof page.ok).toBe("boolean");
      }),
      { numRuns: 300 },
    );
  });
});
