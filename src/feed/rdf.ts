// RSS 1.0 and RSS 0.90 (RDF) documents to `Entry[]` and `FeedMeta`.
import type { Entry, FeedMeta, ParseOptions } from "./index.js";
import { emptyItemFields, toEntry, type ItemFields } from "./fallbacks.js";
import { readModuleFields } from "./namespaces.js";
import { baseFor, resolveUrl } from "./url.js";
import { childNamed, childrenNamed, childText, childValue, markupOf, type Element, type XmlDoc } from "./xml.js";

/** The items of an RDF document in feed order. RSS 1.0 section 5.5 puts them beside the channel; some feeds nest them. */
export function parse(doc: XmlDoc, options: ParseOptions): Entry[] {
  const channel = childNamed(doc.root, "channel");
  const feedLink = channel ? resolveUrl(childText(channel, "link"), options.baseUrl) : null;
  const items = childrenNamed(doc.root, "item").concat(channel ? childrenNamed(channel, "item") : []);
  return items.map((item) => toEntry(readItem(item, doc.source, feedLink, options), options.timezone));
}

export function readMeta(doc: XmlDoc, options: ParseOptions): FeedMeta {
  const channel = childNamed(doc.root, "channel");
  return {
    dialect: "rdf",
    title: channel ? childValue(channel, "title") : null,
    link: channel ? resolveUrl(childText(channel, "link"), options.baseUrl) : null,
    language: channel ? childValue(channel, "dc:language", "language") : null,
  };
}

function readItem(item: Element, source: string, feedLink: string | null, options: ParseOptions): ItemFields {
  const fields = emptyItemFields(baseFor(item, feedLink, options.baseUrl));
  fields.title = childText(item, "title");
  fields.link = childValue(item, "link");
  fields.guid = aboutOf(item);
  const description = childNamed(item, "description");
  if (description) fields.description = markupOf(description, source);
  fields.published = childValue(item, "pubdate"); // not in RSS 1.0, but some generators add it beside dc:date
  readModuleFields(item, fields, source);
  return fields;
}

/** rdf:about names the item (RSS 1.0 section 5.5), so it is the item's guid; the prefix may be any. */
function aboutOf(item: Element): string | null {
  for (const [name, value] of Object.entries(item.attribs)) {
    if (name === "about" || name.endsWith(":about")) return value.trim() || null;
  }
  return null;
}
