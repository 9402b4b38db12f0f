// What the last build wrote (`.newsmirror/site/`): each file's input hash, and the posts it read, so the next
// build rereads only changed posts and rewrites only changed pages.
//
// At 100,000 posts all of it is about 85 MB, more than an hourly build may read or write. So it is kept in parts:
// - one file per month of posts (`month-2024-05-<id>.bin`): the records of the posts whose day is in that month
//   and the input hashes of their pages;
// - a summary (`summary.bin`): the settings, an index of every post (file, size, mtime, time, source, place),
//   the input hashes of the other pages (lists, days, feeds: about 6,000 at 100,000 posts) and, for each month
//   file, a fingerprint of what it holds.
// A save rewrites the months whose fingerprint changed, then the summary. Month files get a new name each time
// they are written and the summary names the ones it goes with, so the summary's rename is the one step that
// commits a save: a kill before it leaves the last build's parts, whole. Files no summary names are removed by
// the next save.
//
// The parts are in V8's serialization format (node:v8), in frames of a few thousand rows, which load about three
// times faster than JSON (the UTF-8 of CJK titles and paths is most of a JSON decode). It is a cache: parts this
// Node cannot read are ignored like missing ones, and the next build is a full one.
import { createHash, randomBytes } from "node:crypto";
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import { deserialize, serialize } from "node:v8";
import type { PostRecord, PostSummary } from "./post-record.js";

/** Bumped when the manifest's meaning changes; an older one is ignored (a full build follows). */
const MANIFEST_VERSION = 7;
const SUMMARY_FILE = "summary.bin";
/** Where the manifest lives in a mirror. */
export const MANIFEST_DIR = join(".newsmirror", "site");
/** Rows per frame: no part of 100,000 posts is ever one 85 MB value in memory. */
const ROWS_PER_FRAME = 2000;

export interface SiteManifest {
  /** Absolute output folder the pages were written to. */
  out: string;
  /** Settings key the posts' `url`/`path`/`day` were computed with. */
  placeKey: string;
  /** Hash of the settings and theme the pages were rendered with. */
  siteHash: string;
  /** Site path to the hash of the inputs it was rendered from. */
  pages: Map<string, string>;
  /** Posts by file name, with their placement under `placeKey`. */
  posts: Map<string, PostSummary>;
  /** Posts the plan moved aside from a clashing permalink: file name to output file (`PagePlan.movedAside`). */
  movedAside: Map<string, string>;
  /** The month files this manifest was read from, so a save rewrites only the months that changed. */
  stored?: Map<string, StoredMonth>;
}

/** A month file as the summary names it. */
export interface StoredMonth {
  file: string;
  /** Hash of the month's posts and their pages' inputs (`monthFingerprint`). */
  fingerprint: string;
  posts: number;
  pages: number;
}

/**
 * Every post of the last build in its placed order (time, then file name), as columns: enough to tell which
 * files are new, edited or gone without reading any month file.
 */
export interface PostIndex {
  names: string[];
  sizes: Float64Array;
  mtimes: Float64Array;
  times: Float64Array;
  /** Output file of each post's page (after any move aside). */
  paths: string[];
  days: string[];
  /** Index into `siteNames`. */
  sites: Uint32Array;
  siteNames: string[];
  /**
   * `names` and `paths` joined by NUL as the summary stores them, when known (the index was read, or made from one
   * read by `spliceJoined`): at 100,000 posts joining them again took 40 to 60 ms of a build of new posts.
   */
  joined?: { names: string; paths: string | null };
}

/**
 * The index as stored: names and paths each one string joined by NUL (a file name cannot hold one), days as
 * runs. At 100,000 posts, 300,000 short strings took 0.1 s to read back, and were read by two threads.
 */
interface PackedIndex {
  names: string;
  /** Joined by NUL, or (a path with a NUL in it, from a category) the list itself. */
  paths: string | string[];
  days: Array<[string, number]>;
  sizes: Float64Array;
  mtimes: Float64Array;
  times: Float64Array;
  sites: Uint32Array;
  siteNames: string[];
}

