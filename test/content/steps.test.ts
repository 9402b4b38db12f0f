// Tests for src/content/steps.ts: each step alone, as `(article, context) => article`.
import { describe, expect, it } from "vitest";
import type { ArticleDraft, StepContext } from "../../src/content/article.js";
import { chooseFullText, cleanLink, removeBoilerplate, rewriteMarkup, sanitizeLast } from "../../src/content/steps.js";

function draft(html: string, link = "https://www.rfa.org/mandarin/a.html"): ArticleDraft {
  return { title: "t", link, guid: null, published: null, author: null, html, categories: [], images: [], rulesMatched: [], notes: [], dom: null };
}

function context(remove: string[] = [], baseUrl = "https://www.rfa.org/mandarin/a.html"): StepContext {
  return { options: { clean: true, remove }, page: null, baseUrl };
}

describe("content steps", () => {
  it("cleanLink removes tracking parameters from the article link only", () => {
    const out = cleanLink(draft("<p>x</p>", "https://a.example/1?utm_source=rss"), context());
    expect(out.link).toBe("https://a.example/1");
    expect(out.html).toBe("<p>x</p>");
  });

  it("chooseFullText leaves the article alone when no page was fetched", () => {
    const before = draft("<p>x</p>");
    expect(chooseFullText(before, context())).toBe(before);
  });

  it("chooseFullText keeps the feed's HTML and notes why when the page has no article", () => {
    const out = chooseFullText(draft("<p>x</p>"), { ...context(), page: { url: "https://www.rfa.org/mandarin/a.html", html: "" } });
    expect(out.html).toBe("<p>x</p>");
    expect(out.notes).toHaveLength(1);
    expect(out.notes[0]).toMatch(/^feed content kept/);
  });

  it("removeBoilerplate parses once and applies the host's rules before the source's (RFA zoom icon)", () => {
    const out = removeBoilerplate(draft('<p>x</p><div id="zoomattribute"><a><img src="/rfa_resources/graphics/icon-zoom.png"></a></div><p class="ad">ad</p>'), context([".ad"]));
    expect(out.rulesMatched).toEqual(["www.rfa.org #zoomattribute", "remove .ad"]);
    expect(out.dom?.innerHTML).toBe("<p>x</p>");
  });

  it("rewriteMarkup reuses the parsed DOM and leaves html untouched until sanitising", () => {
    const parsed = removeBoilerplate(draft("<p>a\nb</p><p></p>"), context());
    const out = rewriteMarkup(parsed, context());
    expect(out.dom).toBe(parsed.dom);
    expect(out.dom?.innerHTML).toBe("<p>a b</p>");
    expect(out.html).toBe("<p>a\nb</p><p></p>");
  });

  it("sanitizeLast serialises the DOM, sanitises, lists images and drops the DOM", () => {
    const parsed = removeBoilerplate(draft('<p onclick="x()">a<img src="/i.png"></p>'), context());
    const out = sanitizeLast(parsed, context());
    expect(out).toMatchObject({ dom: null, html: '<p>a<img src="https://www.rfa.org/i.png" /></p>', images: ["https://www.rfa.org/i.png"] });
  });

  it("sanitizeLast works on html when no DOM step ran", () => {
    expect(sanitizeLast(draft("<script>x</script><p>a</p>"), context()).html).toBe("<p>a</p>");
  });
});
