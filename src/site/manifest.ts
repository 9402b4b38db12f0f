// What the last build wrote (`.newsmirror/site-manifest.json`): each file's input and output hashes, and
// the posts it read, so the next build rereads only changed posts and rewrites only changed pages.
import { mkdir, open, readFile, rename } from "node:fs/promises";
import { dirname } from "node:path";
import type { PostRecord, PostSummary } from "./post-record.js";

/** Bumped when the manifest's meaning changes; an older one is ignored (a full build follows). */
const MANIFEST_VERSION = 1;

export interface SiteManifest {
  /** Absolute output folder the pages were written to. */
  out: string;
  /** Settings key the posts' `url`/`path`/`day` were computed with. */
  placeKey: string;
  /** Site path to [inputs hash, output hash]. */
  pages: Map<string, [string, string]>;
  /** Posts by file name, with their placement under `placeKey`. */
  posts: Map<string, PostSummary>;
}

type PostRow = [string, number, number, string, number, string, string, string, number, string[], string, string, string, string, string];

function toRow(p: PostSummary): PostRow {
  return [p.fileName, p.size, p.mtimeMs, p.title, p.time, p.author, p.site, p.from, p.comments ? 1 : 0, p.categories, p.lang, p.hash, p.url, p.path, p.day];
}

function fromRow(row: PostRow): PostSummary {
  const [fileName, size, mtimeMs, title, time, author, site, from, comments, categories, lang, hash, url, path, day] = row;
  return { fileName, size, mtimeMs, title, time, author, site, from, comments: comments === 1, categories, lang, hash, url, path, day };
}

export function emptyManifest(out: string): SiteManifest {
  return { out, placeKey: "", pages: new Map(), posts: new Map() };
}

/** Reads the manifest; missing, unreadable or from another version gives an empty one (a full build). */
export async function loadManifest(file: string, out: string): Promise<SiteManifest> {
  try {
    const data = JSON.parse(await readFile(file, "utf8")) as { version: number; out: string; placeKey: string; pages: Array<[string, string, string]>; posts: PostRow[] };
    if (data.version !== MANIFEST_VERSION || !Array.isArray(data.pages) || !Array.isArray(data.posts)) return emptyManifest(out);
    return {
      out: data.out,
      placeKey: data.placeKey,
      pages: new Map(data.pages.map(([path, inputs, output]) => [path, [inputs, output]])),
      posts: new Map(data.posts.map((row) => { const post = fromRow(row); return [post.fileName, post]; })),
    };
  } catch {
    return emptyManifest(out);
  }
}

/** Rows written per chunk: the manifest of 100,000 posts is never one 100 MB string in memory. */
const ROWS_PER_CHUNK = 2000;

/** Writes the manifest atomically (temp file and rename), so a crash leaves the old one or the new one. */
export async function saveManifest(file: string, manifest: SiteManifest): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  const handle = await open(temp, "w");
  try {
    const writeRows = async <T>(rows: Iterable<T>, toJson: (row: T) => string): Promise<void> => {
      let chunk: string[] = [];
      let first = true;
      for (const row of rows) {
        chunk.push(toJson(row));
        if (chunk.length === ROWS_PER_CHUNK) {
          await handle.write(`${first ? "" : ","}${chunk.join(",")}`);
          first = false;
          chunk = [];
        }
      }
      if (chunk.length > 0) await handle.write(`${first ? "" : ","}${chunk.join(",")}`);
    };
    await handle.write(`{"version":${MANIFEST_VERSION},"out":${JSON.stringify(manifest.out)},"placeKey":${JSON.stringify(manifest.placeKey)},"pages":[`);
    await writeRows(manifest.pages, ([path, [inputs, output]]) => JSON.stringify([path, inputs, output]));
    await handle.write(`],"posts":[`);
    await writeRows(manifest.posts.values(), (post) => JSON.stringify(toRow(post)));
    await handle.write("]}");
  } finally {
    await handle.close();
  }
  await rename(temp, file);
}

/** True when the cached record still describes the file on disk. */
export function isSameFile(record: PostRecord | undefined, size: number, mtimeMs: number): record is PostRecord {
  return record !== undefined && record.size === size && record.mtimeMs === mtimeMs;
}
