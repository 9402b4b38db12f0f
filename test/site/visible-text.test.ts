// Tests src/site/visible-text.ts: the text walker shared by the search index and story links.
import { describe, expect, it } from "vitest";
import { visibleText } from "../../src/site/visible-text.js";

const options = { hidden: new Set(["script", "svg"]), breaks: new Set(["p"]), separator: "|" };

describe("visibleText", () => {
  it.each([
    ["marks both edges of a block element", "<p>a</p>b", "|a|b"],
    ["skips hidden elements", "x<script>var a = '<p>';</script>y", "xy"],
    ["skips nested hidden elements to the outer end", "x<svg>1<svg>2</svg>3</svg>y", "xy"],
    ["a stray closing hidden tag does not hide what follows", "</script>z", "z"],
    ["decodes entities once", "&amp;lt;&#x4e2d;", "&lt;中"],
  ])("%s", (_reason, html, text) => {
    expect(visibleText(html, options)).toBe(text);
  });

  it("stops reading once it has the characters asked for", () => {
    const html = `<p>${"字".repeat(50)}</p>`.repeat(100);
    expect(visibleText(html, { ...options, limit: { chars: 120, chunk: 64 } })).toBe(visibleText(html, options).slice(0, 120));
  });
});
