// One planned page to its bytes: the Liquid scope each kind of page gets, the layouts, the feeds.
import { escapeHtml } from "../feed/index.js";
import { articleText, type ArticleHtml } from "./article-html.js";
import type { CommentsConfig, SiteConfig } from "./config.js";
import { reusedItems, spliced } from "./feed-entries.js";
import { originalLink, renderAtom, renderJsonFeed, renderRobots, renderRss, renderSitemap, renderSitemapIndex, type FeedItem } from "./mirror-feeds.js";
import type { PageBytes } from "./output-dir.js";
import type { PagePlan, PageLink, PlannedPage } from "./page-plan.js";
import type { PostSummary } from "./post-record.js";
import { absoluteUrl, relativeHref, rootPrefix } from "./relative-link.js";
import { renderAroundBytes, renderWithLayouts, type Theme } from "./theme.js";
import { listTimes, localTime, utcTime } from "./time-zone.js";

export interface RenderContext {
  plan: PagePlan;
  config: SiteConfig;
  theme: Theme;
  /** The article HTML of a post, read from `_posts/` when a page needs it. */
  loadHtml: (post: PostSummary) => Promise<ArticleHtml>;
  /** The article HTML if it is at hand without reading (kept from the scan), else undefined. */
  takeHtml?: (post: PostSummary) => ArticleHtml | undefined;
  /** `takeHtml` that leaves it kept: a feed shows posts whose own pages are still to come. */
  peekHtml?: (post: PostSummary) => ArticleHtml | undefined;
  /** Scripts the search page loads, in order, from `assets/` (those present). */
  searchScripts: string[];
  /** Whether `assets/toggle.js` (the 简/繁 toggle) is part of the site. */
  toggle: boolean;
  /**
   * The bytes of a feed file as the last build wrote it, when no post it can list has changed since (a build of
   * new posts only): its entries are reused (feed-entries.ts). Undefined, or no such file: every entry is made.
   */
  lastFeed?: (path: string) => Buffer | undefined;
}

/**
 * The policy every page carries (issue #3): only the site's own scripts and styles, so post HTML inserted
 * as-is cannot run script; `base-uri 'none'` stops an old post's `<base>` from redirecting our links.
 * A configured comments provider adds its own origins (giscus.app; Disqus' embed and iframe hosts).
 */
export function contentSecurityPolicy(comments: CommentsConfig): string {
  const script = ["'self'"];
  const frame: string[] = [];
  const connect = ["'self'"];
  const style = ["'self'"];
  if (comments?.provider === "giscus") {
    script.push("https://giscus.app");
    frame.push("https://giscus.app");
  } else if (comments?.provider === "disqus") {
    script.push(`https://${comments.shortname}.disqus.com`, "https://c.disqus.com");
    frame.push("https://disqus.com");
    connect.push("https://links.services.disqus.com");
    style.push("https://c.disqus.com");
  }
  return [
    "default-src 'none'",
    `script-src ${script.join(" ")}`,
    `style-src ${style.join(" ")}`,
    "img-src 'self' https: data:",
    "media-src 'self' https:",
    "font-src 'self'",
    `connect-src ${connect.join(" ")}`,
    ...(frame.length ? [`frame-src ${frame.join(" ")}`] : []),
    "base-uri 'none'",
    "form-action 'self'",
  ].join("; ");
}

function siteScope(ctx: RenderContext): Record<string, unknown> {
  const { config } = ctx;
  const c = config.comments;
  const comments =
    c?.provider === "giscus"
      ? { provider: "giscus", repo: c.repo, repo_id: c.repoId, category: c.category, category_id: c.categoryId }
      : c?.provider === "disqus"
        ? { provider: "disqus", shortname: c.shortname }
        : null;
  return {
    title: config.title, description: config.description, lang: config.lang, url: config.url, baseurl: config.baseurl,
    timezone: config.timezone, paginate: config.paginate, permalink: config.permalink, comments,
    toggle: ctx.toggle, search: ctx.searchScripts.length > 0, search_scripts: ctx.searchScripts,
  };
}

const siteScopes = new WeakMap<RenderContext, Record<string, unknown>>();

function commonPage(ctx: RenderContext, page: PlannedPage, title: string): Record<string, unknown> {
  const from = page.path;
  // The 404 page is served at any missing URL, so its links start from the site's base path instead.
  const root = page.kind === "not-found" ? `${ctx.config.baseurl}/` : rootPrefix(from);
  const href = (to: string): string => (page.kind === "not-found" ? root + to : relativeHref(from, to));
  return {
    kind: page.kind, title, lang: "", root, path: from, assets: `${root}assets/`,
    url: `/${from.endsWith("index.html") ? from.slice(0, -"index.html".length) : from}`,
    csp: contentSecurityPolicy(ctx.config.comments),
    canonical: ctx.config.url && page.kind !== "not-found" ? absoluteUrl(ctx.config.url, ctx.config.baseurl, from) : null,
    nav: {
      home: href("index.html"), sources: href("sources/index.html"), archive: href("archive/index.html"), search: href("search/index.html"),
      feed: href("feed.xml"), rss: href("rss.xml"), json: href("feed.json"),
    },
    feed: null,
  };
}

