// Atom 0.3 and 1.0 documents (YouTube's included) to `Entry[]` and `FeedMeta`.
import type { Entry, FeedMeta, ParseOptions } from "./index.js";
import { emptyItemFields, toEntry, type ItemFields } from "./fallbacks.js";
import { readModuleFields } from "./namespaces.js";
import { readTextConstruct, textConstructToText } from "./text-construct.js";
import { baseAt, baseFor, hasXmlBase, resolveHtmlLinks, resolveUrl } from "./url.js";
import { attr, childNamed, childrenNamed, childValue, type Element, type XmlDoc } from "./xml.js";

/** The entries of an Atom feed, in feed order, with the golden fallbacks applied. */
export function parse(doc: XmlDoc, options: ParseOptions): Entry[] {
  const feedLink = alternateLink(doc.root, null, options.baseUrl);
  const feedAuthor = authorName(doc.root);
  return childrenNamed(doc.root, "entry").map((entry) =>
    toEntry(readEntry(entry, doc.source, feedLink, feedAuthor, options), options.timezone),
  );
}

export function readMeta(doc: XmlDoc, options: ParseOptions): FeedMeta {
  const title = childNamed(doc.root, "title");
  return {
    dialect: "atom",
    title: title ? textConstructToText(title, doc.source).trim() || null : null,
    link: alternateLink(doc.root, null, options.baseUrl),
    language: attr(doc.root, "xml:lang")?.trim() || null,
  };
}

function readEntry(entry: Element, source: string, feedLink: string | null, feedAuthor: string | null, options: ParseOptions): ItemFields {
  const fields = emptyItemFields(baseFor(entry, feedLink, options.baseUrl));
  const title = childNamed(entry, "title");
  if (title) fields.title = textConstructToText(title, source);
  fields.link = alternateLink(entry, feedLink, options.baseUrl);
  fields.guid = childValue(entry, "id");
  // RFC 4287 section 4.2.1: an entry without author takes its source's, then its feed's.
  const sourceEl = childNamed(entry, "source");
  fields.author = authorName(entry) ?? (sourceEl ? authorName(sourceEl) : null) ?? feedAuthor;
  const content = childNamed(entry, "content");
  if (content) fields.content = readHtml(content, source, options.baseUrl);
  const summary = childNamed(entry, "summary");
  if (summary) fields.description = readHtml(summary, source, options.baseUrl);
  fields.published = childValue(entry, "published", "issued");
  fields.updated = childValue(entry, "updated", "modified", "created");
  for (const category of childrenNamed(entry, "category")) {
    fields.categories.push(attr(category, "term") ?? attr(category, "label") ?? "");
  }
  readModuleFields(entry, fields, source);
  return fields;
}

/** A content or summary as HTML, its relative links made absolute when an xml:base says against what. */
function readHtml(el: Element, source: string, feedUrl: string): string | null {
  const html = readTextConstruct(el, source);
  const base = html !== null && hasXmlBase(el) ? baseAt(el, feedUrl) : null;
  return base && html !== null ? resolveHtmlLinks(html, base) : html;
}

/** First link with rel="alternate" or no rel (RFC 4287 section 4.2.7.2), resolved at its own xml:base (url.ts baseFor). */
function alternateLink(el: Element, feedLink: string | null, feedUrl: string): string | null {
  for (const link of childrenNamed(el, "link")) {
    const rel = attr(link, "rel")?.trim().toLowerCase() ?? "alternate";
    if (rel !== "alternate" && rel !== "http://www.iana.org/assignments/relation/alternate") continue;
    const href = resolveUrl(attr(link, "href"), baseFor(link, feedLink, feedUrl));
    if (href) return href;
  }
  return null;
}

function authorName(el: Element): string | null {
  for (const author of childrenNamed(el, "author")) {
    const name = childValue(author, "name");
    if (name) return name;
  }
  return null;
}
