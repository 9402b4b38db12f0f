// The build `newsmirror run` ends with, begun when the mirror is open, before the fetch: the listing of `_posts/` on a
// worker, the last build's summary and story links read (about 0.1 s at 100,000 posts, before the first request),
// and each new post's story text as the fetch writes it. Told afterwards which post files the fetch created or
// rewrote, the build usually finds the listing done (a fetch of real feeds takes seconds; the listing at 100,000
// posts 0.6 to 1 s) and reads none of these.
import { join } from "node:path";
import type { PostFileChanges } from "../archive/index.js";
import type { Result } from "../result.js";
import { build, type BuildOptions, type BuildReport } from "./build.js";
import { withPostFiles } from "./listing-after-writes.js";
import { beginListing, type PostListing } from "./post-listing.js";
import { prepareBuild, prepareStoryText, type PreparedBuild } from "./prepared-build.js";

/**
 * Story texts read during a fetch, at most: an hourly fetch writes tens to hundreds of posts, and a fetch that
 * writes thousands (a large feed's backlog) is built the whole way, which reads them anyway.
 */
const MAX_TEXTS = 1_000;

export interface BuildAfterFetch {
  /** To be called with each post file the fetch creates or rewrites, as it does. */
  onPostFile: (fileName: string) => void;
  /** The build, once the fetch has written `changes` (every file `onPostFile` was called with). */
  build: (changes: PostFileChanges, options?: Omit<BuildOptions, "dir" | "listing" | "prepared">) => Promise<Result<BuildReport>>;
  /** Stops the listing's worker if the build is not run (the build closes it otherwise). */
  close: () => void;
}

/**
 * Begins the build of the mirror in `dir` that follows a fetch, once the mirror is open (its staged posts placed:
 * every post file written from then on must reach `onPostFile`). `list` begins the listing (tests list at once).
 * @example const after = beginBuildAfterFetch(dir); ... await after.build(report.postFiles);
 */
export function beginBuildAfterFetch(dir: string, list: (dir: string) => PostListing | undefined = beginListing): BuildAfterFetch {
  const postsDir = join(dir, "_posts");
  const listing = list(dir);
  let prepared: PreparedBuild | undefined;
  try {
    prepared = prepareBuild(dir);
  } catch {
    // Nothing prepared: the build reads what it needs itself, and says what is wrong with it.
  }
  // Posts read for their story text, by name (a post rewritten after is read again, and counted once).
  const read = new Set<string>();
  return {
    onPostFile: (fileName) => {
      if (!prepared || (read.size >= MAX_TEXTS && !read.has(fileName))) return;
      read.add(fileName);
      prepareStoryText(prepared, postsDir, fileName);
    },
    build: (changes, options = {}) => {
      let toldListing: PostListing | undefined;
      try {
        toldListing = listing && withPostFiles(listing, postsDir, changes);
      } catch {
        // A written file that cannot be statted: the build lists the folder itself, and says what it cannot read.
        listing?.close();
      }
      return build({ ...options, dir, prepared, listing: toldListing });
    },
    close: () => listing?.close(),
  };
}