export { escapeHtml };

function listItem(ctx: RenderContext, from: string, post: PostSummary, keys: Map<string, string>): Record<string, unknown> {
  const { datetime, utc, time } = listTimes(new Date(post.time), ctx.config.timezone);
  const item = {
    title: post.title, href: relativeHref(from, post.path), source: post.site,
    source_href: relativeHref(from, `source/${keys.get(post.site) ?? ""}/index.html`),
    datetime, utc, time, lang: post.lang, line: "",
  };
  // The default theme's <li> (theme/_includes/post-list.html says why it is made here).
  item.line =
    `<li${item.lang ? ` lang="${item.lang}"` : ""}><a href="${item.href}">${escapeHtml(item.title)}</a> <span class="meta">` +
    `<a class="src" href="${item.source_href}">${escapeHtml(item.source)}</a> <time datetime="${item.datetime}" title="${item.utc}">${item.time}</time></span></li>`;
  return item;
}

const keyMaps = new WeakMap<PagePlan, Map<string, string>>();

function keysOf(plan: PagePlan): Map<string, string> {
  let keys = keyMaps.get(plan);
  if (!keys) {
    keys = new Map(plan.sources.map((s) => [s.name, s.key]));
    keyMaps.set(plan, keys);
  }
  return keys;
}

/** Posts (newest first) grouped by their day in the site's zone. */
function daysOf(ctx: RenderContext, from: string, indexes: number[]): Array<Record<string, unknown>> {
  const keys = keysOf(ctx.plan);
  const days: Array<{ key: string; label: string; posts: Array<Record<string, unknown>> }> = [];
  for (const index of indexes) {
    const post = ctx.plan.posts[index]!;
    let day = days[days.length - 1];
    if (!day || day.key !== post.day) {
      day = { key: post.day, label: post.day, posts: [] };
      days.push(day);
    }
    day.posts.push(listItem(ctx, from, post, keys));
  }
  return days;
}

function link(from: string, target: PageLink | null): Record<string, string> | null {
  return target ? { href: relativeHref(from, target.path), label: target.label } : null;
}

function siteOf(ctx: RenderContext): Record<string, unknown> {
  let site = siteScopes.get(ctx);
  if (!site) {
    site = siteScope(ctx);
    siteScopes.set(ctx, site);
  }
  return site;
}

function render(ctx: RenderContext, layout: string, page: Record<string, unknown>, content = ""): string {
  return renderWithLayouts(ctx.theme, layout, content, { site: siteOf(ctx), page });
}

/** A post's article HTML as text for a feed (it escapes it or puts it in JSON), left kept for the post's page. */
async function loadText(ctx: RenderContext, post: PostSummary): Promise<string> {
  return articleText(ctx.peekHtml?.(post) ?? (await ctx.loadHtml(post)));
}

/** `render` with the HTML as bytes: the page's text is made around them (`renderAroundBytes`). */
function renderAround(ctx: RenderContext, layout: string, page: Record<string, unknown>, content: Uint8Array): Uint8Array[] {
  return renderAroundBytes(ctx.theme, layout, content, { site: siteOf(ctx), page });
}

/** Feed items per feed source, shared by its Atom, RSS and JSON renderings within one build. */
const feedMemo = new WeakMap<RenderContext, Map<string, Promise<FeedItem[]>>>();

function feedItems(ctx: RenderContext, key: string, indexes: number[]): Promise<FeedItem[]> {
  let memo = feedMemo.get(ctx);
  if (!memo) {
    memo = new Map();
    feedMemo.set(ctx, memo);
  }
  const memoKey = `${key}\u0000${indexes.join(",")}`;
  let items = memo.get(memoKey);
  if (!items) {
    items = Promise.all(indexes.map(async (i) => ({ post: ctx.plan.posts[i]!, html: await loadText(ctx, ctx.plan.posts[i]!) })));
    memo.set(memoKey, items);
  }
  return items;
}

async function renderPost(ctx: RenderContext, page: Extract<PlannedPage, { kind: "post" }>): Promise<PageBytes> {
  const post = ctx.plan.posts[page.post]!;
  const date = new Date(post.time);
  const scope = commonPage(ctx, page, post.title);
  const neighbour = (index: number | null): Record<string, string> | null =>
    index === null ? null : { title: ctx.plan.posts[index]!.title, href: relativeHref(page.path, ctx.plan.posts[index]!.path) };
  const key = keysOf(ctx.plan).get(post.site) ?? "";
  Object.assign(scope, {
    lang: post.lang, date, datetime: date.toISOString(), local: localTime(date, ctx.config.timezone), utc: utcTime(date),
    source: post.site, source_href: relativeHref(page.path, `source/${key}/index.html`),
    author: post.author, show_author: post.author !== "" && post.author !== post.site,
    from: post.from, original: originalLink(post.from), prev: neighbour(page.prev), next: neighbour(page.next),
    also: page.also.map((i) => ({ title: ctx.plan.posts[i]!.title, href: relativeHref(page.path, ctx.plan.posts[i]!.path), source: ctx.plan.posts[i]!.site, lang: ctx.plan.posts[i]!.lang })),
    comments: post.comments, comments_on: post.comments && ctx.config.comments !== null,
    categories: post.categories, tags: [post.site], url: post.url, layout: "post",
    feed: relativeHref(page.path, `source/${key}/feed.xml`), feed_title: post.site,
  });
  const html = await ctx.loadHtml(post);
  return typeof html === "string" ? render(ctx, "post", scope, html) : renderAround(ctx, "post", scope, html);
}

