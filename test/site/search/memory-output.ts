// An index output held in memory, and a readShard over it, for the search tests.
import type { IndexOutput } from "../../../src/site/search/index.js";

export interface MemoryOutput extends IndexOutput {
  files: Map<string, string>;
  read(path: string): Promise<string | null>;
}

export function memoryOutput(): MemoryOutput {
  const files = new Map<string, string>();
  return {
    files,
    async write(path, data) {
      files.set(path, typeof data === "string" ? data : new TextDecoder().decode(data));
    },
    async remove(path) {
      files.delete(path);
    },
    async read(path) {
      return files.get(path) ?? null;
    },
  };
}
