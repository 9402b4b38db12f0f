// Builds or extends the static search index from the site's documents, writing only the files that change.
import { createHash } from "node:crypto";
import { fail, ok, type Result } from "../../result.js";
import { DocBlocks } from "./doc-blocks.js";
import { engine } from "./engine.js";
import { loadFoldTable } from "./fold-table.js";
import { OpenWindow, removeSegment, type ShardSink } from "./open-window.js";
import { emptyState, hasWorkLeft, loadState, loadStateLoosely, removeOldParts, removePart, saveState, type IndexSizes, type IndexState } from "./search-state.js";
import type { SegmentInfo } from "./engine.js";

export interface SearchDoc {
  /** Stable: the post's file name. */
  id: string;
  /** Site-relative, no leading slash. */
  url: string;
  title: string;
  source: string;
  /** ISO 8601. */
  date: string;
  /** Plain text of the body. */
  text: string;
}

export interface IndexOutput {
  write(path: string, data: string | Uint8Array): Promise<void>;
  remove(path: string): Promise<void>;
}

export interface BuildOptions {
  /** Folder for the state that makes the next build incremental (e.g. `.newsmirror/search`). */
  stateDir: string;
  /** Rebuild from nothing, forgetting the saved state. */
  full?: boolean;
  /** The documents given are only the new and changed ones: keep every indexed post that is not among them. */
  appendOnly?: boolean;
  /** With `appendOnly`: ids of posts that are gone, dropped from the index. */
  removed?: readonly string[];
  /** Prefix of every path written, e.g. "search/index/"; default "". */
  prefix?: string;
  /** Sizes, for tests and measurement; changing one forces a full build. */
  windowDocs?: number;
  windowShards?: number;
  windowUnigramShards?: number;
  partDocs?: number;
  partShards?: number;
  partUnigramShards?: number;
  blockSize?: number;
}

export interface BuildReport {
  docs: number;
  shardsWritten: number;
  ms: number;
  /** Documents added, and documents removed or replaced, in this build. */
  added: number;
  removed: number;
  /** Documents refused, with the reason ("id: what is wrong"). */
  skipped: string[];
  full: boolean;
  /** Work left for the next build even when nothing changes: a window still sealing, or files of parts
   * still to remove. */
  pending: boolean;
}

// Sizes chosen by measurement (bench/search.ts; figures in src/site/search/README.md). What a query reads
// grows as tokens x posts x bytes-a-post / shards-a-window, so shards set the download; the files it opens
// grow as tokens x segments. A sealed window of 8,192 documents with 8,192 shards holds about one
// document's postings a shard file; parts of 512 documents keep an append's rewrite to a few hundred small
// files. A result page of 10 hits reads at most 10 blocks of 8 documents.
const WINDOW_DOCS = 8192;
const WINDOW_SHARDS = 8192;
const WINDOW_UNIGRAM_SHARDS = 2048;
const PART_DOCS = 512;
const PART_SHARDS = 512;
const PART_UNIGRAM_SHARDS = 128;
const BLOCK_SIZE = 8;
const PARALLEL_WRITES = 16;
/** Body text beyond this many characters is not indexed: bounds time and memory for a hostile post. */
const MAX_TEXT = 200_000;

/**
 * Indexes `docs` into `out` and returns counts.
 * Example: `await buildSearchIndex(posts, outputDir, { stateDir: ".newsmirror/search" })`.
 */
