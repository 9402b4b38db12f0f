// What the last build wrote (`.newsmirror/site-manifest.bin` and its journal): each file's input hash, and the
// posts it read, so the next build rereads only changed posts and rewrites only changed pages.
//
// At 100,000 posts the manifest holds about 85 MB. Rewriting it after every hourly build would cost more than
// the build itself, so a build that changed little appends its changes to a journal (`site-manifest.journal`,
// one JSON array per line) and the base file is rewritten only once the journal has grown to 1 MB (a quarter of
// a small base, 64 KB at least).
// A torn last line (a kill while appending) is ignored: the pages and posts it named are then rendered and read
// again, never skipped.
//
// The base is in V8's serialization format (node:v8), in frames of a few thousand rows: every build reads it
// whole, and at 100,000 posts it loads in about 0.25 s where the same data as JSON took 0.7 s (0.35 s of
// that only decoding the UTF-8 of its CJK titles and paths). It is a cache: a base this Node cannot read is
// ignored like a missing one, and the next build is a full one.
import { randomUUID } from "node:crypto";
import { appendFileSync, closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { deserialize, serialize } from "node:v8";
import type { PostRecord, PostSummary } from "./post-record.js";

/** Bumped when the manifest's meaning changes; an older one is ignored (a full build follows). */
const MANIFEST_VERSION = 5;
/**
 * The journal is folded into the base once it would pass 1 MB, or a quarter of a small base. Every build replays
 * the journal (about 45 ms a MB of lines) and an hourly build adds about 70 KB to it at 100,000 posts, while
 * rewriting that base takes 0.3 to 0.5 s: so a rewrite every 14 builds or so, and half a MB replayed on average.
 * (Up to a quarter of the base, 21 MB at 100,000 posts, an average build replayed 0.45 s of journal.)
 */
const JOURNAL_SHARE = 0.25;
const JOURNAL_MIN = 64 << 10;
const JOURNAL_MAX = 1 << 20;

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
  /** The stored files this manifest was read from, so a save can append to them instead of rewriting. */
  stored?: { base: string; baseBytes: number; journalBytes: number };
}

type PostRow = [string, number, number, string, number, string, string, string, number, string[], string, string, string | null, string, string];
type JournalLine = ["base", string] | ["p", PostRow] | ["d", string] | ["g", string, string] | ["x", string] | ["m", string, string] | ["n", string];

/**
 * The permalink most posts have: their output folder, percent-encoded. Only a guess (native `encodeURI`, not
 * Jekyll's escaping): a post whose real URL differs keeps it in its row, checked when the row is written.
 */
function urlOfPath(path: string): string {
  try {
    return `/${encodeURI(path.endsWith("index.html") ? path.slice(0, -"index.html".length) : path)}`;
  } catch {
    return "";
  }
}

/** A post as a journal row; `fullUrl` keeps the URL even when the path gives it (the base: no encodeURI on load). */
function toRow(p: PostSummary, fullUrl = false): PostRow {
  // The URL is a third of a JSON line (CJK as %XX); most are derived from the path, so only the others are kept.
  const url = fullUrl || p.url !== urlOfPath(p.path) ? p.url : null;
  return [p.fileName, p.size, p.mtimeMs, p.title, p.time, p.author, p.site, p.from, p.comments ? 1 : 0, p.categories, p.lang, p.hash, url, p.path, p.day];
}

function fromRow(row: PostRow): PostSummary {
  const [fileName, size, mtimeMs, title, time, author, site, from, comments, categories, lang, hash, url, path, day] = row;
  return { fileName, size, mtimeMs, title, time, author, site, from, comments: comments === 1, categories, lang, hash, url: url ?? urlOfPath(path), path, day };
}

export function emptyManifest(out: string): SiteManifest {
  return { out, placeKey: "", siteHash: "", pages: new Map(), posts: new Map(), movedAside: new Map() };
}

function journalOf(file: string): string {
  return file.replace(/\.(bin|json)$/, "") + ".journal";
}

