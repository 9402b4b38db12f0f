// Whether a feed item's HTML is only a summary of its page.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { extractArticle } from "../../src/content/extract-article.js";
import { feedText, isSummaryOfPage, judgeFeedContent, readingLength, shareOfFeedInPage, SHORT_ITEM_UNITS } from "../../src/content/summary-detect.js";
import { readFileSync } from "node:fs";
import { sharedPath } from "../support/paths.js";
import { readSummaryPairs } from "./article-corpus.js";

const LONG_ENGLISH = `<p>${"The council voted on the new budget after a long debate about schools and roads. ".repeat(20)}</p>`;
const LONG_CHINESE = `<p>${"立法院今天三讀通過預算案，朝野立委針對教育與交通經費辯論多時。".repeat(12)}</p>`;

describe("judgeFeedContent", () => {
  it.each([
    ["empty HTML has nothing to read", "", true],
    ["markup without text or pictures", "<p> </p><br>", true],
    ["a trailing ellipsis (U+2026) marks a cut", `${LONG_ENGLISH}<p>And then…</p>`, true],
    ["three dots mark a cut too", `${LONG_CHINESE}<p>他表示...</p>`, true],
    ["WordPress' bracketed ellipsis [...]", `${LONG_ENGLISH}<p>more text [...]</p>`, true],
    ["a closing 阅读全文 link", `${LONG_CHINESE}<p><a href="https://n.example/1">阅读全文</a></p>`, true],
    ["a closing 閱讀全文 link (Traditional)", `${LONG_CHINESE}<a href="https://n.example/1">閱讀全文 »</a>`, true],
    ["a closing Read more link", `${LONG_ENGLISH}<a href="https://n.example/1">Read more</a>`, true],
    ["Continue reading at the end of the text", `${LONG_ENGLISH}<p>Continue reading →</p>`, true],
    ["a short teaser in English", "<p>The council voted on the budget tonight.</p>", true],
    ["a short teaser in Chinese", "<p>立法院今天三讀通過預算案。</p>", true],
    ["a long English article", LONG_ENGLISH, false],
    ["a long Chinese article", LONG_CHINESE, false],
    ["a read-more link in the middle does not count", `<p><a href="/x">Read more</a> about it.</p>${LONG_ENGLISH}`, false],
    ["（全文完） marks a complete article, not a cut", `${LONG_CHINESE}<p>（全文完）</p>`, false],
    ["a picture story with a caption is complete", `${'<img src="https://i.example/p.jpg">'.repeat(4)}<p>新年快乐！</p>`, false],
    ["one picture and no text is a teaser (xkcd)", '<img src="https://i.example/comic.png" alt="a joke">', true],
  ])("%s", (_reason, html, summary) => {
    expect(judgeFeedContent(html).summary).toBe(summary);
  });

  it("stays fast on a hostile run of dots and spaces", () => {
    const start = performance.now();
    judgeFeedContent(".".repeat(50_000) + " ".repeat(50_000) + "x");
    expect(performance.now() - start).toBeLessThan(1_000);
  });

  it("says why, for the run report", () => {
    expect(judgeFeedContent("<p>Short.</p>").reason).toMatch(/short \(2 reading units, under 300\)/);
  });

  it("never throws on random HTML-like input", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("<", ">", "a", "/", "p", "…", "阅读全文", " ", "&", "=", '"', "img src=x") }), (html) => {
        const verdict = judgeFeedContent(html);
        expect(typeof verdict.summary).toBe("boolean");
      }),
      { numRuns: 300 },
    );
  });
});

describe("readingLength", () => {
  it.each([
    ["each English word counts 2", "one two three", 6],
    ["each CJK character counts 1", "中央社", 3],
    ["mixed text counts both", "用 webpack 打包", 1 + 2 + 2],
    ["punctuation counts nothing", "…，。", 0],
  ])("%s", (_reason, text, units) => {
    expect(readingLength(text)).toBe(units);
  });
  it("the short-item threshold is about 150 English words", () => {
    expect(SHORT_ITEM_UNITS / 2).toBe(150);
  });
});

describe("summary of a page", () => {
  it.each([
    ["a lead paragraph of the page", "The council voted.", "The council voted. Then it debated roads and schools for hours, and the mayor spoke.", true],
    ["text the page does not have", "Comments on another site", "The council voted. Then it debated roads and schools for hours, and the mayor spoke.", false],
    ["the whole article is no summary", "The council voted and debated roads.", "The council voted and debated roads.", false],
  ])("%s", (_reason, feed, page, expected) => {
    expect(isSummaryOfPage(feed, page)).toBe(expected);
  });
  it("shares nothing with an empty feed text", () => {
    expect(shareOfFeedInPage("", "anything")).toBe(0);
  });
});

// rssant's labelled pairs: rss_is_fulltext false or rss_is_summary_of_web true means the page should be fetched.
describe("shared/corpus/articles/rssant-fulltext", () => {
  const pairs = readSummaryPairs();
  it.each(pairs.map((pair) => [pair.name, pair] as const))("%s: the verdict agrees with rssant's labels", (_name, pair) => {
    const verdict = judgeFeedContent(pair.feedHtml);
    const expected = pair.feedIsFullText === false || pair.feedIsSummaryOfPage === true;
    expect(verdict.summary, verdict.reason).toBe(expected);
  });
  it("thoughtworks: a long article that opens with a [摘要] abstract is complete, not a summary", () => {
    const text = readFileSync(sharedPath("corpus/articles/rssant-fulltext/thoughtworks.txt"), "utf8");
    expect(judgeFeedContent(text).summary).toBe(false);
  });
  it("juejin2: the feed text is the page's opening, cut (a summary of the page)", () => {
    const pair = pairs.find((p) => p.name === "juejin2")!;
    const page = extractArticle({ url: "https://juejin.cn/post/1", html: pair.pageHtml });
    expect(page.ok).toBe(true);
    expect(isSummaryOfPage(feedText(pair.feedHtml), page.ok ? page.value.text : "")).toBe(true);
  });
  it("woshipm: the feed carries the whole article (not a summary of the page)", () => {
    const pair = pairs.find((p) => p.name === "woshipm")!;
    const page = extractArticle({ url: "https://www.woshipm.com/1", html: pair.pageHtml });
    expect(isSummaryOfPage(feedText(pair.feedHtml), page.ok ? page.value.text : "")).toBe(false);
  });
});
