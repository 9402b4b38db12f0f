// Full text: when to fetch the page, and which HTML to keep.
import { describe, expect, it } from "vitest";
import { chooseArticleHtml, extractArticle, needsFullText, type Extracted } from "../../src/content/full-text.js";
import { fail, ok } from "../../src/result.js";

const TEASER = "<p>The council voted on the budget…</p>";
const FULL = `<p>${"The council voted on the new budget after a long debate about schools and roads. ".repeat(20)}</p>`;
const LINK = "https://news.example/2024/budget";

function extracted(text: string, html = `<div><p>${text}</p></div>`): Extracted {
  return { title: "Budget", html, text, byline: null, method: "readability" };
}

describe("needsFullText", () => {
  it.each([
    ["always fetches even a full article", FULL, LINK, "always", true],
    ["never fetches even a teaser", TEASER, LINK, "never", false],
    ["auto fetches a teaser", TEASER, LINK, "auto", true],
    ["auto keeps a full article", FULL, LINK, "auto", false],
    ["no page to fetch without a link", TEASER, "", "always", false],
    ["only http(s) pages are fetched", TEASER, "mailto:desk@news.example", "always", false],
    ["a relative link is not a page address", TEASER, "/2024/budget", "auto", false],
  ] as const)("%s", (_reason, html, link, mode, expected) => {
    expect(needsFullText({ html, link }, mode)).toBe(expected);
  });
});

describe("chooseArticleHtml", () => {
  const longPage = "The council voted on the budget. " + "It then debated schools and roads for hours while the mayor listened. ".repeat(10);

  it("keeps the feed's content when the page was not fetched", () => {
    expect(chooseArticleHtml(TEASER, null)).toEqual({ html: TEASER, note: "feed content (page not fetched)" });
  });

  it("keeps the feed's content when extraction failed, and says why", () => {
    const choice = chooseArticleHtml(TEASER, fail({ code: "content.extract-failed", message: "no article text found on x" }));
    expect(choice.html).toBe(TEASER);
    expect(choice.note).toBe("feed content kept: no article text found on x");
  });

  it("takes the page's article when it is longer than the feed's summary", () => {
    const page = extracted(longPage);
    const choice = chooseArticleHtml(TEASER, ok(page));
    expect(choice.html).toBe(page.html);
    expect(choice.note).toMatch(/^full text from the page \(readability, \d+ reading units; the feed had \d+\)$/);
  });

  it("keeps the feed's content when the page text is shorter", () => {
    const choice = chooseArticleHtml(FULL, ok(extracted("The council voted.")));
    expect(choice.html).toBe(FULL);
    expect(choice.note).toMatch(/not longer than the feed's/);
  });

  it("keeps a substantial feed text that the page does not contain (consent wall, error page)", () => {
    const feed = `<p>${"Parliament passed the energy law with a large majority on Tuesday evening. ".repeat(3)}</p>`;
    const wall = extracted("We value your privacy. " + "Accept all cookies to continue to the site, or manage your choices. ".repeat(10));
    const choice = chooseArticleHtml(feed, ok(wall));
    expect(choice.html).toBe(feed);
    expect(choice.note).toMatch(/does not contain the item's text/);
  });

  it("an empty feed item takes any extracted article", () => {
    expect(chooseArticleHtml("", ok(extracted("Some text here."))).html).toBe("<div><p>Some text here.</p></div>");
  });

  it("works end to end with extractArticle on a real-looking page", () => {
    const page = `<html><head><title>Budget</title></head><body><nav><a href="/">Home</a></nav><article>${longPage
      .split(". ")
      .map((s) => `<p>${s}.</p>`)
      .join("")}</article><footer>© News</footer></body></html>`;
    const choice = chooseArticleHtml(TEASER, extractArticle({ url: LINK, html: page }));
    expect(choice.note).toMatch(/^full text from the page/);
    expect(choice.html).toContain("debated schools and roads");
    expect(choice.html).not.toContain("© News");
  });
});
