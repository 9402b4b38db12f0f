// "Also reported by" links between posts of one story (issue 4), found per fixed time window and cached per window.
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { DEFAULT_CLUSTER_OPTIONS, findPreparedStoryClusters, SignatureMemo, storySentences } from "../content/index.js";
import { forEachLimited } from "./post-reader.js";
import { visibleText } from "./visible-text.js";

/** What the links need of a post; `hash` changes whenever the post's text may have changed. */
export interface StoryPost {
  fileName: string;
  site: string;
  /** Epoch ms; a post without a time (NaN) is never linked. */
  time: number;
  hash: string;
}

/** Plain JSON data kept between builds. */
export interface StoryCache {
  version: number;
  /** Window number to the key of its members and the clusters (fileNames) found among them. */
  windows: Record<string, { key: string; clusters: string[][] }>;
  /** fileName to [post hash, its `storySentences` joined by "\n"], for the posts of the newest windows only. */
  texts: Record<string, [string, string]>;
}

export interface StoryLinks {
  /** For each post in a cluster, the other members' fileNames by time, then fileName. */
  links: Map<string, string[]>;
  cache: StoryCache;
  /** Windows whose clusters were computed again; when 0, `cache` holds what the given cache held (no need to save). */
  windowsComputed: number;
  /** Posts whose HTML was read (the others' windows were reused, or their text was in the cache). */
  postsRead: number;
}

/** Bumped whenever the window key, the text preparation or the cluster method changes: older caches are dropped. */
const CACHE_VERSION = 1;
const WEEK_MS = 7 * 86_400_000;
/**
 * Window w covers weeks w and w + 1, so two posts at most 7 days apart (findStoryClusters' `maxDaysApart`) always
 * share a window, and a window's clusters depend on its members only: an incremental build equals a full one.
 */
const WINDOW_WEEKS = 2;
/** Texts of posts in this many newest windows are kept: new posts land there, so an hourly build reads only them. */
const TEXT_WINDOWS = 3;
const READ_CONCURRENCY = 16;
/** storySentences reads the first 2,500 characters; text past this is never needed, so long pages are cut short. */
const TEXT_CHARS = 2500;
const HTML_CHUNK = 4096;
/** Elements whose text is not the article's (HTML Living Standard 4.12: script data; CSS; fallback content). */
const HIDDEN = new Set(["script", "style", "noscript", "template", "svg", "math", "iframe", "object"]);
/** Elements that end a line of text: their edges are sentence breaks, as a reader sees them. */
const BLOCK = new Set(["p", "div", "br", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "td", "th",
  "table", "ul", "ol", "dl", "section", "article", "aside", "header", "footer", "figure", "figcaption", "hr", "address", "caption"]);

/** Records keyed by file names have no prototype, so a post named "__proto__" is only a key. */
export function emptyStoryCache(): StoryCache {
  return { version: CACHE_VERSION, windows: Object.create(null) as StoryCache["windows"], texts: Object.create(null) as StoryCache["texts"] };
}

/** `record[key]` if the record itself has it (a cache read from JSON inherits Object.prototype's names). */
function own<T>(record: Record<string, T>, key: string | number): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** The plain text of article HTML: tags dropped, entities decoded, script/style ignored, blocks on their own line. */
export function storyTextOfHtml(html: string): string {
  return visibleText(html, { hidden: HIDDEN, breaks: BLOCK, separator: "\n", limit: { chars: TEXT_CHARS, chunk: HTML_CHUNK } });
}

/** What the links compare of an article (`storySentences` of its text). */
function sentencesOfHtml(html: string): string[] {
  return storySentences(storyTextOfHtml(html));
}

/** A post's entry in `StoryCache.texts`, from its sentences. */
const textEntry = (hash: string, sentences: readonly string[]): [string, string] => [hash, sentences.join("\n")];
const sentencesOfEntry = (entry: [string, string]): string[] => (entry[1] === "" ? [] : entry[1].split("\n"));