/** What a page is written from: its bytes, or the file to copy (an asset). */
export type RenderedPage = PageBytes | { file: string };

/** Whether a rendered page is bytes to write rather than a file to copy. */
export function isPageBytes(page: RenderedPage): page is PageBytes {
  return typeof page === "string" || page instanceof Uint8Array || Array.isArray(page);
}

/**
 * The bytes of one planned page: its text, its bytes (a feed made with `lastFeed`), its parts (a post page around
 * its article's bytes), or the file to copy.
 */
export async function renderPage(ctx: RenderContext, page: PlannedPage): Promise<RenderedPage> {
  const { config, plan } = ctx;
  switch (page.kind) {
    case "post":
      return renderPost(ctx, page);
    case "list": {
      const scope = commonPage(ctx, page, page.path === "index.html" ? "" : page.title);
      const feedBase = page.feed ? page.feed.replace(/feed\.xml$/, "") : null;
      Object.assign(scope, {
        heading: page.title, days: daysOf(ctx, page.path, page.posts), newer: link(page.path, page.newer), older: link(page.path, page.older),
        feed: feedBase === null ? null : relativeHref(page.path, `${feedBase}feed.xml`),
        rss: feedBase === null ? null : relativeHref(page.path, `${feedBase}rss.xml`),
        json: feedBase === null ? null : relativeHref(page.path, `${feedBase}feed.json`),
        feed_title: page.title,
      });
      if (page.newer && page.newer.label === "") (scope["newer"] as Record<string, string>).label = "最新";
      if (page.newer && page.newer.label !== "") (scope["newer"] as Record<string, string>).label = `較新 ${page.newer.label}`;
      if (page.older) (scope["older"] as Record<string, string>).label = `較舊 ${page.older.label}`;
      return render(ctx, "list", scope);
    }
    case "archive": {
      const scope = commonPage(ctx, page, page.title ? `封存 ${page.title}` : "封存");
      Object.assign(scope, {
        heading: page.title ? `封存 ${page.title}` : "封存",
        entries: page.entries.map((e) => ({ label: e.label, href: relativeHref(page.path, e.path), count: e.count })),
        days: daysOf(ctx, page.path, page.posts), up: page.up ? { href: relativeHref(page.path, page.up.path), label: page.up.label || "封存" } : null,
        newer: link(page.path, page.newer), older: link(page.path, page.older),
      });
      return render(ctx, "archive", scope);
    }
    case "sources": {
      const scope = commonPage(ctx, page, "來源");
      scope["sources"] = plan.sources.map((s) => ({
        name: s.name, href: relativeHref(page.path, `source/${s.key}/index.html`), feed: relativeHref(page.path, `source/${s.key}/feed.xml`),
        count: s.count, last: localTime(new Date(s.last), config.timezone), utc: utcTime(new Date(s.last)), datetime: new Date(s.last).toISOString(),
      }));
      return render(ctx, "sources", scope);
    }
    case "feed": {
      const title = page.source ? `${page.source} · ${config.title}` : config.title;
      const renderFeed = page.format === "atom" ? renderAtom : page.format === "rss" ? renderRss : renderJsonFeed;
      const spec = { config, title, selfPath: page.path, listPath: page.listPath };
      const last = ctx.lastFeed?.(page.path);
      if (last === undefined) return renderFeed({ ...spec, items: await feedItems(ctx, page.source ?? "", page.posts) });
      const { items, known } = await reusedItems(page.format, config, last, page.posts.map((i) => plan.posts[i]!), (post) => loadText(ctx, post));
      return known.length === 0 ? renderFeed({ ...spec, items }) : spliced(renderFeed({ ...spec, items }), known, page.path);
    }
    case "sitemap":
      return renderSitemap(config, page.urls);
    case "sitemap-index":
      return renderSitemapIndex(config, page.parts);
    case "robots":
      return renderRobots(config);
    case "not-found":
      return render(ctx, "404", commonPage(ctx, page, "找不到這一頁"));
    case "search": {
      const scope = commonPage(ctx, page, "搜尋");
      scope["sources"] = plan.sources.map((s) => s.name).sort();
      return render(ctx, "search", scope);
    }
    case "asset":
      return { file: page.file };
  }
}