function packIndex(index: PostIndex): PackedIndex {
  const days: Array<[string, number]> = [];
  for (const day of index.days) {
    const last = days[days.length - 1];
    if (last?.[0] === day) last[1]++;
    else days.push([day, 1]);
  }
  const joinedPaths = index.joined ? index.joined.paths : index.paths.some((path) => path.includes("\0")) ? null : index.paths.join("\0");
  return { names: index.joined?.names ?? index.names.join("\0"), paths: joinedPaths ?? index.paths, days, sizes: index.sizes, mtimes: index.mtimes, times: index.times, sites: index.sites, siteNames: index.siteNames };
}

/**
 * `joined` (the NUL-joined list `old`) with other entries put among them, without joining it all again: `from[g]`
 * is the old entry at position g (its index in `old`), or -1 - j for the new entry `added(j)`. Every old entry
 * must come once, in order; null when not.
 */
export function spliceJoined(joined: string, old: readonly string[], from: ArrayLike<number>, added: (j: number) => string): string | null {
  const parts: string[] = [];
  let next = 0;
  let at = 0;
  let runFrom = -1;
  for (let g = 0; g < from.length; g++) {
    const i = from[g]!;
    if (i >= 0) {
      if (i !== next) return null;
      if (runFrom < 0) runFrom = at;
      at += old[i]!.length + 1;
      next++;
      continue;
    }
    if (runFrom >= 0) parts.push(joined.slice(runFrom, at - 1));
    runFrom = -1;
    parts.push(added(-1 - i));
  }
  if (next !== old.length) return null;
  if (runFrom >= 0) parts.push(joined.slice(runFrom, at - 1));
  return parts.join("\0");
}

function unpackIndex(packed: PackedIndex | undefined): PostIndex | null {
  if (typeof packed?.names !== "string" || !(packed.sizes instanceof Float64Array)) return null;
  const count = packed.sizes.length;
  const split = (joined: string): string[] => (count === 0 ? [] : joined.split("\0"));
  const names = split(packed.names);
  const paths = typeof packed.paths === "string" ? split(packed.paths) : packed.paths;
  const days: string[] = [];
  for (const [day, run] of packed.days) for (let k = 0; k < run; k++) days.push(day);
  if (names.length !== count || paths.length !== count || days.length !== count) return null;
  const joined = { names: packed.names, paths: typeof packed.paths === "string" ? packed.paths : null };
  return { names, paths, days, sizes: packed.sizes, mtimes: packed.mtimes, times: packed.times, sites: packed.sites, siteNames: packed.siteNames, joined };
}

/** The summary's first frame. */
interface SummaryHeader {
  version: number;
  /** Random, new with each save: tells one save's summary from another's. */
  saved: string;
  out: string;
  placeKey: string;
  siteHash: string;
  movedAside: Array<[string, string]>;
  months: Array<[string, StoredMonth]>;
  /** Pages of the whole site (post pages included) and the other pages, which follow the index. */
  pageCount: number;
  otherPages: number;
  /** Posts in a story with others, at that build (for a report of a build that changed nothing). */
  linked: number;
  /** The story cache this save goes with (`fileStamp`): a cache saved by a build that then stopped is another. */
  storyStamp: string;
}

/** What a build that may change little reads first: the settings and the index, no month file. */
export interface ManifestSummary {
  /** Which save this is (a random id). */
  saved: string;
  out: string;
  placeKey: string;
  siteHash: string;
  pageCount: number;
  linked: number;
  storyStamp: string;
  index: PostIndex;
  movedAside: Map<string, string>;
  months: Map<string, StoredMonth>;
  /** The recorded pages that are not post pages (unless `loadSummary` was told not to read them). */
  otherPages?: Map<string, string>;
}

