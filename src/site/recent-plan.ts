// The plan of a build whose only change is new posts near the end of the archive (an hourly fetch): only the pages
// those posts can reach, from the manifest's post index and the records of the few posts those pages show.
//
// `planPages` plans every page and hashes what may have changed, a pass of a few microseconds for each of
// 100,000 posts. Here a change of new posts alone reaches: their pages and their neighbours' in their sources;
// the front page, the last numbered pages and the feeds of the whole site and of each source they joined; the
// days from the one before the first new post's on, their months and years, the archive's front page; the
// sources and search pages; the sitemap parts from the first new post on; and the pages of posts whose "also
// reported by" links changed. Every other page shows what it showed. Each page is made by the same function
// `planPages` uses, so its inputs hash the same. Anything this cannot place the way `planPages` would (a permalink
// clash, a new source, a post with no date) gives null, and the build plans the whole site.
import type { SiteConfig } from "./config.js";
import type { PostIndex } from "./manifest.js";
import {
  archivePagesAbove, byTimeThenName, dayPage, dayPath, FEED_SIZE, isReserved, keptListPages, listPage, NO_STORY, planFeeds, postPage, searchPage,
  SITEMAP_LIMIT, sitemapFiles, sortSources, sourceKeys, sourcesPage, withSuffix,
  type ArchiveEntry, type ListSpec, type PagePlan, type PlannedPage, type SitemapUrl, type SourceSummary,
} from "./page-plan.js";
import type { PostSummary } from "./post-record.js";

/** Where the new posts go among the old ones, and what of the old ones the reachable pages show. */
export interface RecentLayout {
  /** Posts after the change. */
  count: number;
  /** The new posts in placed order, and each one's position among all posts. */
  added: PostSummary[];
  addedAt: number[];
  /** Position of every old post (index order) among all posts. */
  oldAt: Int32Array;
  /** Per position: the old post's index position, or -1 - j for the new post `added[j]`. */
  from: Int32Array;
  /** Time, day and source (index into `siteNames`) at every position. */
  times: Float64Array;
  days: string[];
  sites: Uint32Array;
  siteNames: string[];
  /** Each source's positions, oldest first, by index into `siteNames`. */
  lists: number[][];
  /** Sources (index into `siteNames`) that gained posts: the position of the first new one in its list, and how many. */
  touched: Map<number, { first: number; gained: number }>;
  /** Positions whose post records the pages need, so far (`needPosts` adds more). */
  needed: Set<number>;
  /** Days whose pages are planned again (the day before the first new post's, and every day from it on). */
  firstDay: number;
  dayRuns: Array<{ day: string; start: number; end: number }>;
}

/**
 * The posts a list's planned pages show, from this position in the list on: its pages after the kept ones, its
 * front page and feed, and the pages of the posts around its first change (which show their own neighbours).
 */
function listNeedsFrom(firstChange: number, oldCount: number, count: number, perPage: number): number {
  const kept = keptListPages(firstChange, oldCount, count, perPage);
  return Math.max(0, Math.min(kept * perPage, count - perPage, count - FEED_SIZE, firstChange - 2));
}

/**
 * Places `added` (new posts, none of them in `index`) among the old posts. Null when `planPages` would place
 * them or any old post otherwise (a clash of output paths, a reserved path), or when they bring a source the
 * last build did not have (its key can change other sources' folders), or when a time is not a number.
 */
