// The page plan: every file of the site as plain data with a hash of its inputs, from post summaries (pure).
//
// List pages are numbered from the OLDEST post: page 1 holds the first 50 posts ever, and a page, once full,
// never changes. New posts then touch the front page, the last numbered page or two and nothing else,
// which keeps an incremental build at 100,000 posts to a handful of list pages, and gives readers list
// URLs that keep showing the same posts. The front page always shows the newest `paginate` posts.
import { hash } from "node:crypto";
import type { SiteConfig } from "./config.js";
import { jekyllSlugify } from "./permalink.js";
import type { PostSummary } from "./post-record.js";

/** Posts in each mirror feed (issue #3: "the latest 50 posts with full content"). */
export const FEED_SIZE = 50;
/** The sitemap protocol's limit per file (https://www.sitemaps.org/protocol.html#index). */
export const SITEMAP_LIMIT = 50_000;

export type FeedFormat = "atom" | "rss" | "json";
export const FEED_FILES: Readonly<Record<FeedFormat, string>> = { atom: "feed.xml", rss: "rss.xml", json: "feed.json" };

export interface SourceSummary {
  name: string;
  /** Folder name under `source/`. */
  key: string;
  count: number;
  /** Newest post time, epoch ms. */
  last: number;
  /** Indexes into `PagePlan.posts`, oldest first. */
  posts: number[];
}

export interface PageLink {
  path: string;
  label: string;
}

export interface ArchiveEntry {
  label: string;
  path: string;
  count: number;
}

interface PageBase {
  /** Output file under the site root, unescaped, "/"-separated. */
  path: string;
  /** Hash of everything the page's bytes depend on. */
  inputs: string;
}

export type PlannedPage =
  | (PageBase & { kind: "list"; title: string; source: string | null; posts: number[]; newer: PageLink | null; older: PageLink | null; feed: string | null })
  | (PageBase & { kind: "post"; post: number; prev: number | null; next: number | null; also: number[] })
  | (PageBase & { kind: "sources" })
  | (PageBase & { kind: "archive"; title: string; entries: ArchiveEntry[]; posts: number[]; up: PageLink | null; newer: PageLink | null; older: PageLink | null })
  | (PageBase & { kind: "feed"; format: FeedFormat; source: string | null; posts: number[]; listPath: string })
  | (PageBase & { kind: "sitemap"; urls: Array<{ path: string; lastmod: number | null }> })
  | (PageBase & { kind: "sitemap-index"; parts: string[] })
  | (PageBase & { kind: "robots" })
  | (PageBase & { kind: "not-found" })
  | (PageBase & { kind: "search" })
  | (PageBase & { kind: "asset"; file: string });

export interface PagePlan {
  /** Oldest first (time, then file name); pages refer to posts by index into this array. */
  posts: PostSummary[];
  /** Posts moved aside from a clashing permalink ("-2"): file name to the output file they got. */
  movedAside: Map<string, string>;
  sources: SourceSummary[];
  pages: PlannedPage[];
}

export interface PlanOptions {
  /** Hash of the settings and theme: a change re-renders every page. */
  siteHash: string;
  /** Static files to copy: site path, absolute source file and its content hash. */
  assets: Array<{ path: string; file: string; hash: string }>;
  /** The last build, so post pages that cannot have changed keep their recorded inputs (see `cleanPostPages`). */
  previous?: PreviousBuild;
  /** Posts carrying the same story: file name to the other members' file names ("also reported by"). */
  stories?: ReadonlyMap<string, readonly string[]>;
  /** URLs per sitemap file; default the protocol's limit (smaller in tests). */
  sitemapLimit?: number;
}

export interface PreviousBuild {
  siteHash: string;
  /** The post summaries the last build planned, by file name; unchanged files are the very same objects. */
  posts: ReadonlyMap<string, PostSummary>;
  /** Site path to inputs hash, as recorded. */
  pages: ReadonlyMap<string, string>;
  /** Posts that were or are in a story cluster: their pages are always planned afresh. */
  storied?: ReadonlySet<string>;
  /** The last plan's `movedAside`. */
  movedAside?: ReadonlyMap<string, string>;
}

