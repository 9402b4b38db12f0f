// RSS 0.91, 0.92 and 2.0 documents (and a bare `<channel>` root) to `Entry[]` and `FeedMeta`.
import type { Entry, FeedMeta, ParseOptions } from "./index.js";
import { emptyItemFields, toEntry, type ItemFields } from "./fallbacks.js";
import { readModuleFields } from "./namespaces.js";
import { readTextConstruct } from "./text-construct.js";
import { baseFor, resolveUrl } from "./url.js";
import { attr, childNamed, childrenNamed, childText, childValue, markupOf, textOf, type Element, type XmlDoc } from "./xml.js";

/** The items of an RSS document, in feed order, with the golden fallbacks applied. */
export function parse(doc: XmlDoc, options: ParseOptions): Entry[] {
  const channel = channelOf(doc.root);
  const feedLink = siteLink(channel, options.baseUrl);
  return itemsOf(doc.root, channel).map((item) => toEntry(readItem(item, doc.source, feedLink, options), options.timezone));
}

export function readMeta(doc: XmlDoc, options: ParseOptions): FeedMeta {
  const channel = channelOf(doc.root);
  return {
    dialect: "rss",
    title: childValue(channel, "title", "dc:title"),
    link: siteLink(channel, options.baseUrl),
    language: childValue(channel, "language", "dc:language"),
  };
}

function channelOf(root: Element): Element {
  return root.name === "channel" ? root : (childNamed(root, "channel") ?? root);
}

/** Items inside the channel, then any written beside it (some RSS 0.9x generators put them under `<rss>`). */
function itemsOf(root: Element, channel: Element): Element[] {
  const items = childrenNamed(channel, "item");
  return channel === root ? items : items.concat(childrenNamed(root, "item"));
}

function siteLink(channel: Element, feedUrl: string): string | null {
  return resolveUrl(childText(channel, "link"), feedUrl);
}

function readItem(item: Element, source: string, feedLink: string | null, options: ParseOptions): ItemFields {
  const fields = emptyItemFields(baseFor(item, feedLink, options.baseUrl));
  fields.title = childText(item, "title");
  fields.link = childValue(item, "link") ?? alternateAtomLink(item);
  const guid = childNamed(item, "guid");
  if (guid) {
    fields.guid = textOf(guid).trim() || null;
    const permaLink = attr(guid, "isPermaLink")?.trim().toLowerCase();
    fields.guidIsPermaLink = permaLink === undefined ? null : permaLink === "true";
  }
  fields.author = childValue(item, "author");
  const description = childNamed(item, "description");
  if (description) fields.description = markupOf(description, source);
  fields.published = childValue(item, "pubdate") ?? childValue(item, "atom:published");
  fields.updated = childValue(item, "atom:updated");
  // RSS items sometimes carry Atom elements instead of their own (gofeed translator cases).
  const atomContent = childNamed(item, "atom:content");
  if (atomContent) fields.content = readTextConstruct(atomContent, source);
  // An XHTML <body> as the item's content (feedparser wellformed/rss/item_xhtml_body).
  const body = childNamed(item, "xhtml:body");
  if (body && fields.content === null) fields.content = markupOf(body, source).trim();
  for (const category of childrenNamed(item, "category")) fields.categories.push(textOf(category));
  readModuleFields(item, fields, source);
  return fields;
}

/** An `<atom:link rel="alternate">` some RSS feeds give instead of `<link>`. */
function alternateAtomLink(item: Element): string | null {
  for (const link of childrenNamed(item, "atom:link")) {
    const rel = attr(link, "rel")?.trim() ?? "alternate";
    if (rel === "alternate") return attr(link, "href");
  }
  return null;
}
