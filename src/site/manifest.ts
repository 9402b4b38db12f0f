// What the last build wrote (`.newsmirror/site-manifest.json` and its journal): each file's input hash, and the
// posts it read, so the next build rereads only changed posts and rewrites only changed pages.
//
// At 100,000 posts the manifest is about 60 MB of JSON. Rewriting it after every hourly build would cost more
// than the build itself, so a build that changed little appends its changes to a journal
// (`site-manifest.journal`, one JSON array per line) and the base file is rewritten only once the journal has
// grown to a quarter of it. A torn last line (a kill while appending) is ignored: the pages and posts it named
// are then rendered and read again, never skipped.
import { randomUUID } from "node:crypto";
import { appendFileSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, openSync, writeSync, closeSync } from "node:fs";
import { dirname } from "node:path";
import type { PostRecord, PostSummary } from "./post-record.js";

/** Bumped when the manifest's meaning changes; an older one is ignored (a full build follows). */
const MANIFEST_VERSION = 3;
/** The journal is folded into the base once it reaches this share of the base's size, or 1 MB for a small one. */
const JOURNAL_SHARE = 0.25;
const JOURNAL_MIN_LIMIT = 1 << 20;

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
  /** The stored files this manifest was read from, so a save can append to them instead of rewriting. */
  stored?: { base: string; baseBytes: number; journalBytes: number };
}

type PostRow = [string, number, number, string, number, string, string, string, number, string[], string, string, string | null, string, string];
type JournalLine = ["base", string] | ["p", PostRow] | ["d", string] | ["g", string, string] | ["x", string];

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

function toRow(p: PostSummary): PostRow {
  // The URL is a third of the manifest (CJK as %XX); most are derived from the path, so only the others are kept.
  const url = p.url === urlOfPath(p.path) ? null : p.url;
  return [p.fileName, p.size, p.mtimeMs, p.title, p.time, p.author, p.site, p.from, p.comments ? 1 : 0, p.categories, p.lang, p.hash, url, p.path, p.day];
}

function fromRow(row: PostRow): PostSummary {
  const [fileName, size, mtimeMs, title, time, author, site, from, comments, categories, lang, hash, url, path, day] = row;
  return { fileName, size, mtimeMs, title, time, author, site, from, comments: comments === 1, categories, lang, hash, url: url ?? urlOfPath(path), path, day };
}

export function emptyManifest(out: string): SiteManifest {
  return { out, placeKey: "", siteHash: "", pages: new Map(), posts: new Map() };
}

function journalOf(file: string): string {
  return file.replace(/\.json$/, "") + ".journal";
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
    bytes += Buffer.byteLength(lines[i]!) + 1;
  }
  return bytes;
}

/** Reads the manifest; missing, unreadable or from another version gives an empty one (a full build). */
export async function loadManifest(file: string, out: string): Promise<SiteManifest> {
  try {
    const buffer = readFileSync(file);
    const data = JSON.parse(buffer.toString("utf8")) as { version: number; base: string; out: string; placeKey: string; siteHash: string; pages: Array<[string, string]>; posts: PostRow[] };
    if (data.version !== MANIFEST_VERSION || !Array.isArray(data.pages) || !Array.isArray(data.posts)) return emptyManifest(out);
    const manifest: SiteManifest = {
      out: data.out,
      placeKey: data.placeKey,
      siteHash: data.siteHash,
      pages: new Map(data.pages),
      posts: new Map(data.posts.map((row) => [row[0], fromRow(row)])),
    };
    const journalBytes = replayJournal(file, data.base, manifest);
    manifest.stored = { base: data.base, baseBytes: buffer.length, journalBytes };
    return manifest;
  } catch {
    return emptyManifest(out);
  }
}

/** Rows written per chunk: the manifest of 100,000 posts is never one 60 MB string in memory. */
const ROWS_PER_CHUNK = 2000;

/** Writes the whole manifest atomically (temp file and rename) and drops the journal. */
function writeBase(file: string, manifest: SiteManifest): void {
  const temp = `${file}.${process.pid}.tmp`;
  const base = randomUUID();
  const handle = openSync(temp, "w");
  try {
    const writeRows = <T>(rows: Iterable<T>, toJson: (row: T) => string): void => {
      let chunk: string[] = [];
      let first = true;
      for (const row of rows) {
        chunk.push(toJson(row));
        if (chunk.length === ROWS_PER_CHUNK) {
          writeSync(handle, `${first ? "" : ","}${chunk.join(",")}`);
          first = false;
          chunk = [];
        }
      }
      if (chunk.length > 0) writeSync(handle, `${first ? "" : ","}${chunk.join(",")}`);
    };
    writeSync(handle, `{"version":${MANIFEST_VERSION},"base":"${base}","out":${JSON.stringify(manifest.out)},"placeKey":${JSON.stringify(manifest.placeKey)},"siteHash":${JSON.stringify(manifest.siteHash)},"pages":[`);
    writeRows(manifest.pages, (entry) => JSON.stringify(entry));
    writeSync(handle, `],"posts":[`);
    writeRows(manifest.posts.values(), (post) => JSON.stringify(toRow(post)));
    writeSync(handle, "]}");
  } finally {
    closeSync(handle);
  }
  // The journal belongs to the old base: remove it first, so a crash between the two never pairs them.
  rmSync(journalOf(file), { force: true });
  renameSync(temp, file);
}

/** What changed between `before` and `after`, as journal lines. */
function changes(before: SiteManifest, after: SiteManifest): string[] {
  const lines: string[] = [];
  for (const [name, post] of after.posts) {
    const old = before.posts.get(name);
    if (old !== post && (old === undefined || JSON.stringify(toRow(old)) !== JSON.stringify(toRow(post)))) lines.push(JSON.stringify(["p", toRow(post)]));
  }
  for (const name of before.posts.keys()) if (!after.posts.has(name)) lines.push(JSON.stringify(["d", name]));
  for (const [path, inputs] of after.pages) if (before.pages.get(path) !== inputs) lines.push(JSON.stringify(["g", path, inputs]));
  for (const path of before.pages.keys()) if (!after.pages.has(path)) lines.push(JSON.stringify(["x", path]));
  return lines;
}

/**
 * Saves `manifest`. When `previous` (what `loadManifest` gave) is stored for the same folder and settings, only
 * the changes are appended to the journal; otherwise, or once the journal is large, the base is rewritten.
 */
export async function saveManifest(file: string, manifest: SiteManifest, previous?: SiteManifest): Promise<void> {
  mkdirSync(dirname(file), { recursive: true });
  const stored = previous?.stored;
  if (previous && stored && previous.out === manifest.out && previous.placeKey === manifest.placeKey && previous.siteHash === manifest.siteHash) {
    const lines = changes(previous, manifest);
    if (lines.length === 0) return;
    const text = `${stored.journalBytes === 0 ? `${JSON.stringify(["base", stored.base])}\n` : ""}${lines.join("\n")}\n`;
    const bytes = Buffer.byteLength(text);
    if (stored.journalBytes + bytes < Math.max(stored.baseBytes * JOURNAL_SHARE, JOURNAL_MIN_LIMIT) && journalIntact(file, stored.journalBytes)) {
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
