// Tests src/site/search-hook.ts: the plain text handed to search, and the reader's assets.
import { describe, expect, it } from "vitest";
import { searchAssets, textOfHtml } from "../../src/site/search-hook.js";

describe("textOfHtml", () => {
  it.each([
    ["entities decoded, tags dropped", "<p>詐騙 &amp; <b>集團</b></p>", "詐騙 & 集團"],
    ["block ends keep Latin words apart", "<p>one</p><p>two</p>two<br>three", "one two two three"],
    ["script and style text is not article text", "<style>p{}</style><p>a</p><script>var x</script>", "a"],
    ["unclosed tags still give their text", "<div><p>a<b>b", "ab"],
  ])("%s", (_reason, html, text) => {
    expect(textOfHtml(html)).toBe(text);
  });
});

describe("searchAssets", () => {
  it("lists only files that exist, under assets/", () => {
    for (const asset of searchAssets()) expect(asset.path).toMatch(/^assets\/[\w.-]+\.js$/);
  });
});
