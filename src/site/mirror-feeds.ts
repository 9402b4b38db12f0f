// The mirror's own feeds (Atom 1.0, RSS 2.0, JSON Feed 1.1), the sitemap and robots.txt, as text (pure). A feed
// is made entry by entry; an entry whose text is known already (feed-entries.ts) goes in as it is given.
import type { SiteConfig } from "./config.js";
import type { PostSummary } from "./post-record.js";
import { absoluteUrl } from "./relative-link.js";

/** A post with its article HTML, as a feed carries it (full content, issue #3). */
export interface FeedItem {
  post: PostSummary;
  html: string;
}

/** A post whose entry text is known already (the same feed's file from the last build: feed-entries.ts). */
interface KnownEntry {
  post: PostSummary;
  entry: string;
}

export type FeedEntry = FeedItem | KnownEntry;

export interface FeedSpec {
  config: SiteConfig;
  title: string;
  /** Site paths of the feed itself and of the page it mirrors. */
  selfPath: string;
  listPath: string;
  items: FeedEntry[];
}

/** Characters XML 1.0 forbids (section 2.2): C0 controls but tab, LF, CR; lone surrogates; U+FFFE, U+FFFF. */
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text safe inside an XML element or a double-quoted attribute. */
export function escapeXml(text: string): string {
  const allowed = MAYBE_FORBIDDEN.test(text) ? text.replace(XML_FORBIDDEN, "") : text;
  // One look instead of four passes for the many texts (URLs, most titles) with nothing to escape.
  return /[&<>"]/.test(allowed) ? allowed.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;") : allowed;
}

/** A quick look for anything XML_FORBIDDEN could remove (the full pattern's lookarounds are slow on long HTML). */
const MAYBE_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/;

/** Escaped article HTML per item, shared by the Atom and RSS renderings of one feed. */
const escapedHtml = new WeakMap<FeedItem, string>();

function escapedHtmlOf(item: FeedItem): string {
  let escaped = escapedHtml.get(item);
  if (escaped === undefined) {
    escaped = escapeXml(item.html);
    escapedHtml.set(item, escaped);
  }
  return escaped;
}

/** The absolute (with `url` set) or root-relative URL of a site path; a feed entry's key (feed-entries.ts). */
export function siteUrl(config: SiteConfig, path: string): string {
  return absoluteUrl(config.url, config.baseurl, path);
}