/**
 * A post's entry in `StoryCache.texts` from its HTML, as a build that reads it makes it: for the text of a post
 * read before the build (`prepareStoryText`), which the build takes when the post's hash is still `hash`.
 */
export function storyTextEntry(hash: string, html: string): [string, string] {
  return textEntry(hash, sentencesOfHtml(html));
}

/** The story cache in a mirror. */
export const STORY_FILE = join(".newsmirror", "story-links.json");

/** The cache at `file`; missing, unreadable, malformed or of another version gives an empty cache. */
export async function loadStoryCache(file: string): Promise<StoryCache> {
  try {
    const data: unknown = JSON.parse(await readFile(file, "utf8"));
    return isStoryCache(data) ? data : emptyStoryCache();
  } catch {
    return emptyStoryCache();
  }
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

function isStoryCache(data: unknown): data is StoryCache {
  if (typeof data !== "object" || data === null) return false;
  const { version, windows, texts } = data as Record<string, unknown>;
  if (version !== CACHE_VERSION || typeof windows !== "object" || windows === null || typeof texts !== "object" || texts === null) return false;
  const windowsOk = Object.values(windows).every((w: unknown) => {
    const { key, clusters } = (w ?? {}) as Record<string, unknown>;
    return typeof key === "string" && Array.isArray(clusters) && clusters.every(isStringArray);
  });
  return windowsOk && Object.values(texts).every((t: unknown) => isStringArray(t) && t.length === 2);
}

/** Writes the cache through a temporary file and a rename, so a crash leaves the old cache or the new one. */
export async function saveStoryCache(file: string, cache: StoryCache): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(cache));
  await rename(temp, file);
}

/** A week's posts in the order the cluster method sees them, and a digest of what of them the clusters depend on. */
interface Week {
  posts: StoryPost[];
  digest: string;
}

/** The week (counted from the epoch) a time in epoch ms falls in. */
export const weekOfTime = (time: number): number => Math.floor(time / WEEK_MS);
const weekOf = (post: StoryPost): number => weekOfTime(post.time);
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
/** findStoryClusters keeps the first 64 posts of an LSH bucket, so a window's order must depend on its members only. */
const byFileName = (a: StoryPost, b: StoryPost): number =>
  compareText(a.fileName, b.fileName) || compareText(a.hash, b.hash) || compareText(a.site, b.site) || a.time - b.time;

/**
 * Posts with a time, by week, each week sorted and hashed once per build (input already in fileName order, as the
 * site's scan gives it, sorts in linear time). Of posts given twice under one fileName in a week, the first by
 * `byFileName` is kept; fileNames are paths under `_posts/`, so that only happens when the caller errs.
 */
function postsByWeek(posts: readonly StoryPost[]): Map<number, Week> {
  const lists = new Map<number, StoryPost[]>();
  for (const post of posts) {
    if (!Number.isFinite(post.time)) continue;
    const list = lists.get(weekOf(post));
    if (list === undefined) lists.set(weekOf(post), [post]);
    else list.push(post);
  }
  const weeks = new Map<number, Week>();
  for (const [week, list] of lists) {
    list.sort(byFileName);
    const unique = list.filter((post, i) => i === 0 || (list[i - 1] as StoryPost).fileName !== post.fileName);
    const digest = createHash("sha1").update(unique.map((p) => `${p.fileName}\0${p.hash}\0${p.site}\0${p.time}`).join("\n")).digest("base64url");
    weeks.set(week, { posts: unique, digest });
  }
  return weeks;
}

/** Window w: weeks w and w + 1, its members in that order, keyed by both weeks' digests. */
function windowsOf(weeks: Map<number, Week>): Array<{ w: number; members: StoryPost[]; key: string }> {
  const numbers = new Set<number>();
  for (const week of weeks.keys()) for (const w of windowsOfWeek(week)) numbers.add(w);
  return [...numbers].sort((a, b) => a - b).map((w) => {
    const parts = Array.from({ length: WINDOW_WEEKS }, (_, i) => weeks.get(w + i));
    return { w, members: parts.flatMap((part) => part?.posts ?? []), key: parts.map((part) => part?.digest ?? "-").join("/") };
  });
}

