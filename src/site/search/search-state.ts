// What the index remembers between builds (in the state folder), so that adding posts rewrites only what they touch.
import { mkdir, open, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** Format of the state files; a different number means a full rebuild. */
export const STATE_VERSION = 2;

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
  /** Keys of the segments present in the output ("3", "4.0", ...). */
  segments: string[];
  /** Part number of the open window -> the last document number its saved postings hold. */
  parts: Record<string, number>;
}

export function emptyState(sizes: IndexSizes): IndexState {
  return {
    version: STATE_VERSION, ...sizes, lastNum: 0, lengthSum: 0, lengthCount: 0,
    docs: {}, deleted: [], sources: {}, spans: [], openBlock: [], segments: [], parts: {},
  };
}

const STATE_FILE = "search-state.json";
const partFile = (part: number): string => `search-part-${part}.json`;

/** The saved state, or null when there is none, it is unreadable, or a part file disagrees with it. */
export async function loadState(dir: string): Promise<IndexState | null> {
  try {
    const state = JSON.parse(await readFile(join(dir, STATE_FILE), "utf8")) as IndexState;
    if (state.version !== STATE_VERSION || typeof state.lastNum !== "number" || typeof state.docs !== "object") return null;
    for (const [part, upTo] of Object.entries(state.parts)) {
      if ((await partUpTo(dir, Number(part))) !== upTo) return null;
    }
    return state;
  } catch {
    return null;
  }
}

/** The `upTo` a part file starts with, read from its first bytes only. */
async function partUpTo(dir: string, part: number): Promise<number | null> {
  const handle = await open(join(dir, partFile(part)), "r");
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(40), 0, 40, 0);
    const match = /^\{"upTo":(\d+),/.exec(buffer.subarray(0, bytesRead).toString("latin1"));
    return match ? Number(match[1]) : null;
  } finally {
    await handle.close();
  }
}

/** A part's saved postings. */
export async function loadPart(dir: string, part: number): Promise<Map<string, PartPostings>> {
  const saved = JSON.parse(await readFile(join(dir, partFile(part)), "utf8")) as { upTo: number; rows: Array<[string, ...PartPostings]> };
  const out = new Map<string, PartPostings>();
  for (const [token, df, last, encoded] of saved.rows) out.set(token, [df, last, encoded]);
  return out;
}

export async function savePart(dir: string, part: number, upTo: number, postings: Iterable<[string, PartPostings]>): Promise<void> {
  await mkdir(dir, { recursive: true });
  const rows: string[] = [];
  for (const [token, p] of postings) rows.push(JSON.stringify([token, p[0], p[1], p[2]]));
  await writeAtomically(join(dir, partFile(part)), `{"upTo":${upTo},"rows":[` + rows.join(",\n") + "]}");
}

export async function removePart(dir: string, part: number): Promise<void> {
  await rm(join(dir, partFile(part)), { force: true });
}

/** Writes the state atomically (temp file, then rename); part files are written before it. */
export async function saveState(dir: string, state: IndexState): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeAtomically(join(dir, STATE_FILE), JSON.stringify(state));
}

async function writeAtomically(path: string, text: string): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, text);
  await rename(temp, path);
}
