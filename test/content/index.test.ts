// Tests for src/content/index.ts: the golden clean post, `clean: false`, step order effects, and hostile input.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { formatPost } from "../../src/archive/index.js";
import { CONTENT_STEPS, cleanArticle, sanitizeHtml, type Article } from "../../src/content/index.js";
import { parseFeed, type Entry } from "../../src/feed/index.js";
import { sharedPath } from "../support/paths.js";
import { findExecutableConstructs } from "./xss-vectors.js";

const SITE = "(臺)中央社CNA";

function goldenEntry(): Entry & { link: string } {
  const parsed = parseFeed(readFileSync(sharedPath("golden/cna-2023-12-07.feed.xml"), "utf8"), {
    baseUrl: "https://www.cna.com.tw/rss.xml",
  });
  if (!parsed.ok) throw new Error(parsed.failure.message);
  const entry = parsed.value.entries[0];
  if (entry === undefined || entry.link === null) throw new Error("the golden feed has no linked item");
  return { ...entry, link: entry.link };
}

function postOf(article: Article): string {
  return formatPost({
    title: article.title,
    link: article.link,
    guid: article.guid,
    author: article.author ?? SITE,
    site: SITE,
    published: article.published,
    html: article.html,
    runTime: new Date("2024-06-01T00:00:00Z"),
  }).text;
}

function entryWith(html: string, link = "https://news.example/a/1.html"): Entry & { link: string } {
  return { title: "T", link, guid: null, published: null, author: null, html, categories: [] };
}

describe("the golden feed item", () => {
  it("with cleaning on gives exactly golden/cna-2023-12-07.clean.expected.md", () => {
    const article = cleanArticle(goldenEntry(), { clean: true, remove: [] });
    expect(postOf(article)).toBe(readFileSync(sharedPath("golden/cna-2023-12-07.clean.expected.md"), "utf8"));
  });

  it("with cleaning on, line 16 of the clean golden is the body without control characters", () => {
    const article = cleanArticle(goldenEntry(), { clean: true, remove: [] });
    const line16 = readFileSync(sharedPath("golden/cna-2023-12-07.clean.expected.md"), "utf8").split("\n")[15];
    expect(article.html.replace(/[\u0000-\u001f\u007f-\u009f]/g, "").trim()).toBe(line16);
  });

  it("reports the CNA sign-up box rule as matched, and nothing else", () => {
    const article = cleanArticle(goldenEntry(), { clean: true, remove: [] });
    expect(article.rulesMatched).toEqual(["www.cna.com.tw div.SubscriptionInner"]);
    expect(article.images).toEqual([]);
  });

  it("with cleaning off gives exactly golden/cna-2023-12-07.expected.md (the original system's bytes)", () => {
    const entry = goldenEntry();
    const article = cleanArticle(entry, { clean: false, remove: [".anything"] });
    expect(article.html).toBe(entry.html);
    expect(postOf(article)).toBe(readFileSync(sharedPath("golden/cna-2023-12-07.expected.md"), "utf8"));
  });
});

describe("cleanArticle", () => {
  it("keeps the entry's fields and lists steps in the fixed order ending with sanitize", () => {
    const entry = { ...entryWith("<p>x</p>"), guid: "g", author: "A", categories: ["c"], published: new Date(0) };
    const article = cleanArticle(entry, { clean: true, remove: [] });
    expect(article).toMatchObject({ title: "T", guid: "g", author: "A", categories: ["c"], published: new Date(0), html: "<p>x</p>" });
    expect(CONTENT_STEPS.at(-1)?.name).toBe("sanitizeLast");
  });

  it.each([
    ["utm parameters leave the article link", "https://news.example/a?id=1&utm_source=rss", "https://news.example/a?id=1"],
    ["a link without tracking parameters is unchanged byte for byte", "https://news.example/a?b=1&c=%20", "https://news.example/a?b=1&c=%20"],
  ])("%s", (_name, link, expected) => {
    expect(cleanArticle(entryWith("<p>x</p>", link), { clean: true, remove: [] }).link).toBe(expected);
  });

  it("applies a source's remove: selectors and names them in rulesMatched", () => {
    const article = cleanArticle(entryWith('<p>keep</p><div class="promo">buy</div>'), { clean: true, remove: [".promo", ".absent"] });
    expect(article.html).toBe("<p>keep</p>");
    expect(article.rulesMatched).toEqual(["remove .promo"]);
  });

  it("skips a remove: selector that does not parse, with a note saying so", () => {
    const article = cleanArticle(entryWith("<p>keep</p>"), { clean: true, remove: ["div[", ".ok"] });
    expect(article.html).toBe("<p>keep</p>");
    expect(article.notes).toEqual(['remove: "div[" is not a valid CSS selector; it was skipped']);
  });

  it("turns a lazy YouTube iframe into a link and notes it (CNA posts)", () => {
    const html = `<p>a</p><div class='youtube'><iframe title='youtube iframe' data-src='//www.youtube.com/embed/DVvmgjBL74w?rel=0' class='lazyload'></iframe></div>`;
    const article = cleanArticle(entryWith(html, "https://www.cna.com.tw/news/firstnews/202008290104.aspx"), { clean: true, remove: [] });
    expect(article.html).toBe('<p>a</p><div><a href="https://www.youtube.com/watch?v=DVvmgjBL74w">YouTube: https://www.youtube.com/watch?v=DVvmgjBL74w</a></div>');
    expect(article.notes).toEqual(["video embed -> link: YouTube"]);
  });

  it("resolves lazy images and lists them for mirroring (iYouPort Jetpack markup)", () => {
    const html = `<p><img src="data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7" data-lazy-src="/up/a.jpg"><noscript><img src="/up/a.jpg"></noscript></p>`;
    const article = cleanArticle(entryWith(html, "https://www.iyouport.org/x/"), { clean: true, remove: [] });
    expect(article.html).toBe('<p><img src="https://www.iyouport.org/up/a.jpg" /></p>');
    expect(article.images).toEqual(["https://www.iyouport.org/up/a.jpg"]);
  });

  it("drops tracking pixels (Medium's read counter) and the wrappers they leave empty", () => {
    const html = `<p>t</p><p><img src="https://medium.com/_/stat?event=post.clientViewed&postId=1" width="1" height="1" alt=""></p>`;
    const article = cleanArticle(entryWith(html, "https://medium.com/p/1"), { clean: true, remove: [] });
    expect(article.html).toBe("<p>t</p>");
    expect(article.images).toEqual([]);
  });

  it("keeps Latin words apart and Chinese joined when the post writer removes line breaks", () => {
    const html = "<p>Than\nShwe met\r\nWang</p>\n<p>中國\n外長</p>";
    const article = cleanArticle(entryWith(html), { clean: true, remove: [] });
    expect(article.html).toBe("<p>Than Shwe met Wang</p><p>中國外長</p>");
  });
});