export async function buildSearchIndex(
  docs: Iterable<SearchDoc> | AsyncIterable<SearchDoc>,
  out: IndexOutput,
  options: BuildOptions,
): Promise<Result<BuildReport>> {
  const started = performance.now();
  const prefix = options.prefix ?? "";
  const sizes: IndexSizes = {
    windowDocs: options.windowDocs ?? WINDOW_DOCS,
    windowShards: options.windowShards ?? WINDOW_SHARDS,
    windowUnigramShards: options.windowUnigramShards ?? WINDOW_UNIGRAM_SHARDS,
    partDocs: options.partDocs ?? PART_DOCS,
    partShards: options.partShards ?? PART_SHARDS,
    partUnigramShards: options.partUnigramShards ?? PART_UNIGRAM_SHARDS,
    blockSize: options.blockSize ?? BLOCK_SIZE,
  };
  const saved = await loadState(options.stateDir);
  const reusable = saved !== null && !options.full && sameSizes(saved, sizes);
  // Changes alone cannot rebuild a lost or outdated state: the caller hands over every post instead.
  if (options.appendOnly && !reusable) return fail({ code: "search.needs-all", message: `no usable search state in ${options.stateDir}; index every post` });
  const state = reusable ? saved : emptyState(sizes);
  let filesWritten = 0;
  // Writes run a few at a time: thousands of small files written one by one wait on the disk in turn.
  const pending = new Set<Promise<void>>();
  let writeError: unknown = null;
  const track = async (task: Promise<void>): Promise<void> => {
    const settled: Promise<void> = task.then(
      () => { pending.delete(settled); },
      (cause: unknown) => { writeError ??= cause; pending.delete(settled); },
    );
    pending.add(settled);
    if (pending.size >= PARALLEL_WRITES) await Promise.race(pending);
    if (writeError !== null) throw writeError;
  };
  const sink: ShardSink = {
    async write(path, value) {
      filesWritten++;
      await track(out.write(prefix + path, engine.wrapShard(path, value)));
    },
    async remove(path) {
      await track(out.remove(prefix + path));
    },
  };
  const drain = async (): Promise<void> => {
    await Promise.all(pending);
    if (writeError !== null) throw writeError;
  };
  const fold = engine.createFold(await loadFoldTable());
  const window = new OpenWindow(state, options.stateDir, fold, sink);
  const blocks = new DocBlocks(state, sink);
  const seen = new Set<string>();
  const skipped: string[] = [];
  let added = 0;
  let removed = 0;
  try {
    for await (const doc of docs) {
      const problem = problemWith(doc);
      if (problem !== null) {
        skipped.push(problem);
        continue;
      }
      if (seen.has(doc.id)) {
        skipped.push(`${doc.id}: the same id was given twice; the first one is indexed`);
        continue;
      }
      seen.add(doc.id);
      const text = doc.text.length > MAX_TEXT ? doc.text.slice(0, MAX_TEXT) : doc.text;
      const hash = contentHash(doc, text);
      const known = state.docs[doc.id];
      if (known !== undefined && known[1] === hash) continue;
      if (known !== undefined) {
        forget(state, doc.id);
        removed++;
      }
      const num = ++state.lastNum;
      state.docs[doc.id] = [num, hash, doc.source];
      state.sources[doc.source] = (state.sources[doc.source] ?? 0) + 1;
      await window.add(num, doc.title, text, doc.source);
      await blocks.add({ num, id: doc.id, url: doc.url, title: doc.title, source: doc.source, date: doc.date, text });
      added++;
    }
    if (!options.appendOnly) {
      for (const id of Object.keys(state.docs)) {
        if (!seen.has(id)) {
          forget(state, id);
          removed++;
        }
      }
    } else {
      for (const id of options.removed ?? []) {
        if (state.docs[id] === undefined || seen.has(id)) continue;
        forget(state, id);
        removed++;
      }
    }
    await window.finish(state.lastNum);
    await window.maintain();
    await blocks.flush();
    if (!reusable) await sink.write("fold.js", await loadFoldTable());
    const listChanged = !reusable || added > 0 || removed > 0 || window.segmentsChanged;
    if (listChanged) {
      await sink.write("dates.js", state.spans);
      // every file the manifest lists is written before it: a crash never leaves it naming a missing file
      await drain();
      await sink.write("manifest.js", manifestOf(state, window.segments()));
      await drain();
    }
    if (!reusable) {
      // once the new manifest is out: what the previous index wrote, also when its state is outdated or
      // disagrees with its part files
      const previous = saved ?? (await loadStateLoosely(options.stateDir));
      if (previous !== null) await removeStale(previous, state, sink, options.stateDir);
    }
    await drain();
  } catch (cause) {
    await Promise.allSettled(pending);
    return fail({ code: "search.write", message: `writing the search index failed: ${String(cause)}; check that the site folder is writable and has free space`, cause });
  }
  try {
    await saveState(options.stateDir, state);
  } catch (cause) {
    return fail({ code: "search.state", message: `saving the search state in ${options.stateDir} failed: ${String(cause)}; the next build will be a full one`, file: options.stateDir, cause });
  }
  try {
    await window.afterSave();
  } catch {
    // saved postings no state lists any more: harmless, and removed again when their part retires
  }
  const live = Object.keys(state.docs).length;
  return ok({ docs: live, shardsWritten: filesWritten, ms: Math.round(performance.now() - started), added, removed, skipped, full: !reusable, pending: hasWorkLeft(state) });
}

