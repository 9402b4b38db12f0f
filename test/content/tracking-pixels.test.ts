// Tests for src/content/tracking-pixels.ts: counters and 1x1 images out, real pictures kept.
import { describe, expect, it } from "vitest";
import { parseFragment, serializeFragment } from "../../src/content/html-fragment.js";
import { isTrackingPixel, removeTrackingPixels } from "../../src/content/tracking-pixels.js";

function imageOf(html: string): Element {
  const image = parseFragment(html).querySelector("img");
  if (image === null) throw new Error("no image in " + html);
  return image;
}

describe("isTrackingPixel", () => {
  it.each([
    ["Medium's read counter (every Medium post of the corpus)", '<img src="https://medium.com/_/stat?event=post.clientViewed&postId=1" width="1" height="1">', true],
    ["FeedBurner's ~r beacon", '<img src="http://feeds.feedburner.com/~r/Example/~4/abc" height="1" width="1">', true],
    ["WordPress.com stats", '<img src="https://pixel.wp.com/b.gif?host=x">', true],
    ["any 1x1 image", '<img src="https://x.example/t.gif" width="1" height="1">', true],
    ["a 0x0 image with px units", '<img src="https://x.example/t.gif" width="0px" height="0px">', true],
    ["a real photo with sizes", '<img src="https://x.example/p.jpg" width="680" height="382">', false],
    ["a photo without sizes", '<img src="https://x.example/p.jpg">', false],
    ["only one dimension small (a rule line) is kept", '<img src="https://x.example/line.png" width="600" height="1">', false],
  ])("%s", (_name, html, expected) => {
    expect(isTrackingPixel(imageOf(html))).toBe(expected);
  });
});

describe("removeTrackingPixels", () => {
  it("removes the pixels and counts them", () => {
    const container = parseFragment('<p>t<img src="https://x.example/t.gif" width="1" height="1"><img src="https://x.example/p.jpg"></p>');
    expect(removeTrackingPixels(container)).toBe(1);
    expect(serializeFragment(container)).toBe('<p>t<img src="https://x.example/p.jpg"></p>');
  });
});