export function layoutRecent(index: PostIndex, added: readonly PostSummary[], config: SiteConfig): RecentLayout | null {
  const n = index.names.length;
  for (let i = 0; i < n; i++) if (!Number.isFinite(index.times[i]!)) return null;
  const siteOf = new Map(index.siteNames.map((name, i) => [name, i]));
  const sorted = [...added].sort(byTimeThenName);
  const paths = new Set<string>();
  for (const post of sorted) {
    if (!Number.isFinite(post.time) || !siteOf.has(post.site) || isReserved(post.path) || paths.has(post.path)) return null;
    paths.add(post.path);
  }
  // A clash with an old post's path; the lengths first, so few of 100,000 paths are hashed (a set of them took 40 ms).
  const lengths = new Set([...paths].map((path) => path.length));
  for (const path of index.paths) if (lengths.has(path.length) && paths.has(path)) return null;
  // Where each new post goes among the old ones: the first old post not older than it.
  const count = n + sorted.length;
  const insertAt = sorted.map((post) => {
    let low = 0;
    let high = n;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (byTimeThenName({ time: index.times[mid]!, fileName: index.names[mid]! }, post) < 0) low = mid + 1;
      else high = mid;
    }
    return low;
  });
  const from = new Int32Array(count);
  const oldAt = new Int32Array(n);
  const addedAt: number[] = [];
  const times = new Float64Array(count);
  const days = new Array<string>(count);
  const sites = new Uint32Array(count);
  for (let g = 0, i = 0, j = 0; g < count; g++) {
    if (j < sorted.length && insertAt[j]! <= i) {
      const post = sorted[j]!;
      from[g] = -1 - j;
      times[g] = post.time;
      days[g] = post.day;
      sites[g] = siteOf.get(post.site)!;
      addedAt.push(g);
      j++;
    } else {
      from[g] = i;
      oldAt[i] = g;
      times[g] = index.times[i]!;
      days[g] = index.days[i]!;
      sites[g] = index.sites[i]!;
      i++;
    }
  }
  const lists: number[][] = index.siteNames.map(() => []);
  for (let g = 0; g < count; g++) lists[sites[g]!]!.push(g);
  const needed = new Set<number>();
  const perPage = config.paginate;
  for (let g = listNeedsFrom(addedAt[0]!, n, count, perPage); g < count; g++) needed.add(g);
  const touched: RecentLayout["touched"] = new Map();
  for (const site of new Set(addedAt.map((g) => sites[g]!))) {
    const list = lists[site]!;
    const first = list.findIndex((g) => from[g]! < 0);
    const gained = addedAt.filter((g) => sites[g] === site).length;
    touched.set(site, { first, gained });
    for (let k = listNeedsFrom(first, list.length - gained, list.length, perPage); k < list.length; k++) needed.add(list[k]!);
  }
  // Days: runs of positions (a day follows from the time, so days are in order).
  const dayRuns: RecentLayout["dayRuns"] = [];
  for (let g = 0; g < count; g++) {
    if (g === 0 || days[g] !== days[g - 1]) dayRuns.push({ day: days[g]!, start: g, end: g + 1 });
    else dayRuns[dayRuns.length - 1]!.end = g + 1;
  }
  const changedRun = dayRuns.findIndex((run) => run.end > addedAt[0]!);
  const firstDay = Math.max(0, changedRun - 1);
  for (let g = dayRuns[firstDay]!.start; g < count; g++) needed.add(g);
  return { count, added: sorted, addedAt, oldAt, from, times, days, sites, siteNames: index.siteNames, lists, touched, needed, firstDay, dayRuns };
}

/** Adds the posts at positions `at` to what the pages need, with their neighbours in their sources (a post page shows them). */
export function needPosts(layout: RecentLayout, at: Iterable<number>): void {
  for (const g of at) {
    const list = layout.lists[layout.sites[g]!]!;
    const k = lowerBoundNumber(list, g);
    for (const near of [k - 1, k, k + 1]) if (near >= 0 && near < list.length) layout.needed.add(list[near]!);
  }
}

export interface RecentPlanInput {
  layout: RecentLayout;
  index: PostIndex;
  /** Records of (at least) the old posts the layout needs, as the manifest keeps them, by file name. */
  records: ReadonlyMap<string, PostSummary>;
  movedAside: ReadonlyMap<string, string>;
  siteHash: string;
  /** File name to the other members' file names, for every post in a story. */
  stories: ReadonlyMap<string, readonly string[]>;
  /** Posts whose story links changed: their pages are planned too. */
  relinked: ReadonlySet<string>;
  /** Recorded inputs of the pages planned with reused inputs (sitemap parts before the change). */
  recorded: (path: string) => string | undefined;
  sitemapLimit?: number;
}

