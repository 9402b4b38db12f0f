// Lists the post files under `_posts/` with their size and mtime.
import { readdirSync, statSync } from "node:fs";

/** Extensions Jekyll renders as posts by default (markdown and HTML converters). */
const POST_EXTENSIONS = /\.(md|markdown|mkdown|mkdn|mkd|html|htm)$/i;

export interface FileStat {
  /** Path under `_posts/`, "/"-separated. */
  fileName: string;
  size: number;
  mtimeMs: number;
}

/**
 * Names of the post files under `postsDir` (subfolders too, as Jekyll reads them), skipping dot- and
 * underscore-names; symbolic links are included, `statPostFiles` tells which lead to files.
 */
export function listPostNames(postsDir: string, prefix = ""): string[] {
  let entries;
  try {
    entries = readdirSync(postsDir, { withFileTypes: true });
  } catch (error) {
    if (prefix === "" && (error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const names: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith(".") || entry.name.startsWith("_")) continue;
    if (entry.isDirectory()) {
      names.push(...listPostNames(`${postsDir}/${entry.name}`, `${prefix}${entry.name}/`));
      continue;
    }
    if (POST_EXTENSIONS.test(entry.name) && (entry.isFile() || entry.isSymbolicLink())) names.push(prefix + entry.name);
  }
  return names;
}

/** Sizes and mtimes of `names` under `postsDir`; NaN for a name that is not a file (or no longer there). */
export function statPostFiles(postsDir: string, names: readonly string[]): { sizes: Float64Array; mtimes: Float64Array } {
  const sizes = new Float64Array(names.length);
  const mtimes = new Float64Array(names.length);
  names.forEach((name, i) => {
    const stat = statSync(`${postsDir}/${name}`, { throwIfNoEntry: false });
    sizes[i] = stat?.isFile() ? stat.size : Number.NaN;
    mtimes[i] = stat?.isFile() ? stat.mtimeMs : Number.NaN;
  });
  return { sizes, mtimes };
}

/** The files among `names` with their stats (`statPostFiles`). */
export function filesOf(names: readonly string[], stats: { sizes: Float64Array; mtimes: Float64Array }): FileStat[] {
  const files: FileStat[] = [];
  names.forEach((fileName, i) => {
    if (!Number.isNaN(stats.sizes[i]!)) files.push({ fileName, size: stats.sizes[i]!, mtimeMs: stats.mtimes[i]! });
  });
  return files;
}

/** Post files under `postsDir` with their size and mtime. */
export function listPostFiles(postsDir: string): FileStat[] {
  const names = listPostNames(postsDir);
  return filesOf(names, statPostFiles(postsDir, names));
}