/**
 * Links the posts that carry one story, reusing every window whose members are unchanged since `cache`.
 * A post whose HTML cannot be read counts as having no text; its windows are then not cached, so they are retried.
 * @example const { links, cache } = await linkStories(posts, await loadStoryCache(file), (name) => readPostHtml(postsDir, name));
 */
export async function linkStories(posts: readonly StoryPost[], cache: StoryCache, readHtml: (fileName: string) => Promise<string>): Promise<StoryLinks> {
  const weeks = postsByWeek(posts);
  const next = emptyStoryCache();
  const found = await computeWindows(weeks, windowsOf(weeks), cache, next, readHtml);
  return { links: linksOfClusters(found.clusters, posts), cache: next, windowsComputed: found.windowsComputed, postsRead: found.postsRead };
}

/**
 * The cache with windows `only` found again among `posts` (which must hold every post of those windows' weeks and
 * of the newest windows, whose texts the cache keeps); every other window is kept as `cache` has it. For a build
 * whose only change is new posts: the windows they fall in are the only ones whose members changed.
 */
export async function relinkWindows(posts: readonly StoryPost[], cache: StoryCache, readHtml: (fileName: string) => Promise<string>, only: ReadonlySet<number>): Promise<Omit<StoryLinks, "links">> {
  const weeks = postsByWeek(posts);
  const next = emptyStoryCache();
  for (const [w, window] of Object.entries(cache.windows)) if (!only.has(Number(w))) next.windows[w] = window;
  const found = await computeWindows(weeks, windowsOf(weeks).filter((window) => only.has(window.w)), cache, next, readHtml);
  return { cache: next, windowsComputed: found.windowsComputed, postsRead: found.postsRead };
}

/** The windows a post at `time` (epoch ms) is a member of. */
export function windowsOfTime(time: number): number[] {
  return windowsOfWeek(weekOfTime(time));
}

/** The windows that cover week `week`: each window covers its own week and the next. */
function windowsOfWeek(week: number): number[] {
  return Array.from({ length: WINDOW_WEEKS }, (_, i) => week - WINDOW_WEEKS + 1 + i);
}

/** The first time (epoch ms) of week `week`, and the weeks whose texts the cache keeps after window `newest`. */
export const weekStart = (week: number): number => week * WEEK_MS;
export const firstTextWeek = (newestWindow: number): number => newestWindow - TEXT_WINDOWS + 1;

/** The clusters window `w` holds in `cache` (none when it holds no such window). */
export function clustersOfWindow(cache: StoryCache, w: number): string[][] {
  return own(cache.windows, w)?.clusters ?? [];
}

/** The stories clusters make when joined (union-find), each its members' file names, one group a story. */
export function storyGroups(clusters: readonly string[][]): string[][] {
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root)!;
    for (let at = id; at !== root; ) {
      const up = parent.get(at)!;
      parent.set(at, root);
      at = up;
    }
    return root;
  };
  for (const cluster of clusters) {
    for (const id of cluster) if (!parent.has(id)) parent.set(id, id);
    for (const id of cluster.slice(1)) {
      const a = find(cluster[0]!);
      const b = find(id);
      if (a !== b) parent.set(b, a);
    }
  }
  const groups = new Map<string, string[]>();
  for (const id of parent.keys()) {
    const root = find(id);
    const group = groups.get(root);
    if (group) group.push(id);
    else groups.set(root, [id]);
  }
  return [...groups.values()];
}

/** Every cluster the cache holds, window by window. */
export function clustersOfCache(cache: StoryCache): string[][] {
  return Object.values(cache.windows).flatMap((window) => window.clusters);
}

/**
 * Finds the clusters of `windows` into `next` (reusing those `cache` has for the same members) and the texts of
 * the newest windows' posts; returns every cluster found or reused.
 */
