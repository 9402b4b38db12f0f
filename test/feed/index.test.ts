// parseFeed, the stage's front door: the golden feed, dialect dispatch, failures and options.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseFeed } from "../../src/feed/index.js";
import { sharedPath } from "../support/paths.js";

const GOLDEN_FEED = readFileSync(sharedPath("golden/cna-2023-12-07.feed.xml"), "utf8");
const GOLDEN_POST = readFileSync(sharedPath("golden/cna-2023-12-07.expected.md"), "utf8");
const BASE = "https://feeds.example/feed.xml";

/** The golden post's `<div>` body line: the item's HTML with control characters deleted and trimmed (golden/README.md). */
function goldenBody(): string {
  const lines = GOLDEN_POST.split("\n");
  return lines[lines.indexOf("<div>") + 1]!;
}

describe("parseFeed on the golden feed", () => {
  const result = parseFeed(GOLDEN_FEED, { baseUrl: "https://www.cna.com.tw/rss.xml" });
  const entry = result.ok ? result.value.entries[0] : undefined;

  it("reads the one item of an RSS 2.0 feed", () => {
    expect(result.ok && result.value.meta).toEqual({ dialect: "rss", title: "中央社 CNA 即時新聞", link: "https://www.cna.com.tw/", language: "zh-tw" });
    expect(result.ok && result.value.entries).toHaveLength(1);
  });

  it("keeps the CDATA description byte for byte, CR, LF and TAB included", () => {
    expect(entry?.html).toContain("</p>\r\n<p>");
    expect(entry?.html).toContain("</p>\t\n<p>");
    expect(entry?.html.replace(/[\u0000-\u001f\u007f-\u009f]/g, "").trim()).toBe(goldenBody());
  });

  it("gives the title, link, guid and time the golden post shows", () => {
    expect(entry?.title).toBe("王毅會緬甸外長談電信詐騙 一同表態堅決打擊");
    expect(entry?.link).toBe("https://www.cna.com.tw/news/acn/202312070032.aspx");
    expect(entry?.guid).toBe("cna-202312070032");
    expect(entry?.published?.getTime()).toBe(1701915180000);
    expect(entry?.author).toBeNull();
  });
});

describe("parseFeed dispatch and failures", () => {
  it.each([
    ["RSS 2.0 root", `<rss version="2.0"><channel><title>t</title><item><title>a</title></item></channel></rss>`, "rss"],
    ["RSS 1.0 rdf:RDF root", `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><item rdf:about="https://a.example/1"><title>a</title></item></rdf:RDF>`, "rdf"],
    ["Atom 1.0 feed root", `<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>a</title></entry></feed>`, "atom"],
    ["JSON Feed 1.1", `{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1","title":"a"}]}`, "json"],
    ["BOM and blank lines before the prolog", `\uFEFF\n\n<?xml version="1.0"?><rss><channel><item><title>a</title></item></channel></rss>`, "rss"],
    ["a PHP warning before the prolog (seen in real feeds)", `<br />\n<b>Warning</b>: something<br />\n<?xml version="1.0"?><rss><channel><item><title>a</title></item></channel></rss>`, "rss"],
  ])("%s is read as %s", (_name, text, dialect) => {
    const result = parseFeed(text, { baseUrl: BASE });
    expect(result.ok && result.value.meta.dialect).toBe(dialect);
    expect(result.ok && result.value.entries[0]?.title).toBe("a");
  });

  it.each([
    ["an empty document", "", "feed.not-a-feed", "empty"],
    ["only whitespace and a BOM", "\uFEFF  \n", "feed.not-a-feed", "empty"],
    ["an HTML page, named by its title", "<!DOCTYPE html><html><head><title>CNA home</title></head><body></body></html>", "feed.not-a-feed", "HTML page (title: CNA home)"],
    ["JSON that is no feed", `{"hello":"world"}`, "feed.not-a-feed", "not a JSON Feed"],
    ["a JSON Feed cut in the middle", `{"version":"https://jsonfeed.org/version/1","items":[{"id":`, "feed.malformed", "not valid JSON"],
    ["XML with another root", `<?xml version="1.0"?><opml><body/></opml>`, "feed.not-a-feed", "root is <opml>"],
    ["plain text", "hello world", "feed.not-a-feed", "neither XML nor JSON"],
    ["an RSS document cut before its first item", `<?xml version="1.0"?><rss version="2.0"><chan`, "feed.malformed", "cut short"],
  ])("%s fails with a clear message", (_name, text, code, words) => {
    const result = parseFeed(text, { baseUrl: BASE });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.failure.code).toBe(code);
      expect(result.failure.message).toContain(words);
    }
  });

  it("an RSS feed with no items is an empty feed, not a failure (gofeed empty_feed case)", () => {
    const result = parseFeed(`<rss version="2.0"><channel><title>quiet</title></channel></rss>`, { baseUrl: BASE });
    expect(result.ok && result.value.entries).toEqual([]);
  });

  it("an unknown time zone is refused before parsing, naming the option", () => {
    const result = parseFeed(GOLDEN_FEED, { baseUrl: BASE, timezone: "Mars/Olympus" });
    expect(!result.ok && result.failure.code).toBe("feed.bad-option");
    expect(!result.ok && result.failure.message).toContain("Mars/Olympus");
  });

  it("zone-less dates are read in options.timezone", () => {
    const text = `<rss><channel><item><title>a</title><pubDate>2023-12-07 10:13:00</pubDate></item></channel></rss>`;
    const result = parseFeed(text, { baseUrl: BASE, timezone: "Asia/Taipei" });
    expect(result.ok && result.value.entries[0]?.published?.toISOString()).toBe("2023-12-07T02:13:00.000Z");
  });
});
