// XML namespaces of the feed dialects and their modules (dc:, content:, media:, atom:), and names made canonical.
import type { Element } from "domhandler";
import { DomUtils } from "htmlparser2";
import type { ItemFields } from "./fallbacks.js";
import { childNamed, childrenNamed, childValue, markupOf, textOf } from "./xml.js";

/** Namespace URIs, as published by each specification. */
export const NS = {
  atom10: "http://www.w3.org/2005/Atom", // RFC 4287 section 2
  atom03: "http://purl.org/atom/ns#", // Atom 0.3 draft
  rss10: "http://purl.org/rss/1.0/", // RSS 1.0 spec section 5.1
  rss090: "http://my.netscape.com/rdf/simple/0.9/", // RSS 0.90
  rdf: "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
  dc: "http://purl.org/dc/elements/1.1/",
  dcterms: "http://purl.org/dc/terms/",
  content: "http://purl.org/rss/1.0/modules/content/",
  media: "http://search.yahoo.com/mrss/",
  youtube: "http://www.youtube.com/xml/schemas/2015",
  xhtml: "http://www.w3.org/1999/xhtml",
} as const;

/**
 * Namespace URI to the prefix the parsers use, whatever prefix the feed chose. Media RSS is often
 * declared without its trailing slash (seen in the rss-parser and gofeed corpora), so both spellings map.
 */
const CANONICAL_PREFIX = new Map<string, string>([
  [NS.atom10, "atom"],
  [NS.atom03, "atom"],
  [NS.rdf, "rdf"],
  [NS.dc, "dc"],
  [NS.dcterms, "dcterms"],
  [NS.content, "content"],
  [NS.media, "media"],
  ["http://search.yahoo.com/mrss", "media"],
  [NS.youtube, "yt"],
  [NS.xhtml, "xhtml"],
]);

/** RSS 1.0 and 0.90 item elements live in these namespaces: they read as plain names, like RSS 2.0's. */
const PLAIN_NAMESPACES = new Set<string>([NS.rss10, NS.rss090]);

type Scope = Map<string, string>;

/**
 * Renames every element under `root` in place to `prefix:local` with the canonical prefix of its
 * namespace, or to the bare local name when it is in the root's own namespace (Atom in an Atom feed)
 * or in RSS 1.0/0.90. Names are lower-cased: real feeds write `pubdate`, `PubDate` and `pubDate`.
 * Undeclared prefixes (common: `dc:` used without xmlns) keep the prefix as written.
 */
export function normaliseNames(root: Element): void {
  const rootScope = scopeOf(root, new Map());
  const rootNs = rootScope.get(prefixOf(root.name)) ?? null;
  // An explicit stack, not recursion: hostile feeds nest elements 100,000 deep.
  const pending: Array<[Element, Scope]> = [[root, rootScope]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [el, parentScope] = next;
    const scope = el === root ? rootScope : scopeOf(el, parentScope);
    el.name = canonicalName(el.name, scope, rootNs);
    for (const child of el.children) {
      if (DomUtils.isTag(child)) pending.push([child, scope]);
    }
  }
}

function canonicalName(name: string, scope: Scope, rootNs: string | null): string {
  const colon = name.indexOf(":");
  const prefix = colon < 0 ? "" : name.slice(0, colon);
  const local = (colon < 0 ? name : name.slice(colon + 1)).toLowerCase();
  const uri = scope.get(prefix);
  if (uri === undefined) return prefix ? `${prefix.toLowerCase()}:${local}` : local;
  if (uri === rootNs || PLAIN_NAMESPACES.has(uri)) return local;
  const canonical = CANONICAL_PREFIX.get(uri) ?? prefix.toLowerCase();
  return canonical ? `${canonical}:${local}` : local;
}

function prefixOf(name: string): string {
  const colon = name.indexOf(":");
  return colon < 0 ? "" : name.slice(0, colon);
}

/** The prefix-to-URI scope inside `el` (Namespaces in XML 1.0, section 6.1); shares the parent's when nothing is declared. */
function scopeOf(el: Element, parent: Scope): Scope {
  let scope = parent;
  for (const [name, value] of Object.entries(el.attribs)) {
    if (name !== "xmlns" && !name.startsWith("xmlns:")) continue;
    if (scope === parent) scope = new Map(parent);
    scope.set(name === "xmlns" ? "" : name.slice(6), value.trim());
  }
  return scope;
}

/**
 * Fills the fields that come from modules every dialect may carry: content:encoded (RSS content module),
 * dc:creator, dc:date and dc:subject (Dublin Core), media:group/media:description (Media RSS; YouTube).
 */
export function readModuleFields(item: Element, fields: ItemFields, source: string): void {
  const encoded = childNamed(item, "content:encoded");
  if (encoded) fields.contentEncoded = markupOf(encoded, source);
  fields.creator = childValue(item, "dc:creator");
  fields.dcDate = childValue(item, "dc:date", "dcterms:modified", "dcterms:created");
  for (const subject of childrenNamed(item, "dc:subject")) fields.categories.push(textOf(subject));
  const group = childNamed(item, "media:group");
  const description = group ? childNamed(group, "media:description") : null;
  if (description) fields.mediaDescription = textOf(description);
}
