// Tests for src/content/html-fragment.ts: one parse, one serialisation, selector checks, nesting estimate.
import { describe, expect, it } from "vitest";
import { estimateNesting, findSelectorError, parseFragment, serializeFragment } from "../../src/content/html-fragment.js";

describe("parseFragment and serializeFragment", () => {
  it.each([
    ["plain paragraphs round-trip byte for byte (golden clean post)", "<p>（中央社）王毅。</p><p>丹瑞（Than Shwe）</p>"],
    ["line breaks and tabs between tags are kept for the whitespace step", "\n<p>a</p>\r\n<p>b</p>\t\n"],
    ["quotes in text are not escaped", `<p>"q" 'a'</p>`],
  ])("%s", (_name, html) => {
    expect(serializeFragment(parseFragment(html))).toBe(html);
  });

  it("a stray </body> cannot end the article early", () => {
    expect(serializeFragment(parseFragment("<p>a</p></body></html><p>after</p>"))).toContain("<p>after</p>");
  });
});

describe("findSelectorError", () => {
  it.each([
    ["a class selector parses", "div.SubscriptionInner", null],
    ["an escaped namespace tag parses (Blogger o:p)", "o\\:p", null],
    ["an unclosed attribute is an error", "div[", "error"],
    ["an unknown pseudo-class is an error", "p:no-such", "error"],
    ["an empty selector is an error", " ", "error"],
  ])("%s", (_name, selector, expected) => {
    const error = findSelectorError(selector);
    expect(error === null ? null : "error").toBe(expected);
  });
});

describe("estimateNesting", () => {
  it.each([
    ["flat paragraphs", "<p>a</p><p>b</p>", 0],
    ["nested divs", "<div><div><span>x</span></div></div>", 3],
    ["unclosed paragraphs and void elements do not deepen", "<div><p>a<p>b<br><img src=x></div>", 1],
    ["self-closed tags do not deepen", "<div><span/><span/></div>", 1],
    ["stray end tags do not go below zero", "</div></div><div>x</div>", 1],
  ])("%s", (_name, html, expected) => {
    expect(estimateNesting(html)).toBe(expected);
  });
});