/** Folders the site's own pages live in; a post whose permalink lands there is moved aside. */
const RESERVED_FOLDERS = ["page/", "source/", "sources/", "archive/", "search/", "assets/"];
const RESERVED_FILES = new Set(["index.html", "404.html", "feed.xml", "rss.xml", "feed.json", "robots.txt", "sitemap.xml"]);

export function isReserved(path: string): boolean {
  return RESERVED_FILES.has(path) || RESERVED_FOLDERS.some((folder) => path.startsWith(folder)) || /^sitemap-\d+\.xml$/.test(path);
}

/**
 * Fingerprint of a page's inputs. One-shot `crypto.hash` (Node 20.12+) is native: about 3 µs a call,
 * cheaper than a Hash object, and measured faster than a JS hash (cyrb53) over these inputs.
 * MD5 only decides whether a page is rendered again; nothing here is adversarial.
 */
function hashOf(...parts: Array<string | number | null>): string {
  return hash("md5", parts.map((part) => (part === null ? "\u0001" : String(part))).join("\u0000"), "base64url");
}

/** "…/b/" becomes "…/b-2/", "…/b.html" becomes "…/b-2.html". */
export function withSuffix(post: PostSummary, n: number): PostSummary {
  const url = post.url.endsWith("/") ? `${post.url.slice(0, -1)}-${n}/` : post.url.replace(/(\.html)?$/, `-${n}$1`);
  const path = post.path.endsWith("/index.html") ? `${post.path.slice(0, -"/index.html".length)}-${n}/index.html` : post.path.replace(/(\.html)$/, `-${n}$1`);
  return { ...post, url, path };
}

/**
 * Sorts posts oldest first and gives each a unique output file. Jekyll lets the later of two posts with one
 * URL overwrite the other ("Conflict: destination is shared by multiple files"); here the later one gets
 * "-2", "-3", so no article is lost. Posts moved aside are noted in `movedAside` (file name to output file).
 */
export function placePosts(posts: readonly PostSummary[], movedAside?: Map<string, string>): PostSummary[] {
  const sorted = [...posts].sort(byTimeThenName);
  const taken = new Set<string>();
  return sorted.map((post) => {
    let placed = post;
    for (let n = 2; taken.has(placed.path) || isReserved(placed.path); n++) placed = withSuffix(post, n);
    taken.add(placed.path);
    if (placed !== post) movedAside?.set(post.fileName, placed.path);
    return placed;
  });
}

/** Source folder names: Jekyll's pretty slug of the name, lower-cased; clashes and empty slugs get a hash. */
export function sourceKeys(names: readonly string[]): Map<string, string> {
  const keys = new Map<string, string>();
  const used = new Set<string>();
  for (const name of [...names].sort()) {
    let key = jekyllSlugify(name, "pretty", false).replace(/^\.+/, "");
    if (key === "" || used.has(key)) key = `${key}${key ? "-" : ""}${hashOf(name).slice(0, 6).toLowerCase()}`;
    used.add(key);
    keys.set(name, key);
  }
  return keys;
}

function postStamp(post: PostSummary): string {
  return `${post.hash}|${post.path}`;
}

/** What a post page shows of a neighbour: its link and title. */
function neighbourStamp(plan: PagePlan, index: number | null): string | null {
  return index === null ? null : `${plan.posts[index]!.path}|${plan.posts[index]!.title}`;
}

/** What a post page shows of the other posts of its story: link, title and source. */
function storyStamp(plan: PagePlan, also: number[]): string | null {
  return also.length === 0 ? null : also.map((i) => `${plan.posts[i]!.path}|${plan.posts[i]!.title}|${plan.posts[i]!.site}`).join("\n");
}