/** The size in bytes of the summary in `dir`; 0 when there is none (or `dir` is not a folder). */
export function summarySize(dir: string): number {
  try {
    return statSync(join(dir, SUMMARY_FILE), { throwIfNoEntry: false })?.size ?? 0;
  } catch {
    return 0;
  }
}

/** The summary's `fileStamp`: a summary loaded after it was taken is the one on disk while the stamp stays. */
export function summaryStamp(dir: string): string {
  return fileStamp(join(dir, SUMMARY_FILE));
}

/** The month file of a day "2024-05-17": "2024-05"; days that are no date share "other". */
export function monthOf(day: string): string {
  return /^\d{4}-\d{2}-/.test(day) ? day.slice(0, 7) : "other";
}

type PostRow = [string, number, number, string, number, string, string, string, number, string[], string, string, string | null, string, string];

/**
 * The permalink most posts have: their output folder, percent-encoded. Only a guess (native `encodeURI`, not
 * Jekyll's escaping): a post whose real URL differs keeps it in its row.
 */
function urlOfPath(path: string): string {
  try {
    return `/${encodeURI(path.endsWith("index.html") ? path.slice(0, -"index.html".length) : path)}`;
  } catch {
    return "";
  }
}

function toRow(p: PostSummary): PostRow {
  // Most URLs are derived from the path (a third of a row, CJK as %XX), so only the others are kept.
  const url = p.url !== urlOfPath(p.path) ? p.url : null;
  return [p.fileName, p.size, p.mtimeMs, p.title, p.time, p.author, p.site, p.from, p.comments ? 1 : 0, p.categories, p.lang, p.hash, url, p.path, p.day];
}

function fromRow(row: PostRow): PostSummary {
  const [fileName, size, mtimeMs, title, time, author, site, from, comments, categories, lang, hash, url, path, day] = row;
  return { fileName, size, mtimeMs, title, time, author, site, from, comments: comments === 1, categories, lang, hash, url: url ?? urlOfPath(path), path, day };
}

export function emptyManifest(out: string): SiteManifest {
  return { out, placeKey: "", siteHash: "", pages: new Map(), posts: new Map(), movedAside: new Map() };
}

/** Each frame: its length (4 bytes, little-endian), then one V8-serialized value. */
function* framesOf(buffer: Buffer): Generator<unknown> {
  for (let at = 0; at < buffer.length;) {
    const length = buffer.readUInt32LE(at);
    if (at + 4 + length > buffer.length) throw new Error("truncated manifest");
    yield deserialize(buffer.subarray(at + 4, at + 4 + length));
    at += 4 + length;
  }
}

/** Frames [kind, items] of ROWS_PER_FRAME rows each, each row's items laid out flat. */
function* framesOfRows<T>(kind: "g" | "p", rows: Iterable<T>, itemsOf: (row: T) => unknown[]): Generator<unknown> {
  let items: unknown[] = [];
  let count = 0;
  for (const row of rows) {
    items.push(...itemsOf(row));
    if (++count === ROWS_PER_FRAME) {
      yield [kind, items];
      items = [];
      count = 0;
    }
  }
  if (count > 0) yield [kind, items];
}

/** Writes `frames` to `file` and syncs it, so a summary renamed after it never names unwritten data. */
function writeFrames(file: string, frames: Iterable<unknown>): void {
  const handle = openSync(file, "w");
  try {
    for (const value of frames) {
      const bytes = serialize(value);
      const length = Buffer.alloc(4);
      length.writeUInt32LE(bytes.length);
      writeSync(handle, length);
      writeSync(handle, bytes);
    }
    fsyncSync(handle);
  } finally {
    closeSync(handle);
  }
}

/** Pages come as flat [path, inputs, path, inputs, ...] frames ("g"), posts as frames of rows ("p"). */
function readRowFrames(frames: Iterator<unknown>, pages: Map<string, string>, posts?: Map<string, PostSummary>): void {
  for (let next = frames.next(); !next.done; next = frames.next()) {
    const [kind, items] = next.value as ["g", string[]] | ["p", PostRow[]];
    if (kind === "g") for (let i = 0; i < items.length; i += 2) pages.set(items[i]!, items[i + 1]!);
    else if (posts) for (const row of items) posts.set(row[0], fromRow(row));
  }
}

