// Text to HTML and HTML to text, for text-only content and marked-up titles.
import { describe, expect, it } from "vitest";
import { escapeHtml, htmlToText } from "../../src/feed/html-text.js";

describe("escapeHtml", () => {
  it.each([
    ["the five special characters", `<a href="x">&'`, "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"],
    ["Chinese text unchanged", "王毅會緬甸外長", "王毅會緬甸外長"],
  ])("%s", (_name, text, expected) => {
    expect(escapeHtml(text)).toBe(expected);
  });
});

describe("htmlToText", () => {
  it.each([
    ["tags removed, entities decoded once (RFC 4287 3.1.1.2)", "<b>A</b> &amp;amp; <i>B</i>", "A &amp; B"],
    ["comments removed", "a<!-- hidden -->b", "ab"],
    ["a lone < that opens no tag stays", "1 < 2", "1 < 2"],
  ])("%s", (_name, html, expected) => {
    expect(htmlToText(html)).toBe(expected);
  });
});