function sameSizes(state: IndexState, sizes: IndexSizes): boolean {
  return (Object.keys(sizes) as Array<keyof IndexSizes>).every((k) => state[k] === sizes[k]);
}

/** Marks an indexed post as gone: its number stays in the postings and the query drops it. */
function forget(state: IndexState, id: string): void {
  const known = state.docs[id];
  if (known === undefined) return;
  state.deleted.push(known[0]);
  const count = (state.sources[known[2]] ?? 1) - 1;
  if (count > 0) state.sources[known[2]] = count;
  else delete state.sources[known[2]];
  delete state.docs[id];
}

function contentHash(doc: SearchDoc, text: string): string {
  return createHash("sha1").update([doc.url, doc.title, doc.source, doc.date, text].join("\u0000")).digest("base64").slice(0, 16);
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** Why a document cannot be indexed, or null. Documents come from our own posts, but a broken post must
 * not break the index or put a foreign link in it. */
export function problemWith(doc: unknown): string | null {
  if (doc === null || typeof doc !== "object") return `a document is ${doc === null ? "null" : typeof doc}, not an object`;
  const d = doc as Record<string, unknown>;
  const id = typeof d.id === "string" && d.id.length > 0 ? d.id : undefined;
  const name = id ?? "(no id)";
  for (const field of ["id", "url", "title", "source", "date", "text"]) {
    if (typeof d[field] !== "string") return `${name}: field "${field}" must be a string`;
  }
  if (id === undefined) return `${name}: field "id" is empty; give the post's file name`;
  const url = d.url as string;
  if (url === "" || url !== url.trim() || /[\u0000-\u001f]/.test(url) || url.startsWith("/") || url.startsWith("\\") || SCHEME.test(url)) {
    return `${name}: url "${url.slice(0, 80)}" must be site-relative without a leading slash, e.g. "2023/12/07/post.html"`;
  }
  if (Number.isNaN(Date.parse(d.date as string))) return `${name}: date "${String(d.date).slice(0, 40)}" is not an ISO date`;
  return null;
}

function manifestOf(state: IndexState, segments: SegmentInfo[]): unknown {
  const sources = Object.entries(state.sources).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return {
    version: engine.version,
    total: state.lastNum,
    live: Object.keys(state.docs).length,
    segments,
    blockSize: state.blockSize,
    deleted: [...state.deleted].sort((a, b) => a - b),
    sources,
  };
}

/** After a full rebuild, removes the files of the previous index that the new one did not write again: its
 * segments (a half-sealed window and retiring parts included, see IndexState.segments), its document
 * blocks beyond the new end, and the saved postings of its parts. */
async function removeStale(before: IndexState, after: IndexState, sink: ShardSink, stateDir: string): Promise<void> {
  const now = new Set(after.segments);
  for (const key of before.segments) {
    if (now.has(key)) continue;
    const [window, part] = key.split(".").map(Number) as [number, number | undefined];
    const info: SegmentInfo = part === undefined
      ? { key, first: 0, shards: before.windowShards, unigramShards: before.windowUnigramShards }
      : { key, first: 0, shards: before.partShards, unigramShards: before.partUnigramShards };
    if (Number.isInteger(window)) await removeSegment(sink, info);
  }
  const blocksBefore = Math.ceil(before.lastNum / before.blockSize);
  for (let b = Math.ceil(after.lastNum / after.blockSize); b < blocksBefore; b++) await sink.remove(engine.docBlockPath(b));
  const kept = new Set(Object.keys(after.parts));
  const stale = new Set([...Object.keys(before.parts), ...before.retiring].filter((key) => !kept.has(key)));
  for (const key of stale) await removePart(stateDir, key);
  await removeOldParts(stateDir, stale);
}