function readSummary(dir: string): { header: SummaryHeader; index: PostIndex; frames: Iterator<unknown> } | null {
  try {
    const frames = framesOf(readFileSync(join(dir, SUMMARY_FILE)));
    const header = frames.next().value as SummaryHeader;
    if (header?.version !== MANIFEST_VERSION) return null;
    const index = unpackIndex(frames.next().value as PackedIndex);
    if (!index) return null;
    return { header, index, frames };
  } catch {
    return null;
  }
}

/**
 * The summary alone (settings, the post index and, `withPages`, the pages other than post pages: about 6,000
 * at 100,000 posts); null when missing, unreadable or of another version.
 */
export function loadSummary(dir: string, withPages = true): ManifestSummary | null {
  const read = readSummary(dir);
  if (!read) return null;
  const { header, index, frames } = read;
  const summary: ManifestSummary = {
    saved: header.saved, out: header.out, placeKey: header.placeKey, siteHash: header.siteHash, pageCount: header.pageCount, linked: header.linked, storyStamp: header.storyStamp, index,
    movedAside: new Map(header.movedAside), months: new Map(header.months),
  };
  if (withPages) {
    try {
      summary.otherPages = new Map();
      readRowFrames(frames, summary.otherPages);
      if (summary.otherPages.size !== header.otherPages) return null;
    } catch {
      return null;
    }
  }
  return summary;
}

/** Adds the posts and post pages of `months` (keys of `summary.months`) to the maps; false when one cannot be read whole. */
export function loadMonths(dir: string, summary: ManifestSummary, months: Iterable<string>, pages: Map<string, string>, posts: Map<string, PostSummary>): boolean {
  try {
    for (const month of months) {
      const stored = summary.months.get(month);
      if (stored && !readMonth(dir, month, stored, pages, posts)) return false;
    }
    return true;
  } catch {
    return false;
  }
}

/** Adds a month file's posts and pages to the maps; false when it is not the file the summary names, whole. */
function readMonth(dir: string, month: string, stored: StoredMonth, pages: Map<string, string>, posts: Map<string, PostSummary>): boolean {
  const monthFrames = framesOf(readFileSync(join(dir, stored.file)));
  const first = monthFrames.next().value as { version: number; month: string } | undefined;
  if (first?.version !== MANIFEST_VERSION || first.month !== month) return false;
  const pagesBefore = pages.size;
  const postsBefore = posts.size;
  readRowFrames(monthFrames, pages, posts);
  // A month cut short would drop pages from the record, and their files would never be removed.
  return pages.size - pagesBefore === stored.pages && posts.size - postsBefore === stored.posts;
}

/**
 * Reads the whole manifest from `dir`: its summary (`summary`, when the caller has read it already, with its
 * other pages) and every month file. Missing, unreadable, incomplete or from another version gives an empty one.
 * The manifest takes over the summary's map of other pages.
 */
export async function loadManifest(dir: string, out: string, summary: ManifestSummary | null = loadSummary(dir)): Promise<SiteManifest> {
  const pages = summary?.otherPages;
  if (!summary || !pages) return emptyManifest(out);
  const posts = new Map<string, PostSummary>();
  if (!loadMonths(dir, summary, summary.months.keys(), pages, posts)) return emptyManifest(out);
  if (pages.size !== summary.pageCount || posts.size !== summary.index.names.length) return emptyManifest(out);
  return { out: summary.out, placeKey: summary.placeKey, siteHash: summary.siteHash, pages, posts, movedAside: summary.movedAside, stored: summary.months };
}

/** A month's posts (placed, in order) and their pages' input hashes. */
export interface MonthContent {
  /** The posts as the manifest keeps them (before any move aside), with the output file of each one's page. */
  posts: Array<{ post: PostSummary; page: string }>;
}