export interface ListSpec {
  base: string;
  title: string;
  source: string | null;
  posts: number[];
  feed: string | null;
}

/**
 * Page `n` of a list (0: the front page, newest first; 1 and up: numbered from the oldest), its inputs hashed
 * unless `recorded` gives them.
 */
export function listPage(spec: ListSpec, plan: PagePlan, siteHash: string, perPage: number, n: number, recorded?: string): PlannedPage {
  const { base, posts } = spec;
  const numbered = Math.ceil(posts.length / perPage);
  const numberedPath = (k: number): string => `${base}page/${k}/index.html`;
  const front = `${base}index.html`;
  const stamps = (indexes: number[]): string => indexes.map((i) => postStamp(plan.posts[i]!)).join(",");
  if (n === 0) {
    const newest = posts.slice(-perPage).reverse();
    const olderThanFront = posts.length > perPage ? Math.floor((posts.length - perPage - 1) / perPage) + 1 : null;
    const frontOlder = olderThanFront === null ? null : { path: numberedPath(olderThanFront), label: String(olderThanFront) };
    return {
      kind: "list", path: front, title: spec.title, source: spec.source, posts: newest, newer: null, older: frontOlder, feed: spec.feed,
      inputs: recorded ?? hashOf(siteHash, "list", front, spec.title, spec.source, stamps(newest), frontOlder?.path ?? null, spec.feed),
    };
  }
  const slice = posts.slice((n - 1) * perPage, n * perPage).reverse();
  const newer = n < numbered ? { path: numberedPath(n + 1), label: String(n + 1) } : { path: front, label: "" };
  const older = n > 1 ? { path: numberedPath(n - 1), label: String(n - 1) } : null;
  const title = `${spec.title} · ${n}`;
  return {
    kind: "list", path: numberedPath(n), title, source: spec.source, posts: slice, newer, older, feed: spec.feed,
    inputs: recorded ?? hashOf(siteHash, "list", numberedPath(n), title, spec.source, stamps(slice), newer.path, older?.path ?? null, spec.feed),
  };
}

/**
 * The numbered pages a list keeps from the last build (1 to the result): those wholly before its first change
 * (`firstChange`, a position in the list), and not its last page then (`oldCount` posts) or now.
 */
export function keptListPages(firstChange: number, oldCount: number, count: number, perPage: number): number {
  return Math.min(Math.floor(firstChange / perPage), Math.ceil(oldCount / perPage) - 1, Math.ceil(count / perPage) - 1);
}

/** Front page plus pages numbered from the oldest (see the file comment). */
function planList(spec: ListSpec, plan: PagePlan, options: PlanOptions, perPage: number, reuse: Reuse | null): PlannedPage[] {
  const kept = reuse ? listReuse(spec.posts, spec.source, reuse, plan) : null;
  const keptBelow = kept ? keptListPages(kept.firstChange, kept.oldCount, spec.posts.length, perPage) : 0;
  const pages: PlannedPage[] = [listPage(spec, plan, options.siteHash, perPage, 0)];
  const numbered = Math.ceil(spec.posts.length / perPage);
  for (let n = 1; n <= numbered; n++) {
    const recorded = n <= keptBelow ? options.previous!.pages.get(`${spec.base}page/${n}/index.html`) : undefined;
    pages.push(listPage(spec, plan, options.siteHash, perPage, n, recorded));
  }
  return pages;
}

export function planFeeds(source: SourceSummary | null, posts: number[], plan: PagePlan, options: Pick<PlanOptions, "siteHash">): PlannedPage[] {
  const base = source ? `source/${source.key}/` : "";
  const latest = posts.slice(-FEED_SIZE).reverse();
  const stamps = latest.map((i) => postStamp(plan.posts[i]!)).join(",");
  return (Object.keys(FEED_FILES) as FeedFormat[]).map((format) => ({
    kind: "feed" as const, format, source: source?.name ?? null, posts: latest, listPath: `${base}index.html`, path: `${base}${FEED_FILES[format]}`,
    inputs: hashOf(options.siteHash, "feed", format, source?.name ?? null, stamps),
  }));
}

