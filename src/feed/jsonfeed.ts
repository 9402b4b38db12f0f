// JSON Feed 1.0 and 1.1 documents (https://www.jsonfeed.org/version/1.1/) to `Entry[]` and `FeedMeta`.
import type { Entry, FeedMeta, ParseOptions } from "./index.js";
import { emptyItemFields, toEntry, type ItemFields } from "./fallbacks.js";
import { escapeHtml } from "./html-text.js";
import { resolveUrl } from "./url.js";

type JsonObject = Record<string, unknown>;

/** The items of a JSON Feed in feed order; items that are not objects are skipped. */
export function parse(doc: JsonObject, options: ParseOptions): Entry[] {
  const base = siteLink(doc, options.baseUrl) ?? options.baseUrl;
  const feedAuthor = authorName(doc);
  const items = Array.isArray(doc.items) ? doc.items : [];
  return items.filter(isObject).map((item) => toEntry(readItem(item, base, feedAuthor), options.timezone));
}

export function readMeta(doc: JsonObject, options: ParseOptions): FeedMeta {
  return {
    dialect: "json",
    title: stringOf(doc.title)?.trim() || null,
    link: siteLink(doc, options.baseUrl),
    language: stringOf(doc.language)?.trim() || null,
  };
}

function readItem(item: JsonObject, base: string, feedAuthor: string | null): ItemFields {
  const fields = emptyItemFields(base);
  fields.title = stringOf(item.title);
  fields.link = stringOf(item.url);
  fields.guid = idOf(item.id);
  fields.externalUrl = stringOf(item.external_url);
  // Version 1.1 "authors": an item without authors takes the feed's.
  fields.author = authorName(item) ?? feedAuthor;
  const html = stringOf(item.content_html);
  const text = stringOf(item.content_text);
  fields.content = html?.trim() ? html : text?.trim() ? escapeHtml(text) : null;
  const summary = stringOf(item.summary);
  fields.description = summary ? escapeHtml(summary) : null;
  fields.published = stringOf(item.date_published);
  fields.updated = stringOf(item.date_modified);
  if (Array.isArray(item.tags)) fields.categories.push(...item.tags.filter((t): t is string => typeof t === "string"));
  return fields;
}

function siteLink(doc: JsonObject, feedUrl: string): string | null {
  return resolveUrl(stringOf(doc.home_page_url), feedUrl);
}

/** Version 1.1 `authors[0].name`, else the deprecated 1.0 `author.name`. */
function authorName(record: JsonObject): string | null {
  const authors = Array.isArray(record.authors) ? record.authors.filter(isObject) : [];
  for (const author of [...authors, record.author]) {
    const name = isObject(author) ? stringOf(author.name)?.trim() : undefined;
    if (name) return name;
  }
  return null;
}

/** The spec says id is a string, but numbers are common in the wild (gofeed corpus); both are kept as text. */
function idOf(value: unknown): string | null {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return stringOf(value)?.trim() || null;
}

function stringOf(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