/** Hash of all a month file holds, so a save rewrites a month only when something in it changed. */
function monthFingerprint(month: MonthContent, pages: ReadonlyMap<string, string>): string {
  const hash = createHash("sha1");
  for (const { post, page } of month.posts) {
    hash.update(`${post.fileName}\0${post.size}\0${post.mtimeMs}\0${post.hash}\0${post.time}\0${post.url}\0${post.path}\0${post.day}\0${page}\0${pages.get(page) ?? ""}\n`);
  }
  return hash.digest("base64url");
}

function writeMonth(dir: string, month: string, content: MonthContent, pages: ReadonlyMap<string, string>, fingerprint: string): StoredMonth {
  const file = `month-${month}-${randomBytes(6).toString("hex")}.bin`;
  const recorded = content.posts.filter(({ page }) => pages.has(page));
  writeFrames(join(dir, file), [
    { version: MANIFEST_VERSION, month },
    ...framesOfRows("p", content.posts, ({ post }) => [toRow(post)]),
    ...framesOfRows("g", recorded, ({ page }) => [page, pages.get(page)!]),
  ]);
  return { file, fingerprint, posts: content.posts.length, pages: recorded.length };
}

/** What a save writes beside the manifest itself. */
export interface SaveExtras {
  /** The manifest's posts in placed order (`PagePlan.posts`: time, then file name; moved posts at their new path). */
  placed: readonly PostSummary[];
  /** Posts in a story with others. */
  linked: number;
  /** The story cache as saved with these links (`fileStamp`); none by default. */
  storyStamp?: string;
}

/** Everything a save writes: the summary's parts, and each month's content (or its file, kept as it is). */
export interface ManifestParts {
  out: string;
  placeKey: string;
  siteHash: string;
  movedAside: ReadonlyMap<string, string>;
  linked: number;
  storyStamp: string;
  index: PostIndex;
  otherPages: ReadonlyMap<string, string>;
  /** Pages of the whole site. */
  pageCount: number;
  /** Each month's content, or the file that holds it already. */
  months: Map<string, StoredMonth | MonthContent>;
  /** The inputs of the post pages of the months given as content (other entries are not read). */
  postPages: ReadonlyMap<string, string>;
  /** The months as last saved: a month whose content has the same fingerprint keeps its file. */
  before?: ReadonlyMap<string, StoredMonth>;
}

/** Writes the months that changed, then the summary (the step that commits), then removes what it replaced. */
export function writeManifest(dir: string, parts: ManifestParts): void {
  mkdirSync(dir, { recursive: true });
  const stored = new Map<string, StoredMonth>();
  for (const [month, part] of parts.months) {
    if ("file" in part) {
      stored.set(month, part);
      continue;
    }
    const fingerprint = monthFingerprint(part, parts.postPages);
    const last = parts.before?.get(month);
    stored.set(month, last?.fingerprint === fingerprint ? last : writeMonth(dir, month, part, parts.postPages, fingerprint));
  }
  const header: SummaryHeader = {
    version: MANIFEST_VERSION, saved: randomBytes(9).toString("base64url"), out: parts.out, placeKey: parts.placeKey, siteHash: parts.siteHash, movedAside: [...parts.movedAside],
    months: [...stored], pageCount: parts.pageCount, otherPages: parts.otherPages.size, linked: parts.linked, storyStamp: parts.storyStamp,
  };
  const temp = join(dir, `${SUMMARY_FILE}.${process.pid}.tmp`);
  writeFrames(temp, [header, packIndex(parts.index), ...framesOfRows("g", parts.otherPages, (entry) => entry)]);
  renameSync(temp, join(dir, SUMMARY_FILE));
  removeUnnamed(dir, new Set([...stored.values()].map((m) => m.file)));
  // The single-file manifest of version 5 and before, never read again.
  for (const old of ["site-manifest.bin", "site-manifest.journal", "site-manifest.json"]) rmSync(join(dirname(dir), old), { force: true });
}

