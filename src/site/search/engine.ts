// The typed face of theme/assets/search-engine.js, the one engine the browser and Node both run.
// The engine is a classic script (no import/export) so that it loads from file:// through a <script>
// tag; Node runs the same bytes through import(), which leaves it on globalThis.
import { THEME_URL } from "../theme-dir.js";

export interface SearchHit {
  id: string;
  url: string;
  title: string;
  /** [start, end) ranges of `title` that match the query (UTF-16 offsets). */
  titleMarks: Array<[number, number]>;
  source: string;
  date: string;
  score: number;
  /** A short excerpt of the body around the first match. */
  snippet: string;
  snippetMarks: Array<[number, number]>;
}

export interface SearchFilters {
  source?: string;
  /** ISO date or date-time, inclusive, whole days in UTC. */
  from?: string;
  to?: string;
}

export interface SearchOutcome {
  hits: SearchHit[];
  total: number;
  /** Index files the query read, in the order they arrived. */
  files: string[];
  tokens?: string[];
  error?: string;
}

export type Fold = (codePoint: number) => number;

/** One segment of the index as the manifest lists it. */
export interface SegmentInfo {
  /** "3" for sealed window 3, "3.2" for part 2 of the window being filled. */
  key: string;
  /** Its first document number; posting lists count their first gap from first - 1. */
  first: number;
  shards: number;
  unigramShards: number;
}

export interface SearchEngine {
  version: number;
  createFold(table: string): Fold;
  scan(text: string, fold: Fold, unigrams: boolean, emit: (token: string, start: number, end: number) => void): void;
  scanDoc(title: string, text: string, fold: Fold, emit: (token: string, weight: number) => void): number;
  queryTokens(query: string, fold: Fold): string[];
  sourceToken(source: string): string;
  hashToken(token: string): number;
  impactOf(tf: number, length: number, averageLength: number): number;
  idfOf(df: number, total: number): number;
  encodePosting(gap: number, impact: number): string;
  decodePostings(encoded: string, base: number, visit: (docNumber: number, impact: number) => void): boolean;
  wrapShard(path: string, value: unknown): string;
  unwrapShard(text: string): unknown;
  postingPath(key: string, shard: number): string;
  unigramPath(key: string, shard: number): string;
  isUnigram(token: string): boolean;
  tokenPath(token: string, segment: SegmentInfo): string;
  rebasePostings(encoded: string, oldBase: number, newBase: number): string;
  docBlockPath(block: number): string;
  daysOf(iso: string): number;
  search(
    query: string,
    load: (path: string) => Promise<unknown>,
    filters?: SearchFilters,
    options?: { limit?: number; offset?: number; cache?: Map<string, Promise<unknown>> },
  ): Promise<SearchOutcome>;
  highlight(text: string, tokens: string[], fold: Fold, limit: number): { text: string; marks: Array<[number, number]> };
  snippetOf(text: string, tokens: string[], fold: Fold, size: number): { text: string; marks: Array<[number, number]> };
}

/** Where the engine's script lives, in the default theme. */
export const ENGINE_FILE = new URL("assets/search-engine.js", THEME_URL);

await import(ENGINE_FILE.href);

const loaded = (globalThis as { NewsmirrorSearch?: SearchEngine }).NewsmirrorSearch;
if (loaded === undefined) throw new Error(`search engine did not register itself: ${ENGINE_FILE.pathname}`);

/** The engine, shared with the browser. */
export const engine: SearchEngine = loaded;