/**
 * The first day a change touches: the day of the first changed post in time order or of any post that went.
 * A day page before it, whose next day is before it too, shows what it showed (same posts, same links).
 */
function firstChangedDay(plan: PagePlan, reuse: Reuse, firstChange: number): string {
  let day = plan.posts[firstChange]?.day ?? "\uffff";
  for (const old of reuse.gone) if (old.day < day) day = old.day;
  return day;
}

export const dayPath = (day: string): string => `archive/${day.replaceAll("-", "/")}/index.html`;
const monthPath = (month: string): string => `archive/${month.replace("-", "/")}/index.html`;
const yearPath = (year: string): string => `archive/${year}/index.html`;

/** A day's page: its posts (indexes into `plan.posts`, newest first) and links to the days around it. */
export function dayPage(plan: PagePlan, siteHash: string, day: string, posts: number[], newerDay: string | undefined, olderDay: string | undefined, recorded?: string): PlannedPage {
  const newer = newerDay ? { path: dayPath(newerDay), label: newerDay } : null;
  const older = olderDay ? { path: dayPath(olderDay), label: olderDay } : null;
  const month = day.slice(0, 7);
  return {
    kind: "archive", path: dayPath(day), title: day, entries: [], posts, up: { path: monthPath(month), label: month }, newer, older,
    inputs: recorded ?? hashOf(siteHash, "day", day, posts.map((p) => postStamp(plan.posts[p]!)).join(","), newer?.path ?? null, older?.path ?? null),
  };
}

/** A month's page; `entries` are its days, newest first. */
function monthPage(siteHash: string, month: string, entries: ArchiveEntry[]): PlannedPage {
  const year = month.slice(0, 4);
  return {
    kind: "archive", path: monthPath(month), title: month, entries, posts: [], up: { path: yearPath(year), label: year }, newer: null, older: null,
    inputs: hashOf(siteHash, "month", month, JSON.stringify(entries)),
  };
}

/** A year's page; `entries` are its months, newest first. */
function yearPage(siteHash: string, year: string, entries: ArchiveEntry[]): PlannedPage {
  return {
    kind: "archive", path: yearPath(year), title: year, entries, posts: [], up: { path: "archive/index.html", label: "" }, newer: null, older: null,
    inputs: hashOf(siteHash, "year", year, JSON.stringify(entries)),
  };
}

/** The archive's front page; `entries` are the years, newest first. */
function archiveIndexPage(siteHash: string, entries: ArchiveEntry[]): PlannedPage {
  return { kind: "archive", path: "archive/index.html", title: "", entries, posts: [], up: null, newer: null, older: null, inputs: hashOf(siteHash, "archive", JSON.stringify(entries)) };
}

/** Entries of the months or years that `entries` (days or months, oldest first) fall in, each list newest first. */
function groupEntries(entries: readonly ArchiveEntry[], keyLength: number): Map<string, ArchiveEntry[]> {
  const groups = new Map<string, ArchiveEntry[]>();
  for (const entry of entries) {
    const key = entry.label.slice(0, keyLength);
    const list = groups.get(key);
    if (list) list.push(entry);
    else groups.set(key, [entry]);
  }
  for (const list of groups.values()) list.reverse();
  return groups;
}

