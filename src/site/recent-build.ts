// A build whose only change is new posts near the end of the archive (the hourly case): it reads the manifest's
// summary and the months those posts reach, plans only the pages they can change (recent-plan.ts), renders
// those, and saves the months it touched. Any case it cannot handle as a full build would gives null, and the
// caller builds the whole site: before it writes anything, when the change is one it cannot place; after it
// wrote pages (listed in `written`, which the whole way renders again or removes), when the listing's stats
// find an edit. The story cache it may save by then is keyed by the posts it holds, so it stays right.
import type { ArticleHtml } from "./article-html.js";
import type { SiteConfig } from "./config.js";
import { clearPending, notePending } from "./pending-pages.js";
import { fileStamp, loadMonths, monthOf, spliceJoined, writeManifest, type ManifestSummary, type MonthContent, type PostIndex, type StoredMonth } from "./manifest.js";
import type { OutputDir } from "./output-dir.js";
import { keptArticles, keptOrReadText, type HtmlCache } from "./post-reader.js";
import type { PostSummary } from "./post-record.js";
import { layoutRecent, needPosts, planRecent, type RecentLayout } from "./recent-plan.js";
import { isPageBytes, renderPage, type RenderContext } from "./render-page.js";
import { indexAddedPosts, type SearchOutcome } from "./search-hook.js";
import { clustersOfCache, clustersOfWindow, firstTextWeek, linksOfGroups, loadStoryCache, relinkWindows, saveStoryCache, storyGroups, weekOfTime, weekStart, windowsOfTime, type StoryCache, type StoryPost } from "./story-links.js";
import type { Theme } from "./theme.js";

export interface RecentInput {
  manifestDir: string;
  postsDir: string;
  storyFile: string;
  config: SiteConfig;
  theme: Theme;
  siteHash: string;
  placeKey: string;
  summary: ManifestSummary;
  /** The new posts, read and placed. */
  added: PostSummary[];
  htmlCache: HtmlCache;
  out: OutputDir;
  outRoot: string;
  searchScripts: string[];
  toggle: boolean;
  /** Where the search index keeps its state; undefined leaves the search index as it is. */
  searchStateDir?: string;
  sitemapLimit?: number;
  /** Filled with the pages this build writes: should it then give up, the whole way renders them again. */
  written: string[];
  /** Work begun while the listing was read (`beginEarly`). */
  early?: EarlyWork;
  /** Whether the posts are as this build took them (no indexed post edited meanwhile); awaited before the search index and the save. */
  unchangedElse: () => Promise<boolean>;
}

export interface RecentOutcome {
  pages: number;
  written: number;
  posts: number;
  linked: number;
  postsRead: number;
  search: SearchOutcome;
  /** Milliseconds: links, plan, render and write, search, save. */
  phases: { stories: number; plan: number; write: number; search: number; save: number };
}

/** Records and post-page inputs of the months read so far, read a month at most once. */
export class MonthReader {
  readonly posts = new Map<string, PostSummary>();
  readonly pages = new Map<string, string>();
  readonly read = new Set<string>();
  constructor(private readonly dir: string, private readonly summary: ManifestSummary) {}

  /** Reads the months of the posts at `positions` (a new post's month is saved again); false when one cannot be read whole. */
  need(layout: RecentLayout, positions: Iterable<number>): boolean {
    const months = new Set<string>();
    for (const g of positions) months.add(monthOf(layout.days[g]!));
    return this.needMonths(months);
  }

  /** Reads `months` (those the summary names and not read yet); false when one cannot be read whole. */
  needMonths(months: Iterable<string>): boolean {
    const toRead = [...months].filter((month) => !this.read.has(month) && this.summary.months.has(month));
    if (toRead.length === 0) return true;
    if (!loadMonths(this.dir, this.summary, toRead, this.pages, this.posts)) return false;
    for (const month of toRead) this.read.add(month);
    return true;
  }
}

/** What a build of new posts needs whatever they are, begun before they are known: while `_posts/` is listed. */
export interface EarlyWork {
  /** The story cache and the stories it holds. */
  storyCache: Promise<StoryCache>;
  storyGroups: Promise<string[][]>;
  /** With the newest month read, which new posts almost always reach. */
  months: MonthReader;
  /** Story texts of posts read meanwhile (those `newsmirror run` wrote), as the cache keeps them: [hash, text]. */
  storyTexts: Map<string, [string, string]>;
}

