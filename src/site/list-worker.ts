// Lists the post files on a worker thread against the last build's index (see post-listing.ts): the delta, then
// the stats' verdict, then, asked, every file; null when listing failed.
import { parentPort, workerData } from "node:worker_threads";
import { indexPositions, listingCheck, listingDelta } from "./listing-delta.js";
import { indexIn, type ListMessage } from "./post-listing.js";
import { listPostNames, statPostFiles } from "./post-files.js";

const { postsDir, manifestDir } = workerData as { postsDir: string; manifestDir: string };
try {
  const names = listPostNames(postsDir);
  const indexed = indexIn(manifestDir);
  const at = indexed ? indexPositions(indexed.index) : null;
  parentPort!.postMessage({ delta: indexed && at ? { ...listingDelta(indexed.index, names, at), against: indexed.against } : null } satisfies ListMessage);
  const stats = statPostFiles(postsDir, names);
  parentPort!.postMessage({ check: indexed && at ? listingCheck(indexed.index, at, names, stats) : null } satisfies ListMessage);
  // Stays until the build asks for every file or stops it.
  parentPort!.on("message", () => parentPort!.postMessage({ names, ...stats } satisfies ListMessage));
} catch {
  parentPort!.postMessage(null);
}
