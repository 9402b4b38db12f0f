// Random and hostile input to parseFeed: always a value or a failure, never a throw or a hang (STYLE rule 15).
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseFeed } from "../../src/feed/index.js";
import { sharedPath } from "../support/paths.js";
import { contractViolations } from "./entry-contract.js";

const BASE = "https://feeds.example/feed.xml";
const GOLDEN_FEED = readFileSync(sharedPath("golden/cna-2023-12-07.feed.xml"), "utf8");

/** Returns a value or a failure; every entry keeps the contract. Throws only if parseFeed does. */
function parsesSafely(text: string): boolean {
  const result = parseFeed(text, { baseUrl: BASE, timezone: "Asia/Taipei" });
  if (!result.ok) return typeof result.failure.code === "string" && result.failure.message.length > 0;
  return result.value.entries.every((entry) => contractViolations(entry).length === 0);
}

/** Pieces of feeds, glued at random: tags of every dialect, entities, CDATA, prologs, JSON. */
const FEED_TOKENS = [
  "<rss>", "</rss>", "<channel>", "</channel>", "<item>", "</item>", "<title>", "</title>", "<link>", "</link>",
  "<guid isPermaLink=\"true\">", "</guid>", "<description>", "</description>", "<pubDate>", "</pubDate>",
  "<feed xmlns=\"http://www.w3.org/2005/Atom\">", "</feed>", "<entry>", "</entry>", "<content type=\"xhtml\">", "<content type=\"html\">", "</content>",
  "<link href=\"", "\"/>", "<div xmlns=\"http://www.w3.org/1999/xhtml\">", "</div>", "<rdf:RDF>", "</rdf:RDF>", "<dc:creator>", "<content:encoded>",
  "<media:group>", "<media:description>", "<![CDATA[", "]]>", "&amp;", "&lt;", "&#x4e2d;", "&#99999999;", "&bogus;", "&", "<", ">", "\"", "'",
  "<?xml version=\"1.0\"?>", "<!DOCTYPE rss [<!ENTITY x \"&x;&x;\">]>", "<!--", "-->", "xml:base=\"", "javascript:alert(1)", "//x", "/rel",
  "Thu, 07 Dec 2023 02:13:00 GMT", "2023-12-07 10:13:00", "2023年12月07日", "\u0000", "\uFEFF", "\r\n", "\t", "王毅", "{", "}", "[", "]",
  "\"version\":\"https://jsonfeed.org/version/1.1\"", "\"items\":", "\"url\":", ",", ":", "null", "1e999",
];

describe("parseFeed on hostile input", () => {
  it("any string (fast-check)", () => {
    fc.assert(fc.property(fc.string({ maxLength: 500 }), parsesSafely), { numRuns: 1000 });
  });

  it("random unicode including surrogates and controls (fast-check)", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 300 }), parsesSafely), { numRuns: 300 });
  });

  it("feed tokens glued at random (fast-check)", () => {
    const feedish = fc.array(fc.oneof(fc.constantFrom(...FEED_TOKENS), fc.string({ maxLength: 8 })), { maxLength: 80 }).map((parts) => parts.join(""));
    fc.assert(fc.property(feedish, parsesSafely), { numRuns: 1500 });
  });

  it("the golden feed cut or spliced anywhere (fast-check)", () => {
    const cut = fc.tuple(fc.nat(GOLDEN_FEED.length), fc.nat(GOLDEN_FEED.length), fc.string({ maxLength: 20 }))
      .map(([a, b, junk]) => GOLDEN_FEED.slice(0, Math.min(a, b)) + junk + GOLDEN_FEED.slice(Math.max(a, b)));
    fc.assert(fc.property(cut, parsesSafely), { numRuns: 300 });
  });

  it("any JSON value, and JSON Feeds with random items (fast-check)", () => {
    fc.assert(fc.property(fc.json({ maxDepth: 4 }), parsesSafely), { numRuns: 500 });
    const jsonFeed = fc.array(fc.anything({ maxDepth: 3 }), { maxLength: 5 })
      .map((items) => JSON.stringify({ version: "https://jsonfeed.org/version/1.1", items }));
    fc.assert(fc.property(jsonFeed, parsesSafely), { numRuns: 500 });
  });

  it.each([
    ["200,000 nested elements inside a title", `<rss><channel><item><title>${"<a>".repeat(200_000)}x${"</a>".repeat(200_000)}</title></item></channel></rss>`],
    ["200,000 nested divs in an HTML page", `<html>${"<div>".repeat(200_000)}`],
    ["200,000 nested JSON arrays, unclosed", `{"items":${"[".repeat(200_000)}`],
    ["100,000 nested JSON arrays, closed", `{"version":"https://jsonfeed.org/version/1","items":[${"[".repeat(100_000)}${"]".repeat(100_000)}]}`],
    ["\"<a\" 300,000 times without a \">\"", `<rss>${"<a".repeat(300_000)}`],
    ["300,000 comment openers without an end", `<rss>${"<!--".repeat(300_000)}`],
    ["200,000 opens each followed by a stray close", `<rss>${"<a></b>".repeat(200_000)}</rss>`],
    ["an entity expansion bomb (entities in a DTD are never expanded)", `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><rss><channel><item><title>&c;&c;&c;</title></item></channel></rss>`],
    ["an unclosed CDATA section", `<rss><channel><item><description><![CDATA[<p>never closed`],
    ["a 5 MB attribute", `<feed xmlns="http://www.w3.org/2005/Atom"><entry><link href="${"a".repeat(5_000_000)}"/></entry></feed>`],
    ["20,000 empty items", `<rss><channel>${"<item/>".repeat(20_000)}</channel></rss>`],
    ["a date of 100,000 digits", `<rss><channel><item><pubDate>${"9".repeat(100_000)}</pubDate></item></channel></rss>`],
  ])("%s: a value or a failure, quickly", (_name, text) => {
    const start = performance.now();
    expect(parsesSafely(text)).toBe(true);
    expect(performance.now() - start).toBeLessThan(10_000);
  });

  it("deep nesting is refused as malformed, saying why", () => {
    const result = parseFeed(`<rss>${"<a>".repeat(10_000)}</rss>`, { baseUrl: BASE });
    expect(!result.ok && result.failure.code).toBe("feed.malformed");
    expect(!result.ok && result.failure.message).toContain("nest more than");
  });

  it("the entity bomb's title stays as written, unexpanded", () => {
    const result = parseFeed(`<!DOCTYPE rss [<!ENTITY a "aaaa">]><rss><channel><item><title>&a;</title></item></channel></rss>`, { baseUrl: BASE });
    expect(result.ok && result.value.entries[0]?.title).toBe("&a;");
  });
});
