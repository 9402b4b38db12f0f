// Tests src/site/relative-link.ts: relative hrefs between site files, safe for any base path and file://.
import { describe, expect, it } from "vitest";
import { absoluteUrl, encodePath, encodeSegment, relativeHref, rootPrefix } from "../../src/site/relative-link.js";

describe("relativeHref", () => {
  it.each([
    ["from a post up to the home page", "2023-12-07/a/index.html", "index.html", "../../index.html"],
    ["between posts of different days", "2023-12-07/a/index.html", "2023-12-08/b/index.html", "../../2023-12-08/b/index.html"],
    ["within one folder", "source/x/index.html", "source/x/feed.xml", "./feed.xml"],
    ["from the root", "index.html", "page/2/index.html", "./page/2/index.html"],
    ["CJK stays readable; space, ? and # are escaped", "index.html", "a b/臺?#/index.html", "./a%20b/臺%3F%23/index.html"],
    ["& is escaped so it cannot start a character reference", "index.html", "a&amp;b/index.html", "./a%26amp;b/index.html"],
    ["a first segment with : keeps ./ (not a scheme)", "index.html", "a:b/index.html", "./a:b/index.html"],
    ["escapes below a shared folder", "source/x y/page/2/index.html", "source/x y/a b/index.html", "../../a%20b/index.html"],
    ["a folder named like the start of another is not shared", "ab/index.html", "a/b c/index.html", "../a/b%20c/index.html"],
    ["a lone surrogate becomes U+FFFD, a pair stays", "index.html", "a\ud800/😀/index.html", "./a%EF%BF%BD/😀/index.html"],
  ])("%s", (_reason, from, to, href) => {
    expect(relativeHref(from, to)).toBe(href);
  });

  it("resolves back to the target from any page, for paths that share folders or not, with escapes and emoji", () => {
    const segments = ["a", "ab", "2023-12-07", "臺灣", "a b", "x&y", "😀", "source", "page", "3", ""];
    const pathOf = (seed: number, length: number): string => Array.from({ length }, (_, i) => segments[(seed * 7 + i * 3) % segments.length]!).join("/");
    for (let i = 0; i < 400; i++) {
      const from = `${pathOf(i, i % 4)}${i % 4 === 0 ? "" : "/"}index.html`;
      const to = `${pathOf(i >> 2, 1 + (i % 3))}/${i % 5 === 0 ? "feed.xml" : "index.html"}`;
      const href = relativeHref(from, to);
      const resolved = new URL(href, `https://m.example/base/${from.split("/").map(encodeURIComponent).join("/")}`);
      expect(decodeURIComponent(resolved.pathname), `${from} -> ${to}: ${href}`).toBe(`/base/${to}`);
      // As few "../" as the folders they share allow.
      const fromFolders = from.split("/").slice(0, -1);
      const toFolders = to.split("/").slice(0, -1);
      let common = 0;
      while (common < fromFolders.length && common < toFolders.length && fromFolders[common] === toFolders[common]) common++;
      expect(/^(?:\.\.\/)*/.exec(href)![0].length / 3, `${from} -> ${to}: ${href}`).toBe(fromFolders.length - common);
    }
  });

  it("resolves back to the target from any base path", () => {
    const href = relativeHref("2023-12-07/a/index.html", "source/臺 灣/index.html");
    const resolved = new URL(href, "https://m.example/some/base/2023-12-07/a/index.html");
    expect(decodeURIComponent(resolved.pathname)).toBe("/some/base/source/臺 灣/index.html");
  });
});

describe("helpers", () => {
  it.each([["index.html", "./"], ["a/index.html", "../"], ["a/b/c.html", "../../"]])("rootPrefix(%j) is %j", (from, prefix) => {
    expect(rootPrefix(from)).toBe(prefix);
  });

  it("encodeSegment replaces a lone surrogate", () => {
    expect(encodeSegment("a\ud800b")).toBe("a%EF%BF%BDb");
  });

  it("encodePath escapes each segment and keeps the slashes; a path with nothing to escape is the same string", () => {
    expect(encodePath("2023-12-07/臺灣 新聞/index.html")).toBe("2023-12-07/臺灣%20新聞/index.html");
    expect(encodePath("a%b/c#d/e?f&g")).toBe("a%25b/c%23d/e%3Ff%26g");
    const plain = "2023-12-07/臺灣新聞/index.html";
    expect(encodePath(plain)).toBe(plain);
  });

  it("absoluteUrl drops index.html and joins url and baseurl", () => {
    expect(absoluteUrl("https://m.example", "/news", "source/a b/index.html")).toBe("https://m.example/news/source/a%20b/");
    expect(absoluteUrl("https://m.example", "/news", "2023-12-07/a/index.html")).toBe("https://m.example/news/2023-12-07/a/");
    expect(absoluteUrl("", "", "feed.xml")).toBe("/feed.xml");
  });
});
