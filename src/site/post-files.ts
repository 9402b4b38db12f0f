// Lists the post files under `_posts/` with their size and mtime, here or on a worker thread beside the build.
import { readdirSync, statSync } from "node:fs";
import { workerReply } from "./module-worker.js";

/** Extensions Jekyll renders as posts by default (markdown and HTML converters). */
const POST_EXTENSIONS = /\.(md|markdown|mkdown|mkdn|mkd|html|htm)$/i;

export interface FileStat {
  /** Path under `_posts/`, "/"-separated. */
  fileName: string;
  size: number;
  mtimeMs: number;
}

/** Post files under `postsDir` (subfolders too, as Jekyll reads them), skipping dot- and underscore-names. */
export function listPostFiles(postsDir: string, prefix = ""): FileStat[] {
  let entries;
  try {
    entries = readdirSync(postsDir, { withFileTypes: true });
  } catch (error) {
    if (prefix === "" && (error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const files: FileStat[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith(".") || entry.name.startsWith("_")) continue;
    const full = `${postsDir}/${entry.name}`;
    if (entry.isDirectory()) {
      files.push(...listPostFiles(full, `${prefix}${entry.name}/`));
      continue;
    }
    if (!POST_EXTENSIONS.test(entry.name) || !(entry.isFile() || entry.isSymbolicLink())) continue;
    const stat = statSync(full, { throwIfNoEntry: false });
    if (stat?.isFile()) files.push({ fileName: prefix + entry.name, size: stat.size, mtimeMs: stat.mtimeMs });
  }
  return files;
}

/** The listing as a worker sends it: names, and sizes and mtimes in typed arrays (cheap to copy across). */
export interface PackedFiles {
  names: string[];
  sizes: Float64Array;
  mtimes: Float64Array;
}

export function packFiles(files: readonly FileStat[]): PackedFiles {
  const sizes = new Float64Array(files.length);
  const mtimes = new Float64Array(files.length);
  files.forEach((file, i) => {
    sizes[i] = file.size;
    mtimes[i] = file.mtimeMs;
  });
  return { names: files.map((f) => f.fileName), sizes, mtimes };
}

export function unpackFiles(packed: PackedFiles): FileStat[] {
  return packed.names.map((fileName, i) => ({ fileName, size: packed.sizes[i]!, mtimeMs: packed.mtimes[i]! }));
}

/**
 * Starts listing `postsDir` on a worker thread, so the build's thread can load the last build's manifest
 * meanwhile (at 100,000 posts: listing and stat 0.4 s, the manifest 0.3 s, one after the other before).
 * Any trouble on the worker (it could not start, a folder it could not read) lists here instead, which also
 * gives the error its usual form.
 */
export async function listPostFilesAside(postsDir: string): Promise<FileStat[]> {
  const reply = await workerReply<PackedFiles | null>("list-worker", postsDir, 64);
  return reply === null ? listPostFiles(postsDir) : unpackFiles(reply);
}