/**
 * Saves `manifest` into `dir`: the months whose content changed since `previous` (what `loadManifest` gave),
 * every month when there is none, then the summary; then removes the files the summary no longer names.
 */
export async function saveManifest(dir: string, manifest: SiteManifest, extras: SaveExtras, previous?: SiteManifest): Promise<void> {
  const { placed } = extras;
  const months = new Map<string, MonthContent>();
  const postPages = new Set<string>();
  const index: PostIndex = {
    names: [], sizes: new Float64Array(placed.length), mtimes: new Float64Array(placed.length), times: new Float64Array(placed.length),
    paths: [], days: [], sites: new Uint32Array(placed.length), siteNames: [],
  };
  const siteIds = new Map<string, number>();
  placed.forEach((post, i) => {
    const month = monthOf(post.day);
    let content = months.get(month);
    if (!content) months.set(month, (content = { posts: [] }));
    // The manifest keeps a post as read (a move aside is in `movedAside`); its page is where the plan put it.
    content.posts.push({ post: manifest.posts.get(post.fileName) ?? post, page: post.path });
    postPages.add(post.path);
    let site = siteIds.get(post.site);
    if (site === undefined) {
      siteIds.set(post.site, (site = index.siteNames.length));
      index.siteNames.push(post.site);
    }
    index.names.push(post.fileName);
    index.sizes[i] = post.size;
    index.mtimes[i] = post.mtimeMs;
    index.times[i] = post.time;
    index.paths.push(post.path);
    index.days.push(post.day);
    index.sites[i] = site;
  });
  const otherPages = new Map<string, string>();
  for (const [path, inputs] of manifest.pages) if (!postPages.has(path)) otherPages.set(path, inputs);
  writeManifest(dir, {
    out: manifest.out, placeKey: manifest.placeKey, siteHash: manifest.siteHash, movedAside: manifest.movedAside, linked: extras.linked, storyStamp: extras.storyStamp ?? "", index, otherPages,
    pageCount: manifest.pages.size, months, postPages: manifest.pages, before: previous?.stored,
  });
}

/** Month files and temporary files the summary does not name: replaced months, and what a kill left behind. */
function removeUnnamed(dir: string, named: ReadonlySet<string>): void {
  for (const name of readdirSync(dir)) {
    if ((name.startsWith("month-") && name.endsWith(".bin") && !named.has(name)) || name.endsWith(".tmp")) rmSync(join(dir, name), { force: true });
  }
}

/**
 * Brings `records` (the last build's posts) up to date with `posts` in place and returns what changed: posts
 * that are not the recorded object (read in this build), and recorded ones no longer there.
 */
export function updatePosts(records: Map<string, PostSummary>, posts: readonly PostSummary[]): Map<string, PostSummary | null> {
  const changed = new Map<string, PostSummary | null>();
  let kept = 0;
  for (const post of posts) {
    const old = records.get(post.fileName);
    if (old !== undefined) kept++;
    if (old !== post) changed.set(post.fileName, post);
  }
  // Every recorded post still there was counted once: fewer means some are gone (file names are distinct).
  if (kept < records.size) {
    const names = new Set(posts.map((post) => post.fileName));
    for (const name of records.keys()) if (!names.has(name)) changed.set(name, null);
  }
  for (const [name, post] of changed) {
    if (post === null) records.delete(name);
    else records.set(name, post);
  }
  return changed;
}

/** A file's size and mtime as one string ("" when it is missing): enough to tell that it was written again. */
export function fileStamp(file: string): string {
  try {
    const stat = statSync(file, { throwIfNoEntry: false });
    return stat ? `${stat.size}:${stat.mtimeMs}` : "";
  } catch {
    return "";
  }
}

/** True when the cached record still describes the file on disk. */
export function isSameFile(record: PostRecord | undefined, size: number, mtimeMs: number): record is PostRecord {
  return record !== undefined && record.size === size && record.mtimeMs === mtimeMs;
}
