// `_posts/` against the last build's post index, here or on a worker thread beside the build: first which names
// are new and whether any is gone (the folder read), then whether any indexed file was edited (every file
// statted), and every file with its stats only when asked (a build of the whole archive).
//
// At 100,000 posts reading the folder takes 0.2 to 0.3 s and the stats 0.3 to 0.5 s more. On the worker, a
// build of new posts goes on after the first step and takes the verdict of the stats at its end; and the
// 100,000 names never cross to the build's thread unless the whole archive is read.
import { join } from "node:path";
import { indexPositions, listingCheck, listingDelta, type ListingCheck, type ListingDelta } from "./listing-delta.js";
import { loadSummary, MANIFEST_DIR, summarySize, type ManifestSummary, type PostIndex } from "./manifest.js";
import { moduleWorker } from "./module-worker.js";
import { filesOf, listPostNames, statPostFiles, type FileStat } from "./post-files.js";

/** From this summary size (about 5,000 posts) `_posts/` is listed on a worker: a worker's start (30 to 50 ms) is then worth it. */
const ASIDE_FROM_BYTES = 1 << 20;

/**
 * Begins listing the mirror `dir` against its last build, on a worker for a large mirror; undefined for a small
 * one or a first build (the build lists it then). This module loads little, so a command can begin the listing
 * before it loads the build's modules (0.3 s), and the two overlap.
 */
export function beginListing(dir: string): PostListing | undefined {
  const manifestDir = join(dir, MANIFEST_DIR);
  // `.newsmirror` missing or not a folder (size 0): the build lists it, or says what is wrong.
  return summarySize(manifestDir) >= ASIDE_FROM_BYTES ? listAside(join(dir, "_posts"), manifestDir) : undefined;
}

export interface PostListing {
  /** The listing against the summary's index; null without a summary (or another one than `against`). */
  delta: Promise<(ListingDelta & { against: string }) | null>;
  /** The stats' verdict, against the same index; null when there is no delta. */
  check: Promise<ListingCheck | null>;
  /** Every post file with its stats. */
  files: () => Promise<FileStat[]>;
  /** Stops the worker, if any: it waits for `files` until then. Every listing begun must be closed. */
  close: () => void;
}

/** What the list worker sends, in this order; then, asked, the names and stats of every file. */
export type ListMessage =
  | { delta: (ListingDelta & { against: string }) | null }
  | { check: ListingCheck | null }
  | { names: string[]; sizes: Float64Array; mtimes: Float64Array };

/** A summary's index with its save's id, as a listing compares against it. */
export function indexOfSummary(summary: ManifestSummary | null): { index: PostIndex; against: string } | null {
  return summary ? { index: summary.index, against: summary.saved } : null;
}

/** The index of the summary in `manifestDir`, when there is one (`indexOfSummary`). */
export function indexIn(manifestDir: string): { index: PostIndex; against: string } | null {
  return indexOfSummary(loadSummary(manifestDir, false));
}

/** The listing's steps on this thread: the folder read and its delta, then, called, every file statted and the check. */
export function listAgainst(postsDir: string, indexed: { index: PostIndex; against: string } | null): {
  names: string[];
  delta: (ListingDelta & { against: string }) | null;
  statAll: () => { stats: { sizes: Float64Array; mtimes: Float64Array }; check: ListingCheck | null };
} {
  const names = listPostNames(postsDir);
  const at = indexed ? indexPositions(indexed.index) : null;
  return {
    names,
    delta: indexed && at ? { ...listingDelta(indexed.index, names, at), against: indexed.against } : null,
    statAll: () => {
      const stats = statPostFiles(postsDir, names);
      return { stats, check: indexed && at ? listingCheck(indexed.index, at, names, stats) : null };
    },
  };
}

