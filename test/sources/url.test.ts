// Tests of url.ts: feed and proxy URL checks and the key that makes two spellings one feed.
import { describe, expect, it } from "vitest";
import { sourceKey, whyNotFeedUrl, whyNotProxyUrl } from "../../src/sources/url.js";

describe("whyNotFeedUrl", () => {
  it.each([
    ["https feed", "https://feedx.net/rss/cna.xml", null],
    ["http feed with a query", "http://www.youtube.com/feeds/videos.xml?playlist_id=UUhh", null],
    ["relative path", "/rss.xml", "not an absolute URL"],
    ["bare host", "feedx.net/rss/cna.xml", "not an absolute URL"],
    ["feed: scheme is not fetched", "feed://example.com/rss", "not an http"],
    ["ftp", "ftp://example.com/rss", "not an http"],
    ["javascript: URL", "javascript:alert(1)", "not an http"],
  ])("%s", (_, url, expected) => {
    const why = whyNotFeedUrl(url);
    if (expected === null) expect(why).toBeNull();
    else expect(why).toContain(expected);
  });
});

describe("whyNotProxyUrl", () => {
  it.each([
    ["http proxy", "http://127.0.0.1:8080", null],
    ["https proxy", "https://proxy.example:443", null],
    ["socks5 proxy (fetch-socks)", "socks5://127.0.0.1:9050", null],
    ["socks4 is not supported", "socks4://127.0.0.1:9050", "socks4"],
    ["host:port without a scheme", "127.0.0.1:9050", "not a proxy URL"],
    ["plain text", "tor", "not a proxy URL"],
  ])("%s", (_, url, expected) => {
    const why = whyNotProxyUrl(url);
    if (expected === null) expect(why).toBeNull();
    else expect(why).toContain(expected);
  });
});

describe("sourceKey", () => {
  it.each([
    ["scheme and host case do not matter (WHATWG URL)", "HTTPS://Example.COM/feed", "https://example.com/feed"],
    ["the default port is dropped", "https://example.com:443/feed", "https://example.com/feed"],
    ["an empty path is /", "https://example.com", "https://example.com/"],
    ["path case matters", "https://example.com/Feed", "https://example.com/Feed"],
    ["non-URLs compare as written", "not a url", "not a url"],
  ])("%s", (_, url, key) => {
    expect(sourceKey(url)).toBe(key);
  });
});
