// The build `newsmirror run` ends with, begun while its fetch runs: the listing of `_posts/` on a worker, the last
// build's summary and story links read, each new post's story text read as the fetch writes it. Then the build,
// told which post files the fetch created or rewrote, needs neither to wait for the listing nor to read these.
import { join } from "node:path";
import type { PostFileChanges } from "../archive/index.js";
import type { Result } from "../result.js";
import { build, type BuildOptions, type BuildReport } from "./build.js";
import { withPostFiles } from "./listing-after-writes.js";
import { beginListing, type PostListing } from "./post-listing.js";
import { prepareBuild, prepareStoryText, type PreparedBuild } from "./prepared-build.js";

/** Story texts read as the fetch writes posts, at most. */
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
 * every post file written from then on must reach `onPostFile`).
 * @example const after = beginBuildAfterFetch(dir); ... await after.build(report.postFiles);
 */
export function beginBuildAfterFetch(dir: string): BuildAfterFetch {
  const postsDir = join(dir, "_posts");
  const listing: PostListing | undefined = beginListing(dir);
  let prepared: PreparedBuild | undefined;
  try {
    prepared = prepareBuild(dir);
  } catch {
    // Nothing prepared: the build reads what it needs itself, and says what is wrong with it.
  }
  let texts = 0;
  return {
    onPostFile: (fileName) => {
      // An hourly fetch writes tens to hundreds of posts; a mirror's first fetch of a large feed is built the whole
      // way anyway, and its texts would only hold up the fetch.
      if (prepared && texts++ < MAX_TEXTS) prepareStoryText(prepared, postsDir, fileName);
    },
    build: (changes, options = {}) => {
      let told: PostListing | undefined;
      try {
        told = listing && withPostFiles(listing, postsDir, changes);
      } catch {
        // A written file that cannot be statted: the build lists the folder itself, and says what it cannot read.
        listing?.close();
      }
      return build({ ...options, dir, prepared, listing: told });
    },
    close: () => listing?.close(),
  };
}
