// Tests for src/content/empty-elements.ts: empty wrappers out, content and media kept.
import { describe, expect, it } from "vitest";
import { removeEmptyElements } from "../../src/content/empty-elements.js";
import { parseFragment, serializeFragment } from "../../src/content/html-fragment.js";

function clean(html: string): string {
  const container = parseFragment(html);
  removeEmptyElements(container);
  return serializeFragment(container);
}

describe("removeEmptyElements", () => {
  it.each([
    ["CNA's leading empty <div></div>", '<div></div><div class="paragraph"><p>t</p></div>', '<div class="paragraph"><p>t</p></div>'],
    ["RFA's <p>&nbsp;</p> spacers", "<p>a</p><p>\u00a0</p><p>b</p>", "<p>a</p><p>b</p>"],
    ["Blogger's empty MsoNormal div with an empty span", '<div class="MsoNormal"><span style="x"></span></div><p>t</p>', "<p>t</p>"],
    ["nested empties go, deepest first", "<div><span><b> </b></span></div>", ""],
    ["a paragraph holding only a <br> goes", "<p><br></p><p>t</p>", "<p>t</p>"],
    ["an image keeps its wrappers", '<div><span><img src="a.png"></span></div>', '<div><span><img src="a.png"></span></div>'],
    ["a table cell stays even when empty", "<table><tr><td></td><td>x</td></tr></table>", "<table><tr><td></td><td>x</td></tr></table>"],
    ["text keeps everything", "<div><span>字</span></div>", "<div><span>字</span></div>"],
    ["a <br> between texts stays", "<p>a<br>b</p>", "<p>a<br>b</p>"],
    ["an empty link goes (CNA's empty twitter anchor)", '<blockquote>q<a href="https://twitter.com/x"></a></blockquote>', "<blockquote>q</blockquote>"],
  ])("%s", (_name, html, expected) => {
    expect(clean(html)).toBe(expected);
  });
});