describe("full text from the fetched page", () => {
  const para = "<p>（中央社記者北京7日電）中國外長王毅6日在北京會見緬甸副總理兼外長丹瑞時說，近期中緬合作打擊緬北電詐取得成效，雙方要強化執法合作。</p>\n";
  const page = {
    url: "https://www.cna.com.tw/news/acn/1.aspx",
    html: `<!DOCTYPE html><html><head><title>王毅</title></head><body><nav><a href="/">首頁</a></nav><article><h1>王毅</h1><div class="paragraph">${para.repeat(6)}<div class="SubscriptionInner"><div>訂閱《早安世界》電子報</div><input type="text"></div><p>Than\nShwe said <img src="/img/photo.jpg"></p></div></article><footer>copyright</footer></body></html>`,
  };
  const teaser = entryWith("<p>（中央社記者北京7日電）中國外長王毅6日…</p>", page.url);

  it("replaces a teaser, then the site rules, rewrites and sanitizer run on the page's article", () => {
    const article = cleanArticle(teaser, { clean: true, remove: [] }, { page });
    expect(article.notes[0]).toMatch(/^full text from the page/);
    expect(article.rulesMatched).toEqual(["www.cna.com.tw div.SubscriptionInner"]);
    expect(article.html).not.toContain("訂閱");
    expect(article.html).toContain('<p>Than Shwe said <img src="https://www.cna.com.tw/img/photo.jpg" /></p>');
    expect(article.images).toEqual(["https://www.cna.com.tw/img/photo.jpg"]);
  });

  it("keeps the feed's content when the page has no article, and says why", () => {
    const article = cleanArticle(teaser, { clean: true, remove: [] }, { page: { url: page.url, html: "<html><body></body></html>" } });
    expect(article.html).toBe("<p>（中央社記者北京7日電）中國外長王毅6日…</p>");
    expect(article.notes[0]).toMatch(/^feed content kept/);
  });

  it("does nothing with the page when cleaning is off", () => {
    expect(cleanArticle(teaser, { clean: false, remove: [] }, { page }).html).toBe(teaser.html);
  });
});

describe("hostile and random input", () => {
  const soup = fc.array(
    fc.oneof(
      fc.constantFrom("<", ">", "</", "/>", "=", '"', "'", "&", ";", " ", "\n", "\r\n", "\t", "<!--", "-->", "</body>", "<html>", "<noscript>"),
      fc.constantFrom("p", "div", "img", "iframe", "noscript", "pre", "svg", "script", "a", "table", "td", "o:p"),
      fc.constantFrom(' src="', ' data-src="', ' href="', " srcset=", "javascript:", "//www.youtube.com/embed/abcdefg", "utm_source=x", "中文", "word"),
      fc.string({ maxLength: 6 }),
    ),
    { maxLength: 50 },
  );

  it("cleanArticle returns safe HTML for any input and never throws", () => {
    fc.assert(
      fc.property(soup, fc.constantFrom("https://www.cna.com.tw/n/1", "https://news.example/a", "not a url"), (parts, link) => {
        const article = cleanArticle(entryWith(parts.join(""), link), { clean: true, remove: ["p > span", "[data-x]"] });
        expect(findExecutableConstructs(article.html)).toEqual([]);
        expect(sanitizeHtml(article.html, "https://news.example/")).toBe(sanitizeHtml(article.html, "https://news.example/"));
      }),
      { numRuns: 300 },
    );
  });

  it("any Unicode string, control characters and lone surrogates included, gives a value", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (html) => {
        const article = cleanArticle(entryWith(html), { clean: true, remove: [] });
        expect(typeof article.html).toBe("string");
        expect(findExecutableConstructs(article.html)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("a deeply nested or very long article finishes quickly", () => {
    const deep = "<div>".repeat(5000) + "x" + "</div>".repeat(5000);
    const long = "<p>word\nword 中文\n中文</p>".repeat(20000);
    const started = performance.now();
    const deepArticle = cleanArticle(entryWith(deep), { clean: true, remove: [] });
    expect(deepArticle.html).toContain("x");
    expect(deepArticle.notes).toEqual(["cleaning: only sanitised (HTML nested 5000 levels deep)"]);
    expect(cleanArticle(entryWith(long), { clean: true, remove: [] }).html).toContain("<p>word word 中文中文</p>");
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});
