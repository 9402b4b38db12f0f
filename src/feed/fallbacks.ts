// The ordered field fallbacks of golden/README.md, shared by every dialect: raw item fields to an `Entry`.
import type { Entry } from "./index.js";
import { parseTime } from "./time.js";
import { isHttpUrl, resolveUrl } from "./url.js";

/** What a dialect found in one item, before any fallback is applied. Absent fields are null. */
export interface ItemFields {
  title: string | null;
  /** The item's own link (RSS `<link>`, Atom alternate href, JSON `url`), unresolved. */
  link: string | null;
  /** RSS guid, Atom id, JSON id. */
  guid: string | null;
  /** RSS guid@isPermaLink: true, false, or null when not said (RSS 2.0 says the default is true). */
  guidIsPermaLink: boolean | null;
  /** JSON Feed external_url. */
  externalUrl: string | null;
  /** Base URI for relative links at this item (xml:base, else the feed link, else the feed URL). */
  base: string | null;
  /** RSS author, Atom author/name, JSON author name. */
  author: string | null;
  creator: string | null;
  contentEncoded: string | null;
  mediaDescription: string | null;
  /** Atom content, JSON content_html (else content_text escaped), already as HTML. */
  content: string | null;
  /** RSS/RDF description, Atom summary, JSON summary, already as HTML. */
  description: string | null;
  /** RSS pubDate, Atom published (0.3 issued), JSON date_published. */
  published: string | null;
  dcDate: string | null;
  /** Atom updated (0.3 modified, created), JSON date_modified. */
  updated: string | null;
  categories: string[];
}

/** Title text; "" when the item has none. */
export function findEntryTitle(fields: ItemFields): string {
  return fields.title ?? "";
}

/**
 * Item link, else the guid when it is a URL, else external_url; absolute http(s) or null.
 * A guid counts when it is an absolute URL, or a relative one the feed marks isPermaLink="true".
 */
export function findEntryLink(fields: ItemFields): string | null {
  const fromLink = resolveUrl(fields.link, fields.base);
  if (fromLink) return fromLink;
  if (fields.guid && (isHttpUrl(fields.guid) || fields.guidIsPermaLink === true)) {
    const fromGuid = resolveUrl(fields.guid, fields.base);
    if (fromGuid) return fromGuid;
  }
  return resolveUrl(fields.externalUrl, fields.base);
}

/** The guid/id, else the link. */
export function findEntryGuid(fields: ItemFields, link: string | null): string | null {
  const guid = fields.guid?.trim();
  return guid ? guid : link;
}

/** Item author, else dc:creator; trimmed, null if none. */
export function findEntryAuthor(fields: ItemFields): string | null {
  return firstNonEmpty([fields.author, fields.creator])?.trim() ?? null;
}

/** First non-empty of content:encoded, media:group/media:description, the content, the description; "" when none. */
export function findEntryHtml(fields: ItemFields): string {
  return firstNonEmpty([fields.contentEncoded, fields.mediaDescription, fields.content, fields.description]) ?? "";
}

/** First readable of published, dc:date, updated; null when none can be read. */
export function findEntryTime(fields: ItemFields, timezone: string | null | undefined): Date | null {
  for (const text of [fields.published, fields.dcDate, fields.updated]) {
    const time = parseTime(text, timezone);
    if (time) return time;
  }
  return null;
}

/** Applies every fallback: the `Entry` the rest of the pipeline sees. */
export function toEntry(fields: ItemFields, timezone: string | null | undefined): Entry {
  const link = findEntryLink(fields);
  return {
    title: findEntryTitle(fields),
    link,
    guid: findEntryGuid(fields, link),
    published: findEntryTime(fields, timezone),
    author: findEntryAuthor(fields),
    html: findEntryHtml(fields),
    categories: fields.categories.map((c) => c.trim()).filter((c) => c !== ""),
  };
}

/** Fields of an item with nothing found yet; dialects fill in what they see. */
export function emptyItemFields(base: string | null): ItemFields {
  return {
    title: null, link: null, guid: null, guidIsPermaLink: null, externalUrl: null, base,
    author: null, creator: null, contentEncoded: null, mediaDescription: null, content: null, description: null,
    published: null, dcDate: null, updated: null, categories: [],
  };
}

/** Whitespace-only HTML is empty too: a blank content:encoded must not hide the description. */
function firstNonEmpty(values: ReadonlyArray<string | null>): string | null {
  for (const value of values) if (value !== null && NOT_BLANK.test(value)) return value;
  return null;
}

/** Tested instead of trimming: no copy of a large HTML body is made just to see it is not blank. */
const NOT_BLANK = /\S/;
