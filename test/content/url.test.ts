// Tests for src/content/url.ts: resolving, safe schemes, raster data URLs and srcset parsing.
import { describe, expect, it } from "vitest";
import { formatSrcset, isRasterDataUrl, largestSrcsetUrl, parseSrcset, resolveUrl, toSafeLink, toSafeResource } from "../../src/content/url.js";

const BASE = "https://news.example/a/b/story.html";

describe("resolveUrl", () => {
  it.each([
    ["relative path resolves against the article", "c.png", "https://news.example/a/b/c.png"],
    ["root-relative", "/c.png", "https://news.example/c.png"],
    ["protocol-relative takes https", "//cdn.example/c.png", "https://cdn.example/c.png"],
    ["surrounding spaces are ignored (HTML attribute rules)", "  /c.png \n", "https://news.example/c.png"],
    ["tabs inside a scheme are removed as the WHATWG parser does", "java\tscript:x", "javascript:x"],
  ])("%s", (_name, value, expected) => {
    expect(resolveUrl(value, BASE)).toBe(expected);
  });

  it.each([
    ["empty", ""],
    ["only spaces", "   "],
    ["an impossible host", "http://[::1"],
  ])("%s gives null", (_name, value) => {
    expect(resolveUrl(value, BASE)).toBeNull();
  });

  it("still resolves an absolute URL when the base itself is not a URL", () => {
    expect(resolveUrl("https://x.example/", "not a url")).toBe("https://x.example/");
    expect(resolveUrl("/x", "not a url")).toBeNull();
  });
});

describe("toSafeLink and toSafeResource", () => {
  it.each([
    ["http links pass", "http://x.example/", "http://x.example/"],
    ["mailto passes", "mailto:a@x.example", "mailto:a@x.example"],
    ["javascript: is refused", "javascript:alert(1)", null],
    ["entity-free upper case JAVASCRIPT: is refused", "JAVASCRIPT:alert(1)", null],
    ["vbscript: is refused", "vbscript:x", null],
    ["data: is refused for links", "data:text/html,x", null],
    ["file: is refused", "file:///etc/passwd", null],
  ])("link: %s", (_name, value, expected) => {
    expect(toSafeLink(value, BASE)).toBe(expected);
  });

  it.each([
    ["https image", "https://i.example/a.png", true, "https://i.example/a.png"],
    ["raster data image where allowed", "data:image/png;base64,AAAA", true, "data:image/png;base64,AAAA"],
    ["raster data image where not allowed (poster, srcset)", "data:image/png;base64,AAAA", false, null],
    ["svg data image is refused", "data:image/svg+xml,<svg/>", true, null],
    ["mailto is no resource", "mailto:a@x.example", true, null],
  ])("resource: %s", (_name, value, allowData, expected) => {
    expect(toSafeResource(value, BASE, allowData)).toBe(expected);
  });

  it.each([
    ["png", "data:image/png;base64,x", true],
    ["jpeg with parameters", "data:image/jpeg;charset=x;base64,x", true],
    ["svg", "data:image/svg+xml;base64,x", false],
    ["html", "data:text/html,x", false],
    ["not a data URL", "https://x.example/a.png", false],
  ])("isRasterDataUrl: %s", (_name, value, expected) => {
    expect(isRasterDataUrl(value)).toBe(expected);
  });
});

describe("srcset", () => {
  it.each([
    ["width descriptors", "a.jpg 300w, b.jpg 1280w", [{ url: "a.jpg", descriptor: "300w" }, { url: "b.jpg", descriptor: "1280w" }]],
    ["density descriptors without spaces after commas", "a.jpg 1x,b.jpg 2x", [{ url: "a.jpg", descriptor: "1x" }, { url: "b.jpg", descriptor: "2x" }]],
    ["a URL with a comma inside (WordPress resize)", "a.jpg?resize=300,200 300w", [{ url: "a.jpg?resize=300,200", descriptor: "300w" }]],
    ["no descriptor", "a.jpg, b.jpg", [{ url: "a.jpg", descriptor: "" }, { url: "b.jpg", descriptor: "" }]],
    ["a comma inside parentheses stays in the descriptor (WHATWG in-parens state)", "a.jpg (1,2) 2x, b.jpg 1x", [{ url: "a.jpg", descriptor: "(1,2) 2x" }, { url: "b.jpg", descriptor: "1x" }]],
    ["empty", "  ", []],
  ])("parseSrcset: %s", (_name, value, expected) => {
    expect(parseSrcset(value)).toEqual(expected);
  });

  it("formatSrcset writes candidates back", () => {
    expect(formatSrcset([{ url: "a.jpg", descriptor: "1x" }, { url: "b.jpg", descriptor: "" }])).toBe("a.jpg 1x, b.jpg");
  });

  it.each([
    ["largest width wins", "a.jpg 300w, b.jpg 1280w, c.jpg 768w", "b.jpg"],
    ["largest density wins", "a.jpg 1x, b.jpg 2x", "b.jpg"],
    ["no descriptors: the first", "a.jpg, b.jpg", "a.jpg"],
    ["nothing: null", "", null],
  ])("largestSrcsetUrl: %s", (_name, value, expected) => {
    expect(largestSrcsetUrl(parseSrcset(value))).toBe(expected);
  });
});