/** `firstChange`: position in `plan.posts` of the first change (`listReuse` of all posts), with `reuse`. */
function planArchive(plan: PagePlan, options: PlanOptions, reuse: Reuse | null, firstChange: number): PlannedPage[] {
  const days = new Map<string, number[]>();
  plan.posts.forEach((post, index) => {
    const list = days.get(post.day);
    if (list) list.push(index);
    else days.set(post.day, [index]);
  });
  const dayKeys = [...days.keys()].sort();
  const changedDay = reuse ? firstChangedDay(plan, reuse, firstChange) : "";
  const pages: PlannedPage[] = [];
  const dayEntries: ArchiveEntry[] = [];
  dayKeys.forEach((day, i) => {
    const posts = [...days.get(day)!].reverse();
    const newerDay = dayKeys[i + 1];
    const recorded = newerDay !== undefined && newerDay < changedDay ? options.previous!.pages.get(dayPath(day)) : undefined;
    pages.push(dayPage(plan, options.siteHash, day, posts, newerDay, dayKeys[i - 1], recorded));
    dayEntries.push({ label: day, path: dayPath(day), count: posts.length });
  });
  pages.push(...archivePagesAbove(options.siteHash, dayEntries));
  return pages;
}

/** The month and year pages and the archive's front page, from every day's entry (oldest first). */
export function archivePagesAbove(siteHash: string, dayEntries: readonly ArchiveEntry[]): PlannedPage[] {
  const pages: PlannedPage[] = [];
  const monthEntries: ArchiveEntry[] = [];
  for (const [month, entries] of groupEntries(dayEntries, 7)) {
    pages.push(monthPage(siteHash, month, entries));
    monthEntries.push({ label: month, path: monthPath(month), count: entries.reduce((sum, e) => sum + e.count, 0) });
  }
  const yearEntries: ArchiveEntry[] = [];
  for (const [year, entries] of groupEntries(monthEntries, 4)) {
    pages.push(yearPage(siteHash, year, entries));
    yearEntries.push({ label: year, path: yearPath(year), count: entries.reduce((sum, e) => sum + e.count, 0) });
  }
  yearEntries.reverse();
  pages.push(archiveIndexPage(siteHash, yearEntries));
  return pages;
}

/** Sitemap files: the post pages oldest first, then the other pages, so new posts change only the last file. */
/** `unchangedPosts`: how many posts, oldest first, nothing changed (0 without a last build to reuse). */
function planSitemap(pages: PlannedPage[], plan: PagePlan, options: PlanOptions, unchangedPosts: number): PlannedPage[] {
  const urls: Array<{ path: string; lastmod: number | null }> = [];
  // Posts are in time order, so the newest of a page's posts is the one with the highest index.
  const newestOf = (indexes: number[]): number | null => {
    let newest = -1;
    for (const i of indexes) if (i > newest) newest = i;
    return newest < 0 ? null : plan.posts[newest]!.time;
  };
  for (const post of plan.posts) urls.push({ path: post.path, lastmod: post.time });
  for (const page of pages) {
    if (page.kind === "list" || (page.kind === "archive" && page.posts.length > 0)) urls.push({ path: page.path, lastmod: newestOf(page.posts) });
    else if (page.kind === "archive" || page.kind === "sources") urls.push({ path: page.path, lastmod: null });
  }
  return sitemapFiles(urls, options, unchangedPosts, (path) => options.previous?.pages.get(path));
}

export interface SitemapUrl {
  path: string;
  lastmod: number | null;
}

/**
 * The sitemap of `urls` (posts first, oldest first), split by the protocol's limit. A part made only of the
 * first `unchangedPosts` posts keeps the inputs `recorded` gives it. `urls` may leave out the first `offset`
 * URLs (a multiple of the limit, within `unchangedPosts`): their parts are planned with their recorded inputs
 * and no URLs, as pages that are not written again.
 */
