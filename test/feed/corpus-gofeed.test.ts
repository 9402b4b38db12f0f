// gofeed's corpus: same titles, links, dates and content where gofeed's expected JSON states them.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Entry } from "../../src/feed/index.js";
import { CORPUS_BASE as BASE, corpusFeeds, FEEDS_ROOT, KNOWN_NON_FEEDS, parseCorpusFeed as ok, sameUrl } from "./corpus-files.js";

const FEEDS = corpusFeeds();

/** gofeed expectations that differ from ours on purpose: "case field" to the reason. */
const GOFEED_DIFFERENCES = new Map<string, string>([
  ["parser/atom/atom03_feed_entry_summary_base64_escaped_markup html", "base64 of text/plain is text, so it is escaped (Atom 0.3 default type); gofeed hands it on as HTML"],
  ["parser/atom/atom10_feed_entry_content_html_div_escaped_markup html", "type=html content holding a raw div: kept as written; gofeed unwraps the div and decodes it"],
  ["parser/atom/atom03_feed_entry_title_xhtml_inline_markup title", "titles are text: markup is stripped (feed brief); gofeed keeps it"],
  ["parser/atom/atom10_feed_entry_title_base64 title", "titles are text: markup is stripped; gofeed keeps it"],
  ["parser/atom/atom10_feed_entry_title_html_escaped_markup title", "titles are text: markup is stripped; gofeed keeps it"],
  ["parser/atom/atom03_feed_entry_title_xhtml_escaped_markup title", "an xhtml title's text is what its escaped markup says; gofeed keeps the escapes"],
  ["parser/atom/entry_summary_xml_base_inherit_3 title", "titles are text: markup is stripped; gofeed keeps it"],
  ["parser/atom/entry_title_xml_base_inherit title", "titles are text: markup is stripped; gofeed keeps it"],
  ["parser/rss/rdf_item_title_naked_markup title", "titles are text: markup is stripped; gofeed keeps it"],
  ["parser/rss/rss_channel_item_title_naked_markup title", "titles are text: markup is stripped; gofeed keeps it"],
  ["parser/rss/rss_channel_item_illegal_char title", "a control character is kept here; the post writer deletes them all (golden/README.md)"],
  ["parser/rss/rss_channel_item_links link", "the first <link> wins, as in rss-parser and the original script; gofeed takes the last"],
  ["translator/rss/feed_item_links_-_rss_channel_item_links link", "the first <link> wins, as in rss-parser and the original script; gofeed takes the last"],
  ["parser/atom/issue_275_extensions_and_source html", "application/json content is neither text, XML nor base64 of text (RFC 4287 4.1.3.3): no HTML; gofeed hands the JSON on"],
  ["parser/rss/rdf_item_links link", "the first <link> wins, as in rss-parser and the original script; gofeed takes the last"],
]);

describe("gofeed corpus: same titles, links, dates and content where gofeed states them", () => {
  const cases = FEEDS.filter((n) => n.startsWith("gofeed/") && /\.xml$/.test(n) && !KNOWN_NON_FEEDS.has(n))
    .filter((n) => !n.startsWith("gofeed/parser/universal/") && !n.startsWith("gofeed/extensions/"));
  it.each(cases)("%s", (name) => {
    let expectedText: string;
    try {
      expectedText = readFileSync(FEEDS_ROOT + name.replace(/\.xml$/, ".json"), "utf8");
    } catch {
      return; // no expectation beside this input: covered by the no-throw walk
    }
    const expected = JSON.parse(expectedText) as { items?: GofeedItem[]; entries?: GofeedItem[] };
    const items = expected.items ?? expected.entries ?? [];
    const { entries } = ok(name);
    expect(entries).toHaveLength(items.length);
    const key = name.replace(/^gofeed\//, "").replace(/\.xml$/, "");
    const differences = items.flatMap((item, i) => compareGofeedItem(item, entries[i]!).map((field) => `${key} ${field}`));
    expect(differences.filter((d) => !GOFEED_DIFFERENCES.has(d.split(": ")[0]!))).toEqual([]);
  });
});

interface GofeedItem {
  title?: unknown; link?: unknown; links?: unknown; content?: unknown; description?: unknown; summary?: unknown;
  publishedParsed?: unknown; updatedParsed?: unknown;
}

/** The fields gofeed states that mean what ours mean, as "field: expected != got". */
function compareGofeedItem(item: GofeedItem, entry: Entry): string[] {
  const out: string[] = [];
  if (typeof item.title === "string" && item.title !== entry.title) out.push(`title: ${item.title} != ${entry.title}`);
  const firstLink = Array.isArray(item.links) ? (item.links[0] as { href?: unknown } | string | undefined) : undefined;
  const link = typeof item.link === "string" ? item.link : typeof firstLink === "string" ? firstLink : firstLink?.href;
  if (typeof link === "string" && link && !sameUrl(link, BASE, entry.link)) out.push(`link: ${link} != ${entry.link}`);
  const html = [item.content, item.description, item.summary]
    .map((v) => (typeof v === "string" ? v : (v as { value?: unknown } | undefined)?.value))
    .find((v): v is string => typeof v === "string");
  if (html !== undefined && html !== entry.html) out.push(`html: ${html} != ${entry.html}`);
  const time = item.publishedParsed ?? item.updatedParsed;
  if (typeof time === "string" && new Date(time).getTime() !== entry.published?.getTime()) out.push(`time: ${time} != ${entry.published?.toISOString()}`);
  return out;
}
