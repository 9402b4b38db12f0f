// What the index remembers between builds (in the state folder), so that adding posts rewrites only what they touch.
import { existsSync } from "node:fs";
import { mkdir, open, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** Format of the state files; a different number means a full rebuild. 3: parts keyed by window and part,
 * saved in slices, and a window that is sealed over several builds. */
export const STATE_VERSION = 3;

/** A part's saved postings are split into this many files by the sealed shard their token goes to
 * (shard index mod SLICES), so that one slice of a sealed window is built from one file of each part. */
export const SLICES = 8;

/** Postings of one token inside one part: [document frequency, last document number, encoded postings]. */
export type PartPostings = [number, number, string];

export interface IndexSizes {
  /** Documents in a window; a full window is sealed into one segment and never rewritten. */
  windowDocs: number;
  windowShards: number;
  windowUnigramShards: number;
  /** Documents in a part of the window being filled; an append rewrites only the parts it touches. */
  partDocs: number;
  partShards: number;
  partUnigramShards: number;
  /** Documents in a block of the document table. */
  blockSize: number;
}

/** A full window whose sealed segment is being written one slice a build; queries still read its parts. */
export interface Sealing {
  window: number;
  /** The slice the next build writes (0 .. SLICES - 1). */
  next: number;
}

export interface IndexState extends IndexSizes {
  version: number;
  /** Highest document number handed out; numbers start at 1 and are never reused. */
  lastNum: number;
  /** Sum of document lengths (in tokens) and how many documents, for BM25's average length. */
  lengthSum: number;
  lengthCount: number;
  /** Post id -> [document number, content hash, source]. */
  docs: Record<string, [number, string, string]>;
  /** Document numbers of posts that were removed or replaced since the last full build. */
  deleted: number[];
  /** Source name -> live document count. */
  sources: Record<string, number>;
  /** Per document block: [first day, last day] (days since 1970-01-01 UTC). */
  spans: Array<[number, number] | null>;
  /** Rows of the last, not yet full, document block. */
  openBlock: unknown[][];
  /** Keys of the segments whose files may be in the output ("3", "4.0", ...): listed ones, a window being
   * sealed, parts being retired. A full rebuild removes those it does not write again. */
  segments: string[];
  /** Part key ("4.0": window 4, part 0) -> the last document number its saved postings hold. */
  parts: Record<string, number>;
  /** The window being sealed, or null. */
  sealing: Sealing | null;
  /** Keys of parts no manifest lists any more whose output files are still to be removed, oldest first. */
  retiring: string[];
}

export function emptyState(sizes: IndexSizes): IndexState {
  return {
    version: STATE_VERSION, ...sizes, lastNum: 0, lengthSum: 0, lengthCount: 0,
    docs: {}, deleted: [], sources: {}, spans: [], openBlock: [], segments: [], parts: {}, sealing: null, retiring: [],
  };
}

const STATE_FILE = "search-state.json";
const PENDING_FILE = "search-pending";
const PART_KEY = /^\d+\.\d+$/;
const partFile = (key: string, slice: number): string => `search-part-${key}-${slice}.json`;

/** The saved state, or null when there is none, it is unreadable, or a part file disagrees with it. */
export async function loadState(dir: string): Promise<IndexState | null> {
  try {
    const state = JSON.parse(await readFile(join(dir, STATE_FILE), "utf8")) as IndexState;
    if (state.version !== STATE_VERSION || typeof state.lastNum !== "number" || typeof state.docs !== "object") return null;
    if (!Array.isArray(state.retiring) || !Array.isArray(state.segments) || typeof state.parts !== "object" || state.parts === null) return null;
    const sealing = state.sealing as unknown;
    if (sealing !== null) {
      if (typeof sealing !== "object" || !Number.isInteger(state.sealing?.window) || !Number.isInteger(state.sealing?.next)) return null;
      const { window, next } = state.sealing as Sealing;
      // the slices still to write read every part of the window: a state that lost one cannot go on
      if (next < 0 || next >= SLICES || !(state.partDocs > 0)) return null;
      for (let part = 0; part * state.partDocs < state.windowDocs; part++) if (state.parts[`${window}.${part}`] === undefined) return null;
    }
    for (const [key, upTo] of Object.entries(state.parts)) {
      if (!PART_KEY.test(key)) return null;
      // every slice: a crash while a part was being saved leaves some slices newer than the state
      for (let slice = 0; slice < SLICES; slice++) if ((await partUpTo(dir, key, slice)) !== upTo) return null;
    }
    return state;
  } catch {
    return null;
  }
}

/** The `upTo` a part file starts with, read from its first bytes only. */
async function partUpTo(dir: string, key: string, slice: number): Promise<number | null> {
  const handle = await open(join(dir, partFile(key, slice)), "r");
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(40), 0, 40, 0);
    const match = /^\{"upTo":(\d+),/.exec(buffer.subarray(0, bytesRead).toString("latin1"));
    return match ? Number(match[1]) : null;
  } finally {
    await handle.close();
  }
}

