// Article extraction from a page: site rule first, then Readability on linkedom.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { extractArticle, normaliseText } from "../../src/content/extract-article.js";
import { MAX_PAGE_ELEMENTS } from "../../src/content/extract-page.js";

const PARAGRAPHS = Array.from({ length: 8 }, (_, i) => `<p>Paragraph ${i + 1} of the story, with enough words, commas, and detail to look like prose a reader wants.</p>`).join("");

function page(body: string, head = "<title>The headline - News</title>"): string {
  return `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;
}

describe("extractArticle", () => {
  it("finds the story with Readability and leaves navigation and footer out", () => {
    const html = page(`<nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>The headline</h1>${PARAGRAPHS}</article><footer>Copyright News Inc.</footer>`);
    const result = extractArticle({ url: "https://news.example/2024/story", html });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.method).toBe("readability");
    expect(result.value.text).toContain("Paragraph 8 of the story");
    expect(result.value.text).not.toContain("Copyright News Inc.");
    expect(result.value.title).toBe("The headline - News");
  });

  it("makes relative links and pictures absolute against the page address", () => {
    const html = page(`<article>${PARAGRAPHS}<p><img src="/img/a.jpg"> See <a href="../more.html">more</a>, and more text here.</p></article>`);
    const result = extractArticle({ url: "https://news.example/2024/story", html });
    expect(result.ok && result.value.html).toContain('src="https://news.example/img/a.jpg"');
    expect(result.ok && result.value.html).toContain('href="https://news.example/more.html"');
  });

  it("serialises lower-case elements (no <DIV> from Readability on linkedom)", () => {
    const result = extractArticle({ url: "https://news.example/a", html: page(`<article>${PARAGRAPHS}</article>`) });
    expect(result.ok && result.value.html).not.toMatch(/<[A-Z]/);
  });

  it("reads the byline from the page's metadata", () => {
    const html = page(`<article>${PARAGRAPHS}</article>`, '<title>T</title><meta name="author" content="Lin Mei">');
    const result = extractArticle({ url: "https://news.example/a", html });
    expect(result.ok && result.value.byline).toBe("Lin Mei");
  });

  it("uses the site rule's body, title and removals for a host in the table (www.cna.com.tw)", () => {
    const html = page(
      `<h1>輪胎行惡火</h1><div class="paragraph"><p>（中央社記者桃園19日電）桃園市平鎮區一家輪胎行今天清晨發生大火。</p><div style="color:Red">您所瀏覽的新聞已過查詢時效。</div><img src="/p.jpg"></div><div class="paragraph BtnShareGroup">分享</div>`,
      "<title>輪胎行惡火 | 社會 | 中央社 CNA</title>",
    );
    const result = extractArticle({ url: "https://www.cna.com.tw/news/asoc/201603190029.aspx", html });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.method).toBe("site-rule");
    expect(result.value.title).toBe("輪胎行惡火");
    expect(result.value.text).toBe("（中央社記者桃園19日電）桃園市平鎮區一家輪胎行今天清晨發生大火。");
    expect(result.value.html).toContain('src="https://www.cna.com.tw/p.jpg"');
    expect(result.value.html).not.toContain("查詢時效");
  });

  it("makes srcset candidates absolute in site-rule output, commas inside URLs included", () => {
    const html = page(`<div class="paragraph"><p>桃園市平鎮區一家輪胎行今天清晨發生大火，七人疏散。</p><img srcset="/w_300,h_200/a.jpg 300w, b.jpg 2x"></div>`);
    const result = extractArticle({ url: "https://www.cna.com.tw/news/x.aspx", html });
    expect(result.ok && result.value.html).toContain('srcset="https://www.cna.com.tw/w_300,h_200/a.jpg 300w, https://www.cna.com.tw/news/b.jpg 2x"');
  });

  it("falls back to Readability when the site rule's body is missing (the site changed its layout)", () => {
    const result = extractArticle({ url: "https://www.cna.com.tw/news/1.aspx", html: page(`<article>${PARAGRAPHS}</article>`) });
    expect(result.ok && result.value.method).toBe("readability");
  });

  it.each([
    ["an empty page", ""],
    ["a page without text", page("<div><img src='x.png'></div>")],
  ])("fails with content.extract-failed on %s", (_reason, html) => {
    const result = extractArticle({ url: "https://news.example/a", html });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.failure.code).toBe("content.extract-failed");
      expect(result.failure.url).toBe("https://news.example/a");
    }
  });

  it("refuses quickly a page with more elements than the limit (Readability's time grows with them)", () => {
    const start = performance.now();
    const result = extractArticle({ url: "https://news.example/a", html: page("<span>x</span>".repeat(MAX_PAGE_ELEMENTS + 1)) });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.failure.message).toMatch(/elements, over the limit of 20000/);
    expect(performance.now() - start).toBeLessThan(1_000);
  });

  it("refuses quickly a page nested thousands deep (Readability would take minutes)", () => {
    const start = performance.now();
    const result = extractArticle({ url: "https://news.example/a", html: page("<div>".repeat(5_000) + "text, more text. ".repeat(50)) });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.failure.message).toMatch(/nests its elements too deeply/);
    expect(performance.now() - start).toBeLessThan(1_000);
  });

  it("returns a value or a failure for random markup, never throws", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom("<p>", "</p>", "<div>", "</div>", "<a href='/x'>", "</a>", "<table><tr><td>", "text, more text. ", "中文，句子。", "<br>", "<img src=x>", "<", ">", "&amp;", "<h1>") }),
        (html) => {
          const result = extractArticle({ url: "https://news.example/a", html });
          expect(typeof result.ok).toBe("boolean");
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("normaliseText", () => {
  it.each([
    ["runs of spaces become one", "a  \t b", "a b"],
    ["blank lines go", "a\n\n \n b", "a\nb"],
    ["no-break spaces count as spaces", "a\u00a0\u00a0b", "a b"],
  ])("%s", (_reason, text, expected) => {
    expect(normaliseText(text)).toBe(expected);
  });
});