/** Lists here, at once. */
export function listHere(postsDir: string, indexed: { index: PostIndex; against: string } | null): PostListing {
  try {
    const { names, delta, statAll } = listAgainst(postsDir, indexed);
    const { stats, check } = statAll();
    return {
      delta: Promise.resolve(delta),
      check: Promise.resolve(check),
      files: () => Promise.resolve(filesOf(names, stats)),
      close: () => undefined,
    };
  } catch (error) {
    const failed = Promise.reject(error);
    failed.catch(() => undefined);
    return { delta: failed as Promise<null>, check: failed as Promise<null>, files: () => failed as Promise<FileStat[]>, close: () => undefined };
  }
}

/**
 * Lists `postsDir` on a worker thread, against the summary in `manifestDir` (read there). The worker stays
 * until `files` is given or the listing is closed (it keeps the process alive until then). Any trouble on the
 * worker (it could not start, a folder it could not read) lists here instead, which also gives an error its
 * usual form.
 */
export function listAside(postsDir: string, manifestDir: string): PostListing {
  let worker: ReturnType<typeof moduleWorker>;
  try {
    worker = moduleWorker("list-worker", { postsDir, manifestDir }, 128);
  } catch {
    return listHere(postsDir, indexIn(manifestDir));
  }
  let fallback: PostListing | undefined;
  const here = (): PostListing => (fallback ??= listHere(postsDir, indexIn(manifestDir)));
  // Each step's resolver until it has settled.
  let settleDelta: ((value: PostListing["delta"]) => void) | undefined;
  let settleCheck: ((value: PostListing["check"]) => void) | undefined;
  let settleFiles: ((value: Promise<FileStat[]>) => void) | undefined;
  const delta = new Promise<Awaited<PostListing["delta"]>>((resolve) => (settleDelta = (value) => resolve(value)));
  const check = new Promise<Awaited<PostListing["check"]>>((resolve) => (settleCheck = (value) => resolve(value)));
  let files: Promise<FileStat[]> | undefined;
  let stopped = false;
  let closed = false;
  const stop = (): void => {
    stopped = true;
    void worker.terminate();
  };
  // Whatever is still awaited when the worker fails or stops comes from listing here (not once it is closed:
  // nobody waits then, and listing here would block the thread for nothing).
  const fromHere = (): void => {
    if (closed) return;
    if (settleDelta) settleDelta(here().delta);
    if (settleCheck) settleCheck(here().check);
    if (settleFiles) settleFiles(here().files());
    settleDelta = settleCheck = settleFiles = undefined;
  };
  worker.on("message", (message: ListMessage | null) => {
    if (message === null) {
      stop();
      fromHere();
    } else if ("delta" in message) {
      settleDelta?.(Promise.resolve(message.delta));
      settleDelta = undefined;
    } else if ("check" in message) {
      settleCheck?.(Promise.resolve(message.check));
      settleCheck = undefined;
    } else {
      stop();
      settleFiles?.(Promise.resolve(filesOf(message.names, message)));
      settleFiles = undefined;
    }
  });
  worker.once("error", () => {
    stopped = true;
    fromHere();
  });
  worker.once("exit", () => {
    stopped = true;
    fromHere();
  });
  delta.catch(() => undefined);
  check.catch(() => undefined);
  return {
    delta,
    check,
    files: () => {
      files ??= new Promise<FileStat[]>((resolve, reject) => {
        if (closed) reject(new Error("the listing of _posts/ was closed"));
        else if (stopped) resolve(here().files());
        else {
          settleFiles = (value) => resolve(value);
          worker.postMessage("files");
        }
      });
      files.catch(() => undefined);
      return files;
    },
    close: () => {
      if (closed) return;
      closed = true;
      const gone = Promise.reject(new Error("the listing of _posts/ was closed"));
      gone.catch(() => undefined);
      settleDelta?.(Promise.resolve(null));
      settleCheck?.(Promise.resolve(null));
      settleFiles?.(gone);
      settleDelta = settleCheck = settleFiles = undefined;
      if (!stopped) stop();
    },
  };
}
