// Test helper: the feed files of shared/corpus/feeds and their text (test-only decoding; fetch owns charset detection).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { decodeHTML } from "entities";
import { join, relative } from "node:path";
import { parseFeed, type ParsedFeed } from "../../src/feed/index.js";
import { sharedPath } from "../support/paths.js";

export const FEEDS_ROOT = sharedPath("corpus/feeds/");

/** Files beside the feeds that are expected outputs or notes, not feeds. */
function isFeedInput(path: string): boolean {
  const name = relative(FEEDS_ROOT, path);
  if (/(^|\/)(MANIFEST\.tsv|README[^/]*|LICENSE[^/]*)$/.test(name)) return false;
  if (name.startsWith("rss-parser/output/") || name.endsWith(".expected.json") || name.endsWith("_expected.json")) return false;
  // gofeed keeps its expected output as name.json beside name.xml
  if (name.startsWith("gofeed/") && name.endsWith(".json") && !name.startsWith("gofeed/parser/json/") && !name.startsWith("gofeed/parser/universal/")) return false;
  return true;
}

function walk(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** Every feed input under corpus/feeds, as paths relative to it ("gofeed/parser/atom/x.xml"). */
export function corpusFeeds(): string[] {
  return walk(FEEDS_ROOT).filter(isFeedInput).map((path) => relative(FEEDS_ROOT, path));
}

/** The corpus folders one level down (two for gofeed and feedparser, whose first level is thin). */
export function corpusFolderOf(name: string): string {
  return name.split("/").slice(0, 2).join("/");
}

export function readCorpusBytes(name: string): Buffer {
  return readFileSync(FEEDS_ROOT + name);
}

/**
 * Bytes to text the simple way a test can: BOM or the `<?` pattern of XML 1.0 appendix F for UTF-16/32,
 * else the prolog's declared encoding when the runtime knows it, else UTF-8.
 */
export function decodeCorpusBytes(bytes: Buffer): string {
  const [b0, b1, b2, b3] = bytes;
  if (b0 === 0x00 && b1 === 0x00 && (b2 === 0xfe || b2 === 0x00) && (b3 === 0xff || b3 === 0x3c)) return decodeUtf32(bytes, false);
  if ((b0 === 0xff && b1 === 0xfe && b2 === 0x00 && b3 === 0x00) || (b0 === 0x3c && b1 === 0x00 && b2 === 0x00 && b3 === 0x00)) return decodeUtf32(bytes, true);
  if ((b0 === 0xfe && b1 === 0xff) || (b0 === 0x00 && b1 === 0x3c)) return new TextDecoder("utf-16be").decode(bytes);
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0x3c && b1 === 0x00)) return new TextDecoder("utf-16le").decode(bytes);
  const declared = /^[^<]*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(bytes.subarray(0, 200).toString("latin1"))?.[1];
  // a UTF-16/32 declaration on bytes without the 16/32-bit pattern above is wrong (rssant chardet/utf-8.not-utf-16)
  const label = declared && !/^utf-?(16|32)/i.test(declared) ? declared : "utf-8";
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes);
  }
}

function decodeUtf32(bytes: Buffer, littleEndian: boolean): string {
  let text = "";
  for (let i = 0; i + 3 < bytes.length; i += 4) {
    const code = littleEndian ? bytes.readUInt32LE(i) : bytes.readUInt32BE(i);
    if (code === 0xfeff && i === 0) continue;
    text += code <= 0x10ffff ? String.fromCodePoint(code) : "\uFFFD";
  }
  return text;
}

export function readCorpusText(name: string): string {
  return decodeCorpusBytes(readCorpusBytes(name));
}

/** The feed URL corpus feeds are parsed as coming from. */
export const CORPUS_BASE = "https://feed.example/feed.xml";

/** Inputs of the corpus that are no feed, with the failure each must give (checked against the corpus notes). */
export const KNOWN_NON_FEEDS = new Map<string, string>([
  ["feedparser/illformed/rss_empty_document.xml", "feed.not-a-feed"], // only a comment
  ["gofeed/parser/json/invalid/invalid.json", "feed.not-a-feed"],
  ["gofeed/parser/universal/empty_feed.xml", "feed.not-a-feed"],
  ["gofeed/parser/universal/invalid.json", "feed.not-a-feed"],
  ["gofeed/parser/universal/unknown_feed.xml", "feed.not-a-feed"],
  ["miniflux/encoding/iso-8859-1-meta-after-1024.html", "feed.not-a-feed"],
  ["miniflux/encoding/iso-8859-1.html", "feed.not-a-feed"],
  ["miniflux/encoding/utf8-meta-after-1024.html", "feed.not-a-feed"],
  ["miniflux/encoding/utf8.html", "feed.not-a-feed"],
  ["miniflux/xml/iso88591.xml", "feed.not-a-feed"], // a <note> document for the XML decoder tests
  ["miniflux/xml/iso88591_utf8_mismatch.xml", "feed.not-a-feed"],
  ["rss-parser/input/unrecognized.rss", "feed.not-a-feed"], // rss-parser's own "unrecognized" case
  ["rssant/parser/failed/jsonfeed-failed-syntax.json", "feed.malformed"],
  ["rssant/parser/failed/rssant-manifest.json", "feed.not-a-feed"],
]);

/** A corpus feed parsed; a failure is a test error naming the case. */
export function parseCorpusFeed(name: string): ParsedFeed {
  const result = parseFeed(readCorpusText(name), { baseUrl: CORPUS_BASE });
  if (!result.ok) throw new Error(`${name}: ${result.failure.code} ${result.failure.message}`);
  return result.value;
}

/** HTML compared as text: tags dropped, entities decoded, whitespace collapsed (outputs re-serialise markup). */
export function asText(html: string): string {
  return decodeHTML(html.replace(/<!--[\s\S]*?-->|<\/?[A-Za-z][^>]*>/g, " ")).replace(/\s+/g, " ").trim();
}

/** Outputs keep links as written; ours are absolute, resolved against the feed's own link first. */
export function sameUrl(expected: string, base: string, got: string | null): boolean {
  try {
    return new URL(expected, base).href === got;
  } catch {
    return false;
  }
}