export function sitemapFiles(urls: SitemapUrl[], options: Pick<PlanOptions, "siteHash" | "sitemapLimit">, unchangedPosts: number, recorded: (path: string) => string | undefined, offset = 0): PlannedPage[] {
  const hashUrls = (list: typeof urls): string => hashOf(options.siteHash, "sitemap", list.map((u) => `${u.path} ${u.lastmod}`).join("\n"));
  const limit = options.sitemapLimit ?? SITEMAP_LIMIT;
  const total = offset + urls.length;
  if (total <= limit) return [{ kind: "sitemap", path: "sitemap.xml", urls, inputs: hashUrls(urls) }];
  // A part made only of posts before the first change lists what it listed (post URLs come first, oldest first).
  const parts: PlannedPage[] = [];
  for (let start = 0, n = 1; start < total; start += limit, n++) {
    const path = `sitemap-${n}.xml`;
    if (start < offset) {
      parts.push({ kind: "sitemap", path, urls: [], inputs: recorded(path)! });
      continue;
    }
    const chunk = urls.slice(start - offset, start - offset + limit);
    const kept = start + limit <= unchangedPosts ? recorded(path) : undefined;
    parts.push({ kind: "sitemap", path, urls: chunk, inputs: kept ?? hashUrls(chunk) });
  }
  const names = parts.map((p) => p.path);
  return [...parts, { kind: "sitemap-index", path: "sitemap.xml", parts: names, inputs: hashOf(options.siteHash, "sitemap-index", names.join(",")) }];
}

export const byTimeThenName = (a: { time: number; fileName: string }, b: { time: number; fileName: string }): number =>
  a.time - b.time || (a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0);

/**
 * The posts whose page is known to be as the last build planned it, so their inputs need no hashing (at
 * 100,000 posts, hashing every post page is most of the plan's time). A post page depends on the post, its
 * place, its neighbours in its source and the site; so a post is unsafe when it is new or changed (another
 * object than last time), was moved aside ("-2"), shares a permalink with a post that came, went or changed,
 * or sits next to one that came, went or changed, at its new or its old place. Null when nothing can be reused.
 */
/** The `also` of the many posts in no story: one shared empty list instead of 100,000. */
export const NO_STORY: number[] = [];

/** The key of the whole site's count in `Reuse.gained` (no source is named by a NUL). */
const ALL_SOURCES = "\u0000";

interface Reuse {
  /** Post pages that keep their recorded inputs. */
  cleanPosts: Set<number>;
  /** Posts that came, changed or moved (indexes into plan.posts). */
  changed: Set<number>;
  /** Posts that went, and the old versions of changed ones. */
  gone: PostSummary[];
  /** Posts a source gained since the last build (negative: lost); `ALL_SOURCES` counts the whole site. */
  gained: Map<string, number>;
}