/** Begins the work a build of new posts from `summary` needs first (`EarlyWork`). */
export function beginEarly(manifestDir: string, storyFile: string, summary: ManifestSummary): EarlyWork {
  const storyCache = loadStoryCache(storyFile);
  const groups = storyCache.then((cache) => storyGroups(clustersOfCache(cache)));
  groups.catch(() => undefined);
  const months = new MonthReader(manifestDir, summary);
  const newest = summary.index.days[summary.index.days.length - 1];
  if (newest !== undefined) months.needMonths([monthOf(newest)]);
  return { storyCache, storyGroups: groups, months, storyTexts: new Map() };
}

/** Links as one comparable string per post. */
function linkTexts(links: Map<string, string[]>): Map<string, string> {
  return new Map([...links].map(([name, others]) => [name, others.join("\n")]));
}

/** The new index: the old one with the new posts at their positions. */
function mergedIndex(index: PostIndex, layout: RecentLayout): PostIndex {
  const merged: PostIndex = {
    names: new Array<string>(layout.count), sizes: new Float64Array(layout.count), mtimes: new Float64Array(layout.count), times: layout.times,
    paths: new Array<string>(layout.count), days: layout.days, sites: layout.sites, siteNames: index.siteNames,
  };
  for (let g = 0; g < layout.count; g++) {
    const i = layout.from[g]!;
    if (i >= 0) {
      merged.names[g] = index.names[i]!;
      merged.sizes[g] = index.sizes[i]!;
      merged.mtimes[g] = index.mtimes[i]!;
      merged.paths[g] = index.paths[i]!;
    } else {
      const post = layout.added[-1 - i]!;
      merged.names[g] = post.fileName;
      merged.sizes[g] = post.size;
      merged.mtimes[g] = post.mtimeMs;
      merged.paths[g] = post.path;
    }
  }
  // What the save stores, made from what it read: the new entries spliced in.
  if (index.joined) {
    const names = spliceJoined(index.joined.names, index.names, layout.from, (j) => layout.added[j]!.fileName);
    const paths = index.joined.paths === null || layout.added.some((post) => post.path.includes("\0")) ? null : spliceJoined(index.joined.paths, index.paths, layout.from, (j) => layout.added[j]!.path);
    if (names !== null) merged.joined = { names, paths };
  }
  return merged;
}

/**
 * Builds the pages `input.added` reaches and saves what it changed; null when this change needs the whole
 * archive (see recent-plan.ts), before anything is saved.
 */