/** The moved-aside version of `post` whose output file is `path` ("-2", "-3" ...), or null. */
function placedAt(post: PostSummary, path: string): PostSummary | null {
  for (let n = 2; n < 10_000; n++) {
    const candidate = withSuffix(post, n);
    if (candidate.path === path) return candidate;
  }
  return null;
}

/**
 * The pages the layout's change reaches, in a plan whose `posts` holds (at their positions among all posts)
 * only the posts those pages show; null when a record it needs is missing.
 */
export function planRecent(input: RecentPlanInput, config: SiteConfig): PagePlan | null {
  const { layout, index, siteHash } = input;
  const posts = new Array<PostSummary>(layout.count);
  const positionOf = new Map<string, number>();
  for (const g of layout.needed) {
    const i = layout.from[g]!;
    let post: PostSummary | null | undefined;
    if (i < 0) post = layout.added[-1 - i];
    else {
      post = input.records.get(index.names[i]!);
      if (post && post.path !== index.paths[i]) post = input.movedAside.get(post.fileName) === index.paths[i] ? placedAt(post, index.paths[i]!) : null;
    }
    if (!post) return null;
    posts[g] = post;
    positionOf.set(post.fileName, g);
  }
  const keys = sourceKeys(layout.siteNames);
  const sources: SourceSummary[] = layout.siteNames.map((name, site) => {
    const list = layout.lists[site]!;
    return { name, key: keys.get(name)!, count: list.length, last: list.length === 0 ? 0 : layout.times[list[list.length - 1]!]!, posts: list };
  });
  const plan: PagePlan = { posts, movedAside: new Map(input.movedAside), sources: sortSources(sources.filter((s) => s.count > 0)), pages: [] };
  const pages = plan.pages;
  const perPage = config.paginate;
  const oldCount = layout.count - layout.added.length;
  const planListPages = (spec: ListSpec, firstChange: number, old: number): void => {
    const numbered = Math.ceil(spec.posts.length / perPage);
    pages.push(listPage(spec, plan, siteHash, perPage, 0));
    for (let n = keptListPages(firstChange, old, spec.posts.length, perPage) + 1; n <= numbered; n++) pages.push(listPage(spec, plan, siteHash, perPage, n));
  };
  const all = Array.from({ length: layout.count }, (_, g) => g);
  planListPages({ base: "", title: config.title, source: null, posts: all, feed: "feed.xml" }, layout.addedAt[0]!, oldCount);
  pages.push(...planFeeds(null, all, plan, { siteHash }));
  const alsoOf = (name: string): number[] => {
    const names = input.stories.get(name);
    if (names === undefined) return NO_STORY;
    const also: number[] = [];
    for (const other of names) {
      const g = positionOf.get(other);
      if (g === undefined) return [-1];
      also.push(g);
    }
    return also;
  };
  const postPages = new Set<number>();
  for (const source of plan.sources) {
    const change = layout.touched.get(layout.siteNames.indexOf(source.name));
    if (!change) continue;
    const list = source.posts;
    const { first, gained } = change;
    const base = `source/${source.key}/`;
    planListPages({ base, title: source.name, source: source.name, posts: list, feed: `${base}feed.xml` }, first, list.length - gained);
    pages.push(...planFeeds(source, list, plan, { siteHash }));
    // The new posts and their neighbours; none is before the first new post.
    for (let k = first; k < list.length; k++) {
      if (layout.from[list[k]!]! >= 0) continue;
      for (const at of [k - 1, k, k + 1]) if (at >= 0 && at < list.length) postPages.add(list[at]!);
    }
  }
  for (const name of input.relinked) {
    const g = positionOf.get(name);
    if (g !== undefined) postPages.add(g);
  }
  const sourceOf = new Map(plan.sources.map((s) => [s.name, s]));
  for (const g of [...postPages].sort((a, b) => a - b)) {
    const post = posts[g];
    if (!post) return null;
    const source = sourceOf.get(post.site)!;
    const also = alsoOf(post.fileName);
    if (also[0] === -1) return null;
    pages.push(postPage(plan, siteHash, source, lowerBoundNumber(source.posts, g), also));
  }
  pages.push(sourcesPage(plan, siteHash));
  // Days from the one before the first new post's; then every month, year and the archive's front page above them.
  const runs = layout.dayRuns;
  const dayEntries: ArchiveEntry[] = runs.map((run) => ({ label: run.day, path: dayPath(run.day), count: run.end - run.start }));
  const months = new Set<string>();
  for (let r = layout.firstDay; r < runs.length; r++) {
    const run = runs[r]!;
    const dayPosts: number[] = [];
    for (let g = run.end - 1; g >= run.start; g--) dayPosts.push(g);
    pages.push(dayPage(plan, siteHash, run.day, dayPosts, runs[r + 1]?.day, runs[r - 1]?.day));
    months.add(run.day.slice(0, 7));
  }
  // Every month, year and the front page are made (the sitemap lists them all); those above the planned days are planned.
  const years = new Set([...months].map((month) => month.slice(0, 4)));
  const above = archivePagesAbove(siteHash, dayEntries);
  for (const page of above) if (page.kind === "archive" && (page.title === "" || months.has(page.title) || years.has(page.title))) pages.push(page);
  // Sitemap parts wholly before the first new post are kept as recorded; only the URLs from there on are listed.
  const limit = input.sitemapLimit ?? SITEMAP_LIMIT;
  let offset = Math.floor(layout.addedAt[0]! / limit) * limit;
  for (let n = 1; n <= offset / limit; n++) if (input.recorded(`sitemap-${n}.xml`) === undefined) offset = 0;
  pages.push(...sitemapFiles(sitemapUrls(layout, index, plan, perPage, { all, above }, offset), { siteHash, sitemapLimit: limit }, layout.addedAt[0]!, input.recorded, offset));
  pages.push(searchPage(plan, siteHash));
  return plan;
}

