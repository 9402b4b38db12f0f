// Turning the reply that ended a try into a FetchResult: 304, 2xx with decoding, and status failures.
import { describe, expect, it } from "vitest";
import { interpretReply, statusMessage, textRules } from "../../src/fetch/fetch-result.js";
import type { FetchRequest } from "../../src/fetch/index.js";

const TARGET = new URL("https://news.example.com/feed.xml");

function reply(status: number, headers: Record<string, string> = {}, body: string | null = null) {
  return { ok: true as const, finalUrl: TARGET, status, headers, bytes: body === null ? null : new Uint8Array(Buffer.from(body)), permanentRedirect: null };
}

const feedRequest: FetchRequest = { url: TARGET.href, kind: "feed", validators: { etag: '"old"', lastModified: "d0" } };

describe("interpretReply", () => {
  it("a 304 keeps the validators the reply left out", () => {
    expect(interpretReply(feedRequest, TARGET, reply(304, { etag: '"new"' }), 2)).toEqual({
      ok: true,
      value: { status: "not-modified", url: TARGET.href, validators: { etag: '"new"', lastModified: "d0" }, attempts: 2 },
    });
  });

  it("a 200 is decoded and carries its own validators only", () => {
    const result = interpretReply(feedRequest, TARGET, reply(200, { "content-type": "application/rss+xml" }, "<rss/>"), 1);
    expect(result.ok && result.value).toMatchObject({ status: "fetched", text: "<rss/>", charset: "utf-8", validators: { etag: null, lastModified: null }, httpStatus: 200 });
  });

  it("an image is not decoded", () => {
    const result = interpretReply({ url: TARGET.href, kind: "image" }, TARGET, reply(200, { "content-type": "image/png" }, "PNG"), 1);
    expect(result.ok && result.value).toMatchObject({ text: null, charset: null, contentType: "image/png" });
  });

  it.each([
    ["404", 404],
    ["a 3xx left over (no Location)", 302],
    ["500 after the last retry", 500],
  ])("%s is fetch.status with httpStatus", (_name, status) => {
    const result = interpretReply(feedRequest, TARGET, reply(status), 4);
    expect(!result.ok && result.failure).toMatchObject({ code: "fetch.status", httpStatus: status, attempts: 4, url: TARGET.href });
  });
});

describe("textRules and statusMessage", () => {
  it.each([
    ["a page uses HTML rules", "page", "text/html", "html"],
    ["a feed uses XML rules", "feed", "application/rss+xml", "xml"],
    ["a feed URL answering text/html is read as HTML", "feed", "text/html; charset=big5", "html"],
    ["a feed without Content-Type is XML", "feed", null, "xml"],
  ] as const)("%s", (_name, kind, contentType, expected) => {
    expect(textRules(kind, contentType)).toBe(expected);
  });

  it.each([
    [403, "blocked here?"],
    [451, "blocked here?"],
    [404, "check the feed URL"],
    [429, "too many requests"],
    [503, "tried again next run"],
    [418, "HTTP 418 from news.example.com"],
  ])("HTTP %i names the host and says %s", (status, words) => {
    const message = statusMessage(status, TARGET);
    expect(message).toContain("news.example.com");
    expect(message).toContain(words);
  });
});
