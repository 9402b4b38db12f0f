// The feed stage: feed text to `Entry[]`, for every dialect, with the field fallbacks of golden/README.md.
import { fail, ok, type Result } from "../result.js";
import * as atom from "./atom.js";
import { detectDialect } from "./detect.js";
import * as jsonfeed from "./jsonfeed.js";
import * as rdf from "./rdf.js";
import * as rss2 from "./rss2.js";
import { isKnownTimezone } from "./time.js";
import type { XmlDoc } from "./xml.js";

/** One feed item, with the golden field fallbacks already applied. */
export interface Entry {
  /** Title as text (entities decoded), untrimmed; "" when the item has none. */
  title: string;
  /** Absolute URL: the item link, else its guid when that is a URL; null when neither. */
  link: string | null;
  /** The guid/id, else the link. */
  guid: string | null;
  /** Publication time; null when missing or unreadable. */
  published: Date | null;
  /** Item author, else dc:creator; null when neither. */
  author: string | null;
  /** First of content:encoded, media:group/media:description, the item's content, its description; "" when none. */
  html: string;
  categories: string[];
}

export interface FeedMeta {
  dialect: "rss" | "rdf" | "atom" | "json";
  title: string | null;
  link: string | null;
  language: string | null;
}

export interface ParsedFeed {
  meta: FeedMeta;
  entries: Entry[];
}

export interface ParseOptions {
  /** The URL the feed was fetched from: relative links resolve against it when the feed gives no better base. */
  baseUrl: string;
  /** IANA zone for dates written without a zone, e.g. "Asia/Taipei"; default UTC. */
  timezone?: string | null;
}

export { parseTime, isKnownTimezone } from "./time.js";
/** Which query parameters of a feed's links only track the reader: content strips them, archive keys ignore them. */
export { stripTrackingParams, isTrackingParam } from "./tracking-params.js";
/** Text made safe in HTML content and attributes (the five characters Liquid's `escape` replaces). */
export { escapeHtml } from "./html-text.js";

/** The same shape for every XML dialect: one module each (STYLE rule 2). */
const XML_DIALECTS = { rss: rss2, rdf, atom } as const;

/**
 * Parses RSS 0.9x/2.0, RSS 1.0 (RDF), Atom 0.3/1.0 or JSON Feed 1.0/1.1 text into entries in feed order.
 * Failures: `feed.not-a-feed` (HTML, empty, JSON or XML that is no feed), `feed.malformed` (nothing recoverable),
 * `feed.bad-option` (unknown time zone). Never throws.
 * Example: parseFeed(xmlText, { baseUrl: "https://www.cna.com.tw/rss.xml", timezone: "Asia/Taipei" })
 */
export function parseFeed(text: string, options: ParseOptions): Result<ParsedFeed> {
  if (options.timezone && !isKnownTimezone(options.timezone)) {
    return fail({ code: "feed.bad-option", message: `time zone "${options.timezone}" is unknown; give an IANA name such as "Asia/Taipei"` });
  }
  const detected = detectDialect(typeof text === "string" ? text : "");
  if (!detected.ok) return detected;
  const found = detected.value;
  if (found.dialect === "json") {
    return ok({ meta: jsonfeed.readMeta(found.feed, options), entries: jsonfeed.parse(found.feed, options) });
  }
  const dialect = XML_DIALECTS[found.dialect];
  const entries = dialect.parse(found.doc, options);
  const meta = dialect.readMeta(found.doc, options);
  if (entries.length === 0 && meta.title === null && isTruncated(found.doc)) {
    return fail({ code: "feed.malformed", message: `got a ${found.dialect} document cut short before any item or title could be read` });
  }
  return ok({ meta, entries });
}

/** True when the root element is never closed: the document was cut off (a failed or partial download). */
function isTruncated(doc: XmlDoc): boolean {
  const raw = doc.source.slice(doc.root.startIndex ?? 0);
  const name = /^<([^\s/>]+)/.exec(raw)?.[1];
  return name !== undefined && !raw.includes(`</${name}`) && !/\/>\s*$/.test(raw.slice(0, raw.indexOf(">") + 1));
}