function cleanPostPages(plan: PagePlan, indexOf: ReadonlyMap<string, number>, previous: PreviousBuild | undefined, siteHash: string): Reuse | null {
  if (!previous || previous.siteHash !== siteHash || previous.posts.size === 0) return null;
  // A new source can change another's folder name (sourceKeys); then every page is planned again.
  const sites = new Set(plan.sources.map((s) => s.name));
  const before = new Set<string>();
  for (const post of previous.posts.values()) before.add(post.site);
  if (before.size !== sites.size || [...before].some((site) => !sites.has(site))) return null;
  const unsafe = new Set<number>();
  const movedPaths = new Set<string>();
  const gone: PostSummary[] = [];
  const gained = new Map<string, number>();
  const gain = (site: string, by: number): void => {
    gained.set(site, (gained.get(site) ?? 0) + by);
    gained.set(ALL_SOURCES, (gained.get(ALL_SOURCES) ?? 0) + by);
  };
  plan.posts.forEach((post, i) => {
    const old = previous.posts.get(post.fileName);
    // A post moved aside is a new object in every plan: the same post (same hash) in the same place is unchanged.
    const wasAt = previous.movedAside?.get(post.fileName) ?? old?.path;
    if (old !== undefined && wasAt === post.path && (old === post || (plan.movedAside.has(post.fileName) && old.hash === post.hash))) return;
    unsafe.add(i);
    movedPaths.add(post.path);
    gain(post.site, 1);
    if (old) {
      gone.push(old);
      movedPaths.add(old.path);
      gain(old.site, -1);
    }
  });
  for (const [fileName, old] of previous.posts) {
    if (indexOf.has(fileName)) continue;
    gone.push(old);
    movedPaths.add(old.path);
    gain(old.site, -1);
  }
  const storied = previous.storied ?? new Set<string>();
  if (unsafe.size === 0 && gone.length === 0) {
    return { cleanPosts: new Set([...plan.posts.keys()].filter((i) => !storied.has(plan.posts[i]!.fileName))), changed: unsafe, gone, gained };
  }
  // A post that kept its object but not its place (its "-2" went away) shows differently to its neighbours too.
  plan.posts.forEach((post, i) => {
    if (movedPaths.has(post.path)) unsafe.add(i);
  });
  const changedPosts = new Set(unsafe);
  const sourceOf = new Map(plan.sources.map((s) => [s.name, s.posts]));
  const changed = [...unsafe];
  for (const i of changed) {
    const list = sourceOf.get(plan.posts[i]!.site)!;
    const at = lowerBound(list, plan.posts[i]!, plan);
    if (at > 0) unsafe.add(list[at - 1]!);
    if (at + 1 < list.length) unsafe.add(list[at + 1]!);
  }
  // Where a post was: its old neighbours now meet.
  for (const old of gone) {
    const list = sourceOf.get(old.site);
    if (!list) continue;
    const at = lowerBound(list, old, plan);
    for (const j of [at - 1, at, at + 1]) if (j >= 0 && j < list.length) unsafe.add(list[j]!);
  }
  // A post in a story shows the other members: planned afresh (few posts), without touching its neighbours.
  const clean = new Set<number>();
  plan.posts.forEach((post, i) => {
    if (!unsafe.has(i) && !storied.has(post.fileName)) clean.add(i);
  });
  return { cleanPosts: clean, changed: changedPosts, gone, gained };
}

/**
 * What a list of posts (oldest first) keeps from the last build: the position of its first change (a post
 * that came, changed or moved, or the place of one that went), and how many posts it held. Numbered pages
 * wholly before that position, and not the last one then or now, show what they showed: same posts, same
 * links to their neighbours.
 */
function listReuse(list: number[], site: string | null, reuse: Reuse, plan: PagePlan): { firstChange: number; oldCount: number } {
  let firstChange = list.length;
  for (const i of reuse.changed) {
    if (site !== null && plan.posts[i]!.site !== site) continue;
    firstChange = Math.min(firstChange, site === null ? i : lowerBound(list, plan.posts[i]!, plan));
  }
  for (const old of reuse.gone) {
    if (site !== null && old.site !== site) continue;
    firstChange = Math.min(firstChange, lowerBound(list, old, plan));
  }
  return { firstChange, oldCount: list.length - (reuse.gained.get(site ?? ALL_SOURCES) ?? 0) };
}