export async function buildRecent(input: RecentInput): Promise<RecentOutcome | null> {
  let clock = performance.now();
  const lap = (): number => {
    const now = performance.now();
    const ms = Math.round(now - clock);
    clock = now;
    return ms;
  };
  const { summary, config } = input;
  // A story cache saved by a build that stopped before its manifest holds links no page shows yet.
  if (!summary.otherPages || fileStamp(input.storyFile) !== summary.storyStamp) return null;
  // Brought up to date as pages are written; a copy, so the summary stays as read for the whole way.
  const otherPages = new Map(summary.otherPages);
  const layout = layoutRecent(summary.index, input.added, config);
  if (!layout) return null;
  const index = summary.index;

  // Story links: the windows the new posts fall in are computed again; every other window must be in the cache.
  const cache = await (input.early?.storyCache ?? loadStoryCache(input.storyFile));
  // Newer than any the cache has; one whose post changed since has another hash, and the post is read again.
  for (const [name, text] of input.early?.storyTexts ?? []) cache.texts[name] = text;
  const touchedWindows = new Set(layout.added.flatMap((post) => windowsOfTime(post.time)));
  let lastWeek = Number.NaN;
  for (let g = 0; g < layout.count; g++) {
    const week = weekOfTime(layout.times[g]!);
    if (week === lastWeek) continue;
    lastWeek = week;
    for (const w of windowsOfTime(layout.times[g]!)) if (!touchedWindows.has(w) && !Object.hasOwn(cache.windows, w)) return null;
  }
  // The posts of those windows and of the newest ones (whose texts the cache keeps), oldest first.
  const fromWeek = Math.min(Math.min(...touchedWindows), firstTextWeek(lastWeek));
  let storyStart = layout.count;
  while (storyStart > 0 && layout.times[storyStart - 1]! >= weekStart(fromWeek)) storyStart--;
  const storyPositions = Array.from({ length: layout.count - storyStart }, (_, k) => storyStart + k);
  const months = input.early?.months ?? new MonthReader(input.manifestDir, summary);
  if (!months.need(layout, [...layout.needed, ...storyPositions])) return null;
  const recordAt = (g: number): PostSummary | undefined => {
    const i = layout.from[g]!;
    return i < 0 ? layout.added[-1 - i] : months.posts.get(index.names[i]!);
  };
  const storyPosts: StoryPost[] = [];
  for (const g of storyPositions) {
    const post = recordAt(g);
    if (!post) return null;
    storyPosts.push({ fileName: post.fileName, site: post.site, time: post.time, hash: post.hash });
  }
  const readHtml = (fileName: string): Promise<string> => keptOrReadText(input.htmlCache, input.postsDir, fileName);
  const relinked = await relinkWindows(storyPosts, cache, readHtml, touchedWindows);
  // A window left out of the cache (a member could not be read) has clusters the links below would miss.
  // (Every touched window has members: the new post it came from is among `storyPosts`.)
  for (const w of touchedWindows) if (!Object.hasOwn(relinked.cache.windows, w)) return null;
  // The stories whose links can have changed (those holding a post of the new posts' windows, before or after),
  // and those of the posts whose pages are planned anyway: the new posts and their neighbours.
  const plannedNames = new Set(layout.added.map((post) => post.fileName));
  for (const g of layout.addedAt) {
    const list = layout.lists[layout.sites[g]!]!;
    const k = list.indexOf(g);
    for (const near of [list[k - 1], list[k + 1]]) if (near !== undefined && layout.from[near]! >= 0) plannedNames.add(index.names[layout.from[near]!]!);
  }
  const touchedNames = new Set(plannedNames);
  for (const w of touchedWindows) for (const cluster of [...clustersOfWindow(cache, w), ...clustersOfWindow(relinked.cache, w)]) for (const name of cluster) touchedNames.add(name);
  const affected = new Set<string>();
  const oldGroups = await (input.early?.storyGroups ?? storyGroups(clustersOfCache(cache)));
  const newGroups = storyGroups(clustersOfCache(relinked.cache));
  for (const group of [...oldGroups, ...newGroups]) if (group.some((name) => touchedNames.has(name))) for (const name of group) affected.add(name);
  // Their members' positions: one pass over the index for the old ones.
  const positions = new Map(layout.added.map((post, j) => [post.fileName, layout.addedAt[j]!]));
  if (affected.size > 0) index.names.forEach((name, i) => affected.has(name) && positions.set(name, layout.oldAt[i]!));
  const members: StoryPost[] = [...affected].flatMap((name) => {
    const g = positions.get(name);
    return g === undefined ? [] : [{ fileName: name, site: "", time: layout.times[g]!, hash: "" }];
  });
  const oldLinks = linkTexts(linksOfGroups(oldGroups, members));
  const links = linksOfGroups(newGroups, members);
  const newLinks = linkTexts(links);
  const changedLinks = new Set<string>();
  for (const [name, text] of newLinks) if (oldLinks.get(name) !== text) changedLinks.add(name);
  for (const name of oldLinks.keys()) if (!newLinks.has(name)) changedLinks.add(name);
  // A post whose links changed is planned again: it, its neighbours and the posts it links to; a planned post
  // shows the members of its story.
  const relinkedAt: number[] = [];
  for (const name of [...changedLinks, ...plannedNames]) {
    const g = positions.get(name);
    if (g !== undefined && changedLinks.has(name)) relinkedAt.push(g);
    for (const other of links.get(name) ?? []) {
      const at = positions.get(other);
      if (at !== undefined) layout.needed.add(at);
    }
  }
  // Every post in a story with others (a story's members all exist: no post went).
  const linked = newGroups.reduce((sum, group) => (group.length > 1 ? sum + group.length : sum), 0);
  needPosts(layout, relinkedAt);
  if (!months.need(layout, layout.needed)) return null;
  const stories = lap();

  const recorded = (path: string): string | undefined => otherPages.get(path) ?? months.pages.get(path);
  const plan = planRecent({ layout, index, records: months.posts, movedAside: summary.movedAside, siteHash: input.siteHash, stories: links, relinked: changedLinks, recorded, sitemapLimit: input.sitemapLimit }, config);
  if (!plan) return null;
  const planned = lap();

  // Every check is behind: from here on this build writes.
  if (relinked.windowsComputed > 0) {
    try {
      await saveStoryCache(input.storyFile, relinked.cache);
    } catch (error) {
      throw Object.assign(error as Error, { saving: input.storyFile });
    }
  }
  // The feeds of a source show the same 50 posts in three formats: each post is read once.
  const articles = new Map<string, Promise<ArticleHtml>>();
  const kept = keptArticles(input.htmlCache, input.postsDir);
  const ctx: RenderContext = {
    plan, config, theme: input.theme,
    loadHtml: async (post) => {
      let html = articles.get(post.fileName);
      if (html === undefined) articles.set(post.fileName, (html = kept.loadHtml(post)));
      return html;
    },
    takeHtml: kept.takeHtml,
    searchScripts: input.searchScripts, toggle: input.toggle,
    // No listed post changed (an edit found later sends the build the whole way, which renders these again).
    lastFeed: (path) => input.out.read(path),
  };
  let written = 0;
  let pageCount = summary.pageCount;
  const toRender = plan.pages.filter((page) => recorded(page.path) !== page.inputs);
  notePending(input.manifestDir, toRender.map((page) => page.path));
  for (const page of toRender) {
    const before = recorded(page.path);
    if (before === undefined) pageCount++;
    const bytes = await renderPage(ctx, page);
    input.written.push(page.path);
    if (isPageBytes(bytes)) await input.out.write(page.path, bytes);
    else await input.out.copy(page.path, bytes.file);
    if (page.kind === "post") months.pages.set(page.path, page.inputs);
    else otherPages.set(page.path, page.inputs);
    written++;
  }
  const wrote = lap();

  // An indexed post edited after all (the listing's stats come last): the whole archive is read, and the pages
  // written here are among those it writes.
  if (!(await input.unchangedElse())) return null;
  let search: SearchOutcome = { ran: false };
  if (input.searchStateDir !== undefined) {
    const indexed = await indexAddedPosts(layout.added, { postsDir: input.postsDir, out: input.out, stateDir: input.searchStateDir });
    // No usable search state: the pages written are what a full build writes, and it indexes every post.
    if (indexed === null) return null;
    search = indexed;
  }
  const searched = lap();

  const storyStamp = fileStamp(input.storyFile);
  try {
    writeManifest(input.manifestDir, {
      out: input.outRoot, placeKey: input.placeKey, siteHash: input.siteHash, movedAside: summary.movedAside, linked,
      index: mergedIndex(index, layout), otherPages, pageCount, months: monthParts(layout, summary, months), postPages: months.pages, before: summary.months, storyStamp,
    });
  } catch (error) {
    throw Object.assign(error as Error, { saving: input.manifestDir });
  }
  clearPending(input.manifestDir);
  return {
    pages: pageCount, written, posts: layout.count, linked, postsRead: relinked.postsRead, search,
    phases: { stories, plan: planned, write: wrote, search: searched, save: lap() },
  };
}

/** Each month's part of the save: the months read (their content, brought up to date) and the new ones; the rest kept. */
function monthParts(layout: RecentLayout, summary: ManifestSummary, months: MonthReader): Map<string, StoredMonth | MonthContent> {
  const parts = new Map<string, StoredMonth | MonthContent>(summary.months);
  const contents = new Map<string, MonthContent>();
  // By runs of one day (every position, in order): a month is looked up once a day, not once a post.
  for (const { day, start, end } of layout.dayRuns) {
    const month = monthOf(day);
    if (summary.months.has(month) && !months.read.has(month)) continue;
    let content = contents.get(month);
    if (!content) contents.set(month, (content = { posts: [] }));
    for (let g = start; g < end; g++) {
      const i = layout.from[g]!;
      if (i < 0) {
        const post = layout.added[-1 - i]!;
        content.posts.push({ post, page: post.path });
      } else content.posts.push({ post: months.posts.get(summary.index.names[i]!)!, page: summary.index.paths[i]! });
    }
  }
  for (const [month, content] of contents) parts.set(month, content);
  return parts;
}
