// Lists the post files on a worker thread (see `listPostFilesAside`): the names, then their stats; null when
// listing failed.
import { parentPort, workerData } from "node:worker_threads";
import { listPostNames, statPostFiles, type ListMessage } from "./post-files.js";

const postsDir = workerData as string;
try {
  const names = listPostNames(postsDir);
  parentPort!.postMessage({ names } satisfies ListMessage);
  const stats = statPostFiles(postsDir, names);
  parentPort!.postMessage(stats satisfies ListMessage);
} catch {
  parentPort!.postMessage(null);
}