/** Applies the journal lines written after the base `base`; stops at the first line that does not parse. */
function replayJournal(file: string, base: string, manifest: SiteManifest): number {
  let text: string;
  try {
    text = readFileSync(journalOf(file), "utf8");
  } catch {
    return 0;
  }
  const lines = text.split("\n");
  let bytes = 0;
  for (let i = 0; i < lines.length; i++) {
    let line: JournalLine;
    try {
      line = JSON.parse(lines[i]!) as JournalLine;
    } catch {
      break;
    }
    if (i === 0 && (line[0] !== "base" || line[1] !== base)) return 0;
    if (line[0] === "p") manifest.posts.set(line[1][0], fromRow(line[1]));
    else if (line[0] === "d") manifest.posts.delete(line[1]);
    else if (line[0] === "g") manifest.pages.set(line[1], line[2]);
    else if (line[0] === "x") manifest.pages.delete(line[1]);
    else if (line[0] === "m") manifest.movedAside.set(line[1], line[2]);
    else if (line[0] === "n") manifest.movedAside.delete(line[1]);
    bytes += Buffer.byteLength(lines[i]!) + 1;
  }
  return bytes;
}

/** The base's first frame. */
interface BaseHeader {
  version: number;
  base: string;
  out: string;
  placeKey: string;
  siteHash: string;
  movedAside: Array<[string, string]>;
  /** How many pages and posts follow: a base cut at a frame boundary is told from a whole one. */
  pageCount: number;
  postCount: number;
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

/** Reads the manifest; missing, unreadable or from another version gives an empty one (a full build). */
export async function loadManifest(file: string, out: string): Promise<SiteManifest> {
  try {
    const buffer = readFileSync(file);
    const frames = framesOf(buffer);
    const header = frames.next().value as BaseHeader;
    if (header?.version !== MANIFEST_VERSION) return emptyManifest(out);
    const manifest: SiteManifest = { out: header.out, placeKey: header.placeKey, siteHash: header.siteHash, pages: new Map(), posts: new Map(), movedAside: new Map(header.movedAside) };
    // Pages come as flat [path, inputs, path, inputs, ...] frames, posts as frames of rows.
    for (const frame of frames) {
      const [kind, items] = frame as ["g", string[]] | ["p", PostRow[]];
      if (kind === "g") for (let i = 0; i < items.length; i += 2) manifest.pages.set(items[i]!, items[i + 1]!);
      else for (const row of items) manifest.posts.set(row[0], fromRow(row));
    }
    // A base cut short would drop pages from the record, and their files would never be removed.
    if (manifest.pages.size !== header.pageCount || manifest.posts.size !== header.postCount) return emptyManifest(out);
    const journalBytes = replayJournal(file, header.base, manifest);
    manifest.stored = { base: header.base, baseBytes: buffer.length, journalBytes };
    return manifest;
  } catch {
    return emptyManifest(out);
  }
}

/** Rows per frame: the base of 100,000 posts is never one 85 MB value in memory. */
const ROWS_PER_FRAME = 2000;

/** Writes the whole manifest atomically (temp file and rename) and drops the journal. */
function writeBase(file: string, manifest: SiteManifest): void {
  const temp = `${file}.${process.pid}.tmp`;
  const header: BaseHeader = {
    version: MANIFEST_VERSION, base: randomUUID(), out: manifest.out, placeKey: manifest.placeKey, siteHash: manifest.siteHash,
    movedAside: [...manifest.movedAside], pageCount: manifest.pages.size, postCount: manifest.posts.size,
  };
  const handle = openSync(temp, "w");
  try {
    const writeFrame = (value: unknown): void => {
      const bytes = serialize(value);
      const length = Buffer.alloc(4);
      length.writeUInt32LE(bytes.length);
      writeSync(handle, length);
      writeSync(handle, bytes);
    };
    /** Writes `rows` as frames [kind, items] of ROWS_PER_FRAME rows, each row's items laid out flat. */
    const writeFrames = <T>(kind: "g" | "p", rows: Iterable<T>, itemsOf: (row: T) => unknown[]): void => {
      let items: unknown[] = [];
      let count = 0;
      for (const row of rows) {
        items.push(...itemsOf(row));
        if (++count === ROWS_PER_FRAME) {
          writeFrame([kind, items]);
          items = [];
          count = 0;
        }
      }
      if (count > 0) writeFrame([kind, items]);
    };
    writeFrame(header);
    // Pages as flat [path, inputs, path, inputs, ...], posts as rows.
    writeFrames("g", manifest.pages, (entry) => entry);
    writeFrames("p", manifest.posts.values(), (post) => [toRow(post, true)]);
    // On disk before the rename, so a crash never leaves a renamed base whose data was not written.
    fsyncSync(handle);
  } finally {
    closeSync(handle);
  }
  // The journal belongs to the old base: remove it first, so a crash between the two never pairs them.
  rmSync(journalOf(file), { force: true });
  renameSync(temp, file);
  // The JSON base of manifest version 3 and before, never read again.
  if (file.endsWith(".bin")) rmSync(file.replace(/\.bin$/, ".json"), { force: true });
}

/**
 * What a build changed, as it knew it: pages written (site path to their inputs) or removed (null), posts read
 * (new or edited) or gone (null). With it a save does not compare every page and post with the last build's
 * (four passes over 100,000 entries, 0.2 s), and the build may update the last build's maps in place.
 */
export interface ManifestChanges {
  pages: Map<string, string | null>;
  posts: Map<string, PostSummary | null>;
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

/** What changed between `before` and `after` (or, given, `known`), as journal lines. */
function journalLines(before: SiteManifest, after: SiteManifest, known?: ManifestChanges): string[] {
  const lines: string[] = [];
  if (known) {
    // `before`'s maps may be `after`'s, updated in place: the changes alone say what happened. A post is read
    // again only when its size or mtime changed, both in its row, so every one of them is a change.
    for (const [name, post] of known.posts) lines.push(JSON.stringify(post === null ? ["d", name] : ["p", toRow(post)]));
    for (const [path, inputs] of known.pages) lines.push(JSON.stringify(inputs === null ? ["x", path] : ["g", path, inputs]));
  } else {
    for (const [name, post] of after.posts) {
      const old = before.posts.get(name);
      if (old !== post && (old === undefined || JSON.stringify(toRow(old)) !== JSON.stringify(toRow(post)))) lines.push(JSON.stringify(["p", toRow(post)]));
    }
    for (const name of before.posts.keys()) if (!after.posts.has(name)) lines.push(JSON.stringify(["d", name]));
    for (const [path, inputs] of after.pages) if (before.pages.get(path) !== inputs) lines.push(JSON.stringify(["g", path, inputs]));
    for (const path of before.pages.keys()) if (!after.pages.has(path)) lines.push(JSON.stringify(["x", path]));
  }
  for (const [name, path] of after.movedAside) if (before.movedAside.get(name) !== path) lines.push(JSON.stringify(["m", name, path]));
  for (const name of before.movedAside.keys()) if (!after.movedAside.has(name)) lines.push(JSON.stringify(["n", name]));
  return lines;
}

/**
 * Saves `manifest`. When `previous` (what `loadManifest` gave) is stored for the same folder and settings, only
 * the changes are appended to the journal; otherwise, or once the journal is large, the base is rewritten.
 * With `known`, the changes are those; `manifest`'s maps may then be `previous`'s, updated in place.
 */
export async function saveManifest(file: string, manifest: SiteManifest, previous?: SiteManifest, known?: ManifestChanges): Promise<void> {
  mkdirSync(dirname(file), { recursive: true });
  const stored = previous?.stored;
  if (previous && stored && previous.out === manifest.out && previous.placeKey === manifest.placeKey && previous.siteHash === manifest.siteHash) {
    const lines = journalLines(previous, manifest, known);
    if (lines.length === 0) return;
    const text = `${stored.journalBytes === 0 ? `${JSON.stringify(["base", stored.base])}\n` : ""}${lines.join("\n")}\n`;
    const bytes = Buffer.byteLength(text);
    if (stored.journalBytes + bytes < Math.min(Math.max(stored.baseBytes * JOURNAL_SHARE, JOURNAL_MIN), JOURNAL_MAX) && journalIntact(file, stored.journalBytes)) {
      appendFileSync(journalOf(file), text);
      return;
    }
  }
  writeBase(file, manifest);
}

/** True when the journal on disk is exactly what was replayed (no torn tail to append after). */
function journalIntact(file: string, replayedBytes: number): boolean {
  const size = statSync(journalOf(file), { throwIfNoEntry: false })?.size ?? 0;
  if (size === replayedBytes) return true;
  // A torn tail: cut it off so the next line starts clean.
  if (size > replayedBytes) {
    try {
      const keep = readFileSync(journalOf(file)).subarray(0, replayedBytes);
      writeFileSync(journalOf(file), keep);
      return true;
    } catch {
      return false;
    }
  }
  return false;
}

/** True when the cached record still describes the file on disk. */
export function isSameFile(record: PostRecord | undefined, size: number, mtimeMs: number): record is PostRecord {
  return record !== undefined && record.size === size && record.mtimeMs === mtimeMs;
}