/** An http(s) URL of the original article, or null (a `javascript:` or broken `from` is never linked). */
export function originalLink(from: string): string | null {
  try {
    const parsed = new URL(from);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

function entryId(spec: FeedSpec, post: PostSummary): string {
  // An Atom id must be an absolute IRI (RFC 4287 4.2.6): the mirror's URL when `url` is set, else the original's.
  return spec.config.url ? siteUrl(spec.config, post.path) : originalLink(post.from) ?? `urn:newsmirror:${encodeURIComponent(post.fileName)}`;
}

function updatedOf(spec: FeedSpec): string {
  const newest = spec.items.reduce((max, item) => Math.max(max, item.post.time), 0);
  return new Date(newest).toISOString();
}

/** Atom 1.0 (RFC 4287). */
export function renderAtom(spec: FeedSpec): string {
  const { config } = spec;
  const lines = [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(config.lang)}">`,
    `<title>${escapeXml(spec.title)}</title>`,
    `<id>${escapeXml(siteUrl(config, spec.selfPath))}</id>`,
    `<link rel="self" type="application/atom+xml" href="${escapeXml(siteUrl(config, spec.selfPath))}"/>`,
    `<link rel="alternate" type="text/html" href="${escapeXml(siteUrl(config, spec.listPath))}"/>`,
    `<updated>${updatedOf(spec)}</updated>`,
    `<generator>newsmirror</generator>`,
  ];
  for (const item of spec.items) lines.push("entry" in item ? item.entry : atomEntry(spec, item));
  lines.push(`</feed>`, "");
  return lines.join("\n");
}

/** One Atom entry: it depends on its post and the settings only, so a later build can reuse its text. */
function atomEntry(spec: FeedSpec, item: FeedItem): string {
  const { config } = spec;
  const { post } = item;
  const time = new Date(post.time).toISOString();
  const original = originalLink(post.from);
  return [
    `<entry${post.lang ? ` xml:lang="${post.lang}"` : ""}>`,
    `<title type="text">${escapeXml(post.title)}</title>`,
    `<id>${escapeXml(entryId(spec, post))}</id>`,
    `<link rel="alternate" type="text/html" href="${escapeXml(siteUrl(config, post.path))}"/>`,
    ...(original ? [`<link rel="via" type="text/html" href="${escapeXml(original)}"/>`] : []),
    `<published>${time}</published>`,
    `<updated>${time}</updated>`,
    `<author><name>${escapeXml(post.author || post.site)}</name></author>`,
    `<category term="${escapeXml(post.site)}"/>`,
    `<content type="html">${escapedHtmlOf(item)}</content>`,
    `</entry>`,
  ].join("\n");
}

/** RSS 2.0 (https://www.rssboard.org/rss-specification); the author goes in dc:creator, RSS's own wants an e-mail. */
export function renderRss(spec: FeedSpec): string {
  const { config } = spec;
  const lines = [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">`,
    `<channel>`,
    `<title>${escapeXml(spec.title)}</title>`,
    `<link>${escapeXml(siteUrl(config, spec.listPath))}</link>`,
    `<description>${escapeXml(config.description || spec.title)}</description>`,
    `<language>${escapeXml(config.lang)}</language>`,
    `<atom:link rel="self" type="application/rss+xml" href="${escapeXml(siteUrl(config, spec.selfPath))}"/>`,
    `<lastBuildDate>${new Date(updatedOf(spec)).toUTCString()}</lastBuildDate>`,
    `<generator>newsmirror</generator>`,
  ];
  for (const item of spec.items) lines.push("entry" in item ? item.entry : rssItem(spec, item));
  lines.push(`</channel>`, `</rss>`, "");
  return lines.join("\n");
}

/** One RSS item, like `atomEntry`. */
function rssItem(spec: FeedSpec, item: FeedItem): string {
  const { config } = spec;
  const { post } = item;
  return [
    `<item>`,
    `<title>${escapeXml(post.title)}</title>`,
    `<link>${escapeXml(siteUrl(config, post.path))}</link>`,
    `<guid isPermaLink="${config.url ? "true" : "false"}">${escapeXml(entryId(spec, post))}</guid>`,
    `<pubDate>${new Date(post.time).toUTCString()}</pubDate>`,
    `<dc:creator>${escapeXml(post.author || post.site)}</dc:creator>`,
    `<category>${escapeXml(post.site)}</category>`,
    `<description>${escapedHtmlOf(item)}</description>`,
    `</item>`,
  ].join("\n");
}

/**
 * JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/), as `JSON.stringify(feed, null, 1)` writes it, each item
 * made on its own so that its text can be reused.
 */
export function renderJsonFeed(spec: FeedSpec): string {
  const { config } = spec;
  const head = JSON.stringify({ version: "https://jsonfeed.org/version/1.1", title: spec.title, home_page_url: siteUrl(config, spec.listPath), feed_url: siteUrl(config, spec.selfPath), language: config.lang, items: [] }, null, 1);
  if (spec.items.length === 0) return `${head}\n`;
  const items = spec.items.map((item) => ("entry" in item ? item.entry : jsonItem(spec, item)));
  return `${head.slice(0, -"[]\n}".length)}[\n${items.join(",\n")}\n ]\n}\n`;
}

/** One JSON Feed item as it stands in the feed's `items` (two spaces in), like `atomEntry`. */
function jsonItem(spec: FeedSpec, { post, html }: FeedItem): string {
  const { config } = spec;
  const item = {
    id: entryId(spec, post),
    url: siteUrl(config, post.path),
    ...(originalLink(post.from) ? { external_url: originalLink(post.from) } : {}),
    title: post.title,
    content_html: html,
    date_published: new Date(post.time).toISOString(),
    authors: [{ name: post.author || post.site }],
    tags: [post.site],
    ...(post.lang ? { language: post.lang } : {}),
  };
  // JSON.stringify escapes every line break inside a string, so each break here is one of its indentation.
  return `  ${JSON.stringify(item, null, 1).replace(/\n/g, "\n  ")}`;
}

/** One sitemap file (https://www.sitemaps.org/protocol.html). */
export function renderSitemap(config: SiteConfig, urls: ReadonlyArray<{ path: string; lastmod: number | null }>): string {
  const lines = [`<?xml version="1.0" encoding="UTF-8"?>`, `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`];
  for (const entry of urls) {
    const lastmod = entry.lastmod === null ? "" : `<lastmod>${new Date(entry.lastmod).toISOString().slice(0, 10)}</lastmod>`;
    lines.push(`<url><loc>${escapeXml(siteUrl(config, entry.path))}</loc>${lastmod}</url>`);
  }
  lines.push(`</urlset>`, "");
  return lines.join("\n");
}

/** The sitemap index that lists the parts when there are more than 50,000 URLs. */
export function renderSitemapIndex(config: SiteConfig, parts: readonly string[]): string {
  const lines = [`<?xml version="1.0" encoding="UTF-8"?>`, `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`];
  for (const part of parts) lines.push(`<sitemap><loc>${escapeXml(siteUrl(config, part))}</loc></sitemap>`);
  lines.push(`</sitemapindex>`, "");
  return lines.join("\n");
}

/** robots.txt; the `Sitemap:` line needs an absolute URL (sitemaps.org), so only when `url` is set. */
export function renderRobots(config: SiteConfig): string {
  const lines = ["User-agent: *", "Allow: /"];
  if (config.url) lines.push(`Sitemap: ${siteUrl(config, "sitemap.xml")}`);
  return `${lines.join("\n")}\n`;
}
