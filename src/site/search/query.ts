// Answers a query from index files in Node with the browser's own engine; also reads an index from a folder.
import { readFile } from "node:fs/promises";
import { resolve, sep } from "node:path";
import { engine, type SearchFilters, type SearchHit, type SearchOutcome } from "./engine.js";

/**
 * Hits for `query`, best first. `readShard(path)` returns the text of an index file ("manifest.js",
 * "p/0/1k.js", ...) or null when there is none.
 * Example: `await searchIndex("詐騙", readShardFromDir("site/search/index"), { source: "(臺)中央社CNA" })`.
 */
export async function searchIndex(
  query: string,
  readShard: (path: string) => Promise<string | null>,
  filters?: SearchFilters,
): Promise<SearchHit[]> {
  return (await runSearch(query, readShard, filters)).hits;
}

/** The whole outcome: hits, total matches and the files read (to measure what a query downloads). */
export async function runSearch(
  query: string,
  readShard: (path: string) => Promise<string | null>,
  filters?: SearchFilters,
  options?: { limit?: number; offset?: number },
): Promise<SearchOutcome> {
  const load = async (path: string): Promise<unknown> => {
    const text = await readShard(path);
    return text === null ? null : engine.unwrapShard(text);
  };
  return engine.search(typeof query === "string" ? query : "", load, filters ?? {}, options ?? {});
}

/** A readShard over a folder on disk; paths that would leave the folder read as missing. */
export function readShardFromDir(dir: string): (path: string) => Promise<string | null> {
  const root = resolve(dir) + sep;
  return async (path) => {
    const full = resolve(root, path);
    if (!full.startsWith(root)) return null;
    try {
      return await readFile(full, "utf8");
    } catch {
      return null;
    }
  };
}
