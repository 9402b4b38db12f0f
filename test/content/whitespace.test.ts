// Tests for src/content/whitespace.ts: line breaks made safe for a one-line body (CSS Text 3, 4.1.2).
import { describe, expect, it } from "vitest";
import { parseFragment, serializeFragment } from "../../src/content/html-fragment.js";
import { normaliseWhitespace } from "../../src/content/whitespace.js";

function normalise(html: string): string {
  const container = parseFragment(html);
  normaliseWhitespace(container);
  return serializeFragment(container);
}

describe("normaliseWhitespace", () => {
  it.each([
    ["a line break between Latin words becomes a space", "<p>word\nword</p>", "<p>word word</p>"],
    ["CRLF and tab between Latin words become one space", "<p>Than\r\n\tShwe</p>", "<p>Than Shwe</p>"],
    ["between Chinese characters the break is removed (stays joined as today)", "<p>中國\n外長</p>", "<p>中國外長</p>"],
    ["between CJK punctuation and Han it is removed", "<p>表示，\n中方</p>", "<p>表示，中方</p>"],
    ["between Han and a Latin word it becomes a space (only wide-wide joins)", "<p>會見\nThan</p>", "<p>會見 Than</p>"],
    ["between block elements it is removed (the golden </p>\\n<p>)", "<p>a</p>\n<p>b</p>\r\n<p>c</p>\t\n<p>d</p>", "<p>a</p><p>b</p><p>c</p><p>d</p>"],
    ["at the start and end of a block it is removed", "<p>\n  word\n</p>", "<p>  word</p>"],
    ["existing spaces are kept, only the breaks go", "<p>word \n word</p>", "<p>word  word</p>"],
    ["across inline tags Latin words stay apart", "<p><b>bold</b>\n<i>italic</i></p>", "<p><b>bold</b> <i>italic</i></p>"],
    ["across inline tags Chinese stays joined", "<p><b>中文</b>\n<i>字</i></p>", "<p><b>中文</b><i>字</i></p>"],
    ["next to a zero-width space the break is removed", "<p>a\u200b\nb</p>", "<p>a\u200bb</p>"],
    ["after <br> the break is removed (line edge)", "<p>a<br>\nb</p>", "<p>a<br>b</p>"],
    ["next to an image it becomes a space", '<p>a\n<img src="x.png"></p>', '<p>a <img src="x.png"></p>'],
    ["script text is not looked at", "<p>a</p><script>x\ny</script>", "<p>a</p><script>x\ny</script>"],
    ["inside <pre> a line break becomes <br>", "<pre>line 1\nline 2\n</pre>", "<pre>line 1<br>line 2<br></pre>"],
  ])("%s", (_name, html, expected) => {
    expect(normalise(html)).toBe(expected);
  });

  it("after the post writer deletes control characters, Latin words are still apart", () => {
    const out = normalise("<p>The\nforeign\r\nminister\tsaid</p>").replace(/[\u0000-\u001f\u007f-\u009f]/g, "");
    expect(out).toBe("<p>The foreign minister said</p>");
  });
});
