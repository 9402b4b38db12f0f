// Tests for src/content/embeds.ts: known video players become links, unknown embeds are left alone.
import { describe, expect, it } from "vitest";
import { findVideoPage, linkVideoEmbeds } from "../../src/content/embeds.js";
import { parseFragment, serializeFragment } from "../../src/content/html-fragment.js";

const BASE = "https://www.cna.com.tw/news/firstnews/202008290104.aspx";

describe("findVideoPage", () => {
  it.each([
    ["YouTube embed, protocol-relative (CNA)", "//www.youtube.com/embed/DVvmgjBL74w?rel=0&showinfo=0", "https://www.youtube.com/watch?v=DVvmgjBL74w"],
    ["YouTube privacy-enhanced embed", "https://www.youtube-nocookie.com/embed/abcdefghijk", "https://www.youtube.com/watch?v=abcdefghijk"],
    ["old YouTube Flash URL", "http://www.youtube.com/v/abcdefghijk&hl=en", "https://www.youtube.com/watch?v=abcdefghijk"],
    ["Vimeo player", "https://player.vimeo.com/video/76979871?h=8272103f6e", "https://vimeo.com/76979871"],
    ["Dailymotion embed", "https://www.dailymotion.com/embed/video/x7tgad0", "https://www.dailymotion.com/video/x7tgad0"],
    ["Bilibili player by bvid", "//player.bilibili.com/player.html?bvid=BV1xx411c7mD&page=1", "https://www.bilibili.com/video/BV1xx411c7mD"],
    ["Facebook video plugin (RFA)", "https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com%2FRFAChinese%2Fvideos%2F681099969141232%2F&show_text=0", "https://www.facebook.com/RFAChinese/videos/681099969141232/"],
  ])("%s", (_name, url, page) => {
    expect(findVideoPage(url, BASE)?.page).toBe(page);
  });

  it.each([
    ["an unknown host", "https://infogram.com/embed/xyz"],
    ["a YouTube page that is no embed", "https://www.youtube.com/channel/abc"],
    ["a Facebook plugin pointing off Facebook", "https://www.facebook.com/plugins/video.php?href=javascript%3Aalert(1)"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["not a URL", "http://[::1"],
  ])("%s gives null", (_name, url) => {
    expect(findVideoPage(url, BASE)).toBeNull();
  });
});

describe("linkVideoEmbeds", () => {
  it.each([
    ["a lazy iframe (data-src) becomes a link", `<iframe data-src="//www.youtube.com/embed/DVvmgjBL74w" class="lazyload"></iframe>`, `<a href="https://www.youtube.com/watch?v=DVvmgjBL74w">YouTube: https://www.youtube.com/watch?v=DVvmgjBL74w</a>`],
    ["an object with a movie param becomes one link, inner embed included", `<object><param name="movie" value="http://www.youtube.com/v/abcdefghijk"><embed src="http://www.youtube.com/v/abcdefghijk"></object>`, `<a href="https://www.youtube.com/watch?v=abcdefghijk">YouTube: https://www.youtube.com/watch?v=abcdefghijk</a>`],
    ["CNA's Facebook video placeholder div becomes a link", `<div class="fb-video facebookMedia" data-href="https://www.facebook.com/CGA4U/videos/408044986875798"></div>`, `<a href="https://www.facebook.com/CGA4U/videos/408044986875798">Facebook: https://www.facebook.com/CGA4U/videos/408044986875798</a>`],
    ["an unknown iframe is left for the sanitizer", `<iframe src="https://e.infogram.com/x"></iframe>`, `<iframe src="https://e.infogram.com/x"></iframe>`],
  ])("%s", (_name, html, expected) => {
    const container = parseFragment(html);
    linkVideoEmbeds(container, BASE);
    expect(serializeFragment(container)).toBe(expected);
  });

  it("gives one note per replaced embed", () => {
    const container = parseFragment(`<iframe src="https://player.vimeo.com/video/1"></iframe><iframe src="https://www.youtube.com/embed/abcdefghijk"></iframe>`);
    expect(linkVideoEmbeds(container, BASE)).toEqual(["video embed -> link: Vimeo", "video embed -> link: YouTube"]);
  });
});
