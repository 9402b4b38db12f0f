// The build `newsmirror run` ends with, begun while its fetch runs: the listing of `_posts/` on a worker, the last
// build's summary and story links read, each new post's story text read as the fetch writes it. Then the build,
// told which post files the fetch created or rewrote, needs neither to wait for the listing nor to read these.
import { join } from "node:path";
import type { PostFileChanges } from "../archive/index.js";
import type { Result } from "../result.js";
import { build, type BuildOptions, type BuildReport } from "./build.js";
import { beginListing, withPostFiles, type PostListing } from "./post-listing.js";
import { prepareBuild, prepareStoryText, type PreparedBuild } from "./prepared-build.js";

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
  return {
    onPostFile: (fileName) => {
      if (prepared) prepareStoryText(prepared, postsDir, fileName);
    },
    build: (changes, options = {}) => build({ ...options, dir, prepared, listing: listing && withPostFiles(listing, postsDir, changes) }),
    close: () => listing?.close(),
  };
}