/** The first position in `list` (indexes into plan.posts, oldest first) not older than `post`. */
function lowerBound(list: number[], post: { time: number; fileName: string }, plan: PagePlan): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (byTimeThenName(plan.posts[list[mid]!]!, post) < 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The page of the `i`th post of `source` (oldest first), with links to its neighbours and to `also`. */
export function postPage(plan: PagePlan, siteHash: string, source: SourceSummary, i: number, also: number[], recorded?: string): PlannedPage {
  const postIndex = source.posts[i]!;
  const prev = i > 0 ? source.posts[i - 1]! : null;
  const next = i + 1 < source.posts.length ? source.posts[i + 1]! : null;
  const post = plan.posts[postIndex]!;
  return {
    kind: "post", path: post.path, post: postIndex, prev, next, also,
    inputs: recorded ?? hashOf(siteHash, "post", postStamp(post), source.key, neighbourStamp(plan, prev), neighbourStamp(plan, next), storyStamp(plan, also)),
  };
}

export function sourcesPage(plan: PagePlan, siteHash: string): PlannedPage {
  return { kind: "sources", path: "sources/index.html", inputs: hashOf(siteHash, "sources", plan.sources.map((s) => `${s.name}|${s.key}|${s.count}|${s.last}`).join("\n")) };
}

export function searchPage(plan: PagePlan, siteHash: string): PlannedPage {
  return { kind: "search", path: "search/index.html", inputs: hashOf(siteHash, "search", plan.sources.map((s) => s.name).join("\n")) };
}

/** Sources by their newest post, newest first (the order of the sources page). */
export function sortSources(sources: SourceSummary[]): SourceSummary[] {
  return sources.sort((a, b) => b.last - a.last || (a.name < b.name ? -1 : 1));
}

/**
 * Plans the whole site; pure. `planPages(summaries, config, { siteHash, assets: [] }).pages` lists every file,
 * each with the hash of its inputs, so a build renders only pages whose hash changed.
 */
export function planPages(summaries: readonly PostSummary[], config: SiteConfig, options: PlanOptions): PagePlan {
  const movedAside = new Map<string, string>();
  const plan: PagePlan = { posts: placePosts(summaries, movedAside), movedAside, sources: [], pages: [] };
  const keys = sourceKeys([...new Set(plan.posts.map((p) => p.site))]);
  const bySource = new Map<string, SourceSummary>();
  plan.posts.forEach((post, index) => {
    let source = bySource.get(post.site);
    if (!source) {
      source = { name: post.site, key: keys.get(post.site)!, count: 0, last: post.time, posts: [] };
      bySource.set(post.site, source);
    }
    source.count++;
    source.last = Math.max(source.last, post.time);
    source.posts.push(index);
  });
  plan.sources = sortSources([...bySource.values()]);
  const indexOf = new Map(plan.posts.map((post, i) => [post.fileName, i]));
  const reuse = cleanPostPages(plan, indexOf, options.previous, options.siteHash);
  const clean = reuse?.cleanPosts ?? null;
  const alsoOf = (post: PostSummary): number[] => {
    const names = options.stories?.get(post.fileName);
    return names === undefined ? NO_STORY : names.flatMap((name) => indexOf.get(name) ?? []);
  };
  const pages = plan.pages;
  const all = plan.posts.map((_, i) => i);
  pages.push(...planList({ base: "", title: config.title, source: null, posts: all, feed: "feed.xml" }, plan, options, config.paginate, reuse));
  pages.push(...planFeeds(null, all, plan, options));
  for (const source of plan.sources) {
    const base = `source/${source.key}/`;
    pages.push(...planList({ base, title: source.name, source: source.name, posts: source.posts, feed: `${base}feed.xml` }, plan, options, config.paginate, reuse));
    pages.push(...planFeeds(source, source.posts, plan, options));
    source.posts.forEach((postIndex, i) => {
      const recorded = clean?.has(postIndex) ? options.previous!.pages.get(plan.posts[postIndex]!.path) : undefined;
      pages.push(postPage(plan, options.siteHash, source, i, alsoOf(plan.posts[postIndex]!), recorded));
    });
  }
  pages.push(sourcesPage(plan, options.siteHash));
  // Where the site-wide list first changed: archive days and sitemap parts before it keep their inputs.
  const firstChange = reuse ? listReuse(all, null, reuse, plan).firstChange : 0;
  pages.push(...planArchive(plan, options, reuse, firstChange));
  pages.push(...planSitemap(pages, plan, options, firstChange));
  pages.push({ kind: "robots", path: "robots.txt", inputs: hashOf(options.siteHash, "robots") });
  pages.push({ kind: "not-found", path: "404.html", inputs: hashOf(options.siteHash, "404") });
  pages.push(searchPage(plan, options.siteHash));
  for (const asset of options.assets) pages.push({ kind: "asset", path: asset.path, file: asset.file, inputs: hashOf("asset", asset.hash) });
  return plan;
}