/** The first position in `list` (ascending) not below `value`. */
function lowerBoundNumber(list: readonly number[], value: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (list[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Every URL of the sitemap, in `planPages`' order: the posts oldest first, then the lists (the whole site's, then
 * each source's in the sources page's order), the sources page, the days, the months, the years and the archive's
 * front page (`above`: every archive page above the days). A list or day gives the time of its newest post; the
 * others none. Posts before `offset` are left out. `all`: every position, the whole site's list.
 */
function sitemapUrls(layout: RecentLayout, index: PostIndex, plan: PagePlan, perPage: number, lists: { all: readonly number[]; above: readonly PlannedPage[] }, offset: number): SitemapUrl[] {
  const urls: SitemapUrl[] = [];
  for (let g = offset; g < layout.count; g++) {
    const i = layout.from[g]!;
    urls.push({ path: i >= 0 ? index.paths[i]! : layout.added[-1 - i]!.path, lastmod: layout.times[g]! });
  }
  const listUrls = (base: string, list: readonly number[]): void => {
    urls.push({ path: `${base}index.html`, lastmod: list.length === 0 ? null : layout.times[list[list.length - 1]!]! });
    const numbered = Math.ceil(list.length / perPage);
    for (let n = 1; n <= numbered; n++) urls.push({ path: `${base}page/${n}/index.html`, lastmod: layout.times[list[Math.min(n * perPage, list.length) - 1]!]! });
  };
  listUrls("", lists.all);
  for (const source of plan.sources) listUrls(`source/${source.key}/`, source.posts);
  urls.push({ path: "sources/index.html", lastmod: null });
  for (const run of layout.dayRuns) urls.push({ path: dayPath(run.day), lastmod: layout.times[run.end - 1]! });
  for (const page of lists.above) urls.push({ path: page.path, lastmod: null });
  return urls;
}