/** One slice of a part's saved postings, in the order saved. */
export async function loadPartSlice(dir: string, key: string, slice: number): Promise<Array<[string, PartPostings]>> {
  const saved = JSON.parse(await readFile(join(dir, partFile(key, slice)), "utf8")) as { upTo: number; rows: Array<[string, ...PartPostings]> };
  return saved.rows.map(([token, df, last, encoded]) => [token, [df, last, encoded]]);
}

/** A part's saved postings, every slice. */
export async function loadPart(dir: string, key: string): Promise<Map<string, PartPostings>> {
  const out = new Map<string, PartPostings>();
  for (let slice = 0; slice < SLICES; slice++) {
    for (const [token, postings] of await loadPartSlice(dir, key, slice)) out.set(token, postings);
  }
  return out;
}

/** Saves a part's postings as SLICES files; `slices[s]` holds the rows of slice s (missing ones are empty). */
export async function savePart(dir: string, key: string, upTo: number, slices: ReadonlyArray<Iterable<[string, PartPostings]>>): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (let slice = 0; slice < SLICES; slice++) {
    const rows: string[] = [];
    for (const [token, p] of slices[slice] ?? []) rows.push(JSON.stringify([token, p[0], p[1], p[2]]));
    await writeAtomically(join(dir, partFile(key, slice)), `{"upTo":${upTo},"rows":[` + rows.join(",\n") + "]}");
  }
}

export async function removePart(dir: string, key: string): Promise<void> {
  for (let slice = 0; slice < SLICES; slice++) await rm(join(dir, partFile(key, slice)), { force: true });
}

/** Removes the one-file parts of the version 2 format ("search-part-3.json", keyed by part number). */
export async function removeOldParts(dir: string, parts: Iterable<string>): Promise<void> {
  for (const part of parts) if (/^\d+$/.test(part)) await rm(join(dir, `search-part-${part}.json`), { force: true });
}

/** What a saved state says about the files of the index, whatever its version and even when its part files
 * disagree with it: a full rebuild uses it to remove what the previous index had and the new one does not. */
export async function loadStateLoosely(dir: string): Promise<IndexState | null> {
  try {
    const state = JSON.parse(await readFile(join(dir, STATE_FILE), "utf8")) as Partial<IndexState> | null;
    if (state === null || typeof state !== "object" || !Array.isArray(state.segments) || !state.segments.every((k) => typeof k === "string")) return null;
    const sizes: Array<keyof IndexSizes> = ["windowDocs", "windowShards", "windowUnigramShards", "partDocs", "partShards", "partUnigramShards", "blockSize"];
    // sizes bound the loops that remove files: a damaged number must not make one run for ever
    const sane = (n: unknown): boolean => Number.isInteger(n) && (n as number) > 0 && (n as number) <= 1 << 20;
    if (!sizes.every((k) => sane(state[k])) || !Number.isInteger(state.lastNum) || (state.lastNum as number) < 0 || (state.lastNum as number) > 1e9) return null;
    return {
      ...(state as IndexState),
      parts: typeof state.parts === "object" && state.parts !== null ? state.parts : {},
      retiring: Array.isArray(state.retiring) ? state.retiring.filter((k) => typeof k === "string") : [],
    };
  } catch {
    return null;
  }
}

/** Whether `state` leaves work to later builds even when nothing changes: a window sealing, parts retiring. */
export function hasWorkLeft(state: IndexState): boolean {
  return state.sealing !== null || state.retiring.length > 0;
}

/** Writes the state atomically (temp file, then rename); part files are written before it. */
export async function saveState(dir: string, state: IndexState): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeAtomically(join(dir, STATE_FILE), JSON.stringify(state));
  // A marker a caller reads without loading the state: a build with nothing new still has sealing to do.
  if (hasWorkLeft(state)) await writeFile(join(dir, PENDING_FILE), "");
  else await rm(join(dir, PENDING_FILE), { force: true });
}

/** Whether the index saved in `dir` has work spread over builds still to do (a window sealing, parts retiring),
 * so a build should run it although no post changed. A lost marker only delays that work to the next change. */
export function hasPendingWork(dir: string): boolean {
  return existsSync(join(dir, PENDING_FILE));
}

async function writeAtomically(path: string, text: string): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, text);
  await rename(temp, path);
}
