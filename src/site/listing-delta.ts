// What changed in `_posts/` since the last build, from its listing and the manifest's post index (and, for a
// listing begun before this process wrote posts, what it wrote: listing-after-writes.ts).
import type { PostIndex } from "./manifest.js";
import type { FileStat } from "./post-files.js";

export interface ListingDelta {
  /** Listed names the index does not know: new posts, or files that could not be read last time. */
  newNames: string[];
  /** Whether a file the index knows is no longer listed. */
  gone: boolean;
  /** Whether a file the index knows was rewritten, as the process that rewrote it told (`withPostFiles`). */
  edited?: boolean;
  /**
   * Names the process that wrote them told new and the listing did not list as new (read before them, or seen
   * as a file the index knows): the build checks that the index holds none.
   */
  told?: string[];
}

export interface ListingCheck {
  /** Whether a file the index knows has another size or mtime. */
  edited: boolean;
  /** The new names that are files, with their stats. */
  newFiles: FileStat[];
}

/** Each indexed file name's position in the index. */
export function indexPositions(index: PostIndex): Map<string, number> {
  const at = new Map<string, number>();
  index.names.forEach((name, i) => at.set(name, i));
  return at;
}

/** The listed names the index does not know, and whether some it knows are gone (`at`: `indexPositions`). */
export function listingDelta(index: PostIndex, names: readonly string[], at: ReadonlyMap<string, number>): ListingDelta {
  const newNames = names.filter((name) => !at.has(name));
  // Names are distinct, so fewer known names than indexed posts means some are gone.
  return { newNames, gone: names.length - newNames.length < index.names.length };
}

/** The stats' verdict on the listing: an indexed file edited, and the new files (`stats` aligned with `names`). */
export function listingCheck(index: PostIndex, at: ReadonlyMap<string, number>, names: readonly string[], stats: { sizes: Float64Array; mtimes: Float64Array }): ListingCheck {
  const newFiles: FileStat[] = [];
  let edited = false;
  names.forEach((name, k) => {
    const i = at.get(name);
    // A new name that is not a file (NaN stats) is no post.
    if (i === undefined) {
      if (!Number.isNaN(stats.sizes[k]!)) newFiles.push({ fileName: name, size: stats.sizes[k]!, mtimeMs: stats.mtimes[k]! });
    } else if (index.sizes[i] !== stats.sizes[k] || index.mtimes[i] !== stats.mtimes[k]) edited = true;
  });
  return { edited, newFiles };
}
