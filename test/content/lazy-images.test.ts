// Tests for src/content/lazy-images.ts: placeholder detection and resolving lazy images to their real source.
import { describe, expect, it } from "vitest";
import { parseFragment, serializeFragment } from "../../src/content/html-fragment.js";
import { isPlaceholderSource, resolveLazyImages } from "../../src/content/lazy-images.js";

const GIF_1X1 = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7";

function resolve(html: string): string {
  const container = parseFragment(html);
  resolveLazyImages(container);
  return serializeFragment(container);
}

describe("isPlaceholderSource", () => {
  it.each([
    ["no src at all", null, true],
    ["empty src", "", true],
    ["Jetpack's 1x1 GIF", GIF_1X1, true],
    ["an inline blank SVG", "data:image/svg+xml,%3Csvg%20xmlns='http://www.w3.org/2000/svg'%3E%3C/svg%3E", true],
    ["a theme's blank.gif", "/wp-content/themes/x/images/blank.gif", true],
    ["a loading spinner", "https://cdn.example/img/loading.gif?v=2", true],
    ["a real photo", "https://imgcdn.cna.com.tw/www/WebPhotos/1024/20200829/1.jpg", false],
    ["a photo whose name only contains 'pixel' inside a word", "https://x.example/pixelart-final.jpg", false],
  ])("%s", (_name, src, expected) => {
    expect(isPlaceholderSource(src)).toBe(expected);
  });
});

/** The src and srcset of the first img or source after resolving (attribute order is the DOM's business). */
function resolvedSources(html: string, selector: string): { src: string | null; srcset: string | null } {
  const container = parseFragment(html);
  resolveLazyImages(container);
  const element = container.querySelector(selector);
  return { src: element?.getAttribute("src") ?? null, srcset: element?.getAttribute("srcset") ?? null };
}

describe("resolveLazyImages", () => {
  it.each([
    ["data-src fills a missing src (lazysizes, CNA)", `<img class="lazyload" data-src="https://i.example/a.jpg">`, "img", { src: "https://i.example/a.jpg", srcset: null }],
    ["data-original replaces a placeholder GIF (jQuery lazyload)", `<img src="${GIF_1X1}" data-original="/a.jpg">`, "img", { src: "/a.jpg", srcset: null }],
    ["data-lazy-src and data-lazy-srcset (WordPress Jetpack, iYouPort)", `<img src="${GIF_1X1}" data-lazy-src="/a.jpg" data-lazy-srcset="/a.jpg 1x, /a2.jpg 2x">`, "img", { src: "/a.jpg", srcset: "/a.jpg 1x, /a2.jpg 2x" }],
    ["a real src is kept even when a lazy attribute differs", `<img src="/real.jpg" data-src="/other.jpg">`, "img", { src: "/real.jpg", srcset: null }],
    ["srcset alone gives the largest candidate as src", `<img srcset="/s.jpg 300w, /l.jpg 1024w">`, "img", { src: "/l.jpg", srcset: "/s.jpg 300w, /l.jpg 1024w" }],
    ["picture sources get their lazy srcset", `<picture><source data-srcset="/a.webp" type="image/webp"><img src="/a.jpg"></picture>`, "source", { src: null, srcset: "/a.webp" }],
  ])("%s", (_name, html, selector, expected) => {
    expect(resolvedSources(html, selector)).toEqual(expected);
  });

  it.each([
    ["a noscript fallback replaces an image with only a placeholder", `<img src="${GIF_1X1}"><noscript><img src="/real.jpg"></noscript>`, `<img src="/real.jpg">`],
    ["a noscript after a resolvable lazy image is dropped (no duplicate)", `<img data-lazy-src="/a.jpg"><noscript><img src="/a.jpg"></noscript>`, `<img src="/a.jpg" data-lazy-src="/a.jpg">`],
    ["a noscript on its own is unwrapped (the mirror runs no site script)", `<p>x</p><noscript><p>fallback</p></noscript>`, `<p>x</p><p>fallback</p>`],
  ])("%s", (_name, html, expected) => {
    expect(resolve(html)).toBe(expected);
  });

  it("returns how many images changed", () => {
    const container = parseFragment(`<img data-src="/a.jpg"><img src="/b.jpg"><img src="${GIF_1X1}" data-src="/c.jpg">`);
    expect(resolveLazyImages(container)).toBe(2);
  });
});
