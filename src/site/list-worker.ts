// Lists the post files on a worker thread against the last build's index (see post-listing.ts): the delta, then
// the stats' verdict, then, asked, every file; null when listing failed.
import { parentPort, workerData } from "node:worker_threads";
import { indexIn, listAgainst, type ListMessage } from "./post-listing.js";

const { postsDir, manifestDir } = workerData as { postsDir: string; manifestDir: string };
try {
  const { names, delta, statAll } = listAgainst(postsDir, indexIn(manifestDir));
  parentPort!.postMessage({ delta } satisfies ListMessage);
  const { stats, check } = statAll();
  parentPort!.postMessage({ check } satisfies ListMessage);
  // Stays until the build asks for every file or stops it.
  parentPort!.on("message", () => parentPort!.postMessage({ names, ...stats } satisfies ListMessage));
} catch {
  parentPort!.postMessage(null);
}