async function computeWindows(weeks: Map<number, Week>, windows: Array<{ w: number; members: StoryPost[]; key: string }>, cache: StoryCache, next: StoryCache, readHtml: (fileName: string) => Promise<string>): Promise<{ clusters: string[][]; windowsComputed: number; postsRead: number }> {
  // The newest window is the newest week's (weeks before 1970 are negative).
  let newestWindow = weeks.size === 0 ? 0 : -Infinity;
  for (const week of weeks.keys()) newestWindow = Math.max(newestWindow, week);
  const keepsText = (post: StoryPost): boolean => weekOf(post) >= firstTextWeek(newestWindow);
  const sentencesOf = new Map<string, string[]>();
  const unreadable = new Set<string>();
  const clusters: string[][] = [];
  let windowsComputed = 0;
  let postsRead = 0;
  // Windows come in order, and each shares a week with the next.
  const memo = new SignatureMemo();
  for (const { w, members, key } of windows) {
    const cached = own(cache.windows, w);
    if (cached !== undefined && cached.key === key) {
      next.windows[w] = cached;
      clusters.push(...cached.clusters);
      continue;
    }
    windowsComputed++;
    const toRead: StoryPost[] = [];
    for (const post of members) {
      if (sentencesOf.has(post.fileName)) continue;
      const text = own(cache.texts, post.fileName);
      if (text !== undefined && text[0] === post.hash) sentencesOf.set(post.fileName, sentencesOfEntry(text));
      else toRead.push(post);
    }
    await forEachLimited(toRead, READ_CONCURRENCY, async (post) => {
      postsRead++;
      try {
        sentencesOf.set(post.fileName, sentencesOfHtml(await readHtml(post.fileName)));
      } catch {
        sentencesOf.set(post.fileName, []);
        unreadable.add(post.fileName);
      }
    });
    const docs = members.map((p) => ({ id: p.fileName, site: p.site, time: p.time, sentences: sentencesOf.get(p.fileName) ?? [] }));
    const found = findPreparedStoryClusters(docs, DEFAULT_CLUSTER_OPTIONS, memo);
    if (!members.some((p) => unreadable.has(p.fileName))) next.windows[w] = { key, clusters: found };
    clusters.push(...found);
    // Window w + 1 covers weeks w + 1 and w + 2: the texts of week w are needed again only for the text cache.
    for (const post of members) if (weekOf(post) === w && !keepsText(post)) sentencesOf.delete(post.fileName);
  }
  for (const [week, { posts: weekPosts }] of weeks) {
    if (week < firstTextWeek(newestWindow)) continue;
    for (const post of weekPosts) {
      if (unreadable.has(post.fileName)) continue;
      const sentences = sentencesOf.get(post.fileName);
      const old = own(cache.texts, post.fileName);
      if (sentences !== undefined) next.texts[post.fileName] = textEntry(post.hash, sentences);
      else if (old !== undefined && old[0] === post.hash) next.texts[post.fileName] = old;
    }
  }
  return { clusters, windowsComputed, postsRead };
}

/** Clusters found in overlapping windows, joined (union-find), as each member's list of the others. */
function linksOfClusters(clusters: readonly string[][], posts: readonly StoryPost[]): Map<string, string[]> {
  return linksOfGroups(storyGroups(clusters), posts);
}

/** Each post's story (`storyGroups`) as its list of the other members among `posts` that have a time, by time, then fileName. */
export function linksOfGroups(groups: readonly string[][], posts: readonly StoryPost[]): Map<string, string[]> {
  const byName = new Map<string, StoryPost>();
  for (const post of posts) if (Number.isFinite(post.time) && !byName.has(post.fileName)) byName.set(post.fileName, post);
  const links = new Map<string, string[]>();
  for (const names of groups) {
    const group = names.flatMap((name) => byName.get(name) ?? []);
    if (group.length < 2) continue;
    group.sort((a, b) => a.time - b.time || (a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0));
    for (const post of group) links.set(post.fileName, group.filter((other) => other !== post).map((other) => other.fileName));
  }
  return links;
}
