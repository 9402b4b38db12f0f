// What changed in `_posts/` since the last build, from its listing and the manifest's post index alone.
import type { PostIndex } from "./manifest.js";
import type { FileStat } from "./post-files.js";

/**
 * The listed files the index does not know (new posts, or files that could not be read last time), or null
 * when a file the index knows was edited (another size or mtime) or is gone: then the whole archive is read.
 */
export function addedFiles(index: PostIndex, files: readonly FileStat[], at = indexPositions(index)): FileStat[] | null {
  const added: FileStat[] = [];
  let known = 0;
  for (const file of files) {
    const i = at.get(file.fileName);
    if (i === undefined) {
      added.push(file);
      continue;
    }
    if (index.sizes[i] !== file.size || index.mtimes[i] !== file.mtimeMs) return null;
    known++;
  }
  // File names are distinct, so fewer known files than indexed ones means some are gone.
  return known === index.names.length ? added : null;
}

/** Each indexed file name's position in the index. */
export function indexPositions(index: PostIndex): Map<string, number> {
  const at = new Map<string, number>();
  index.names.forEach((name, i) => at.set(name, i));
  return at;
}
