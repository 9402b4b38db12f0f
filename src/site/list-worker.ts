// Lists the post files on a worker thread (see `listPostFilesAside`); null when listing failed.
import { parentPort, workerData } from "node:worker_threads";
import { listPostFiles, packFiles, type PackedFiles } from "./post-files.js";

let reply: PackedFiles | null;
try {
  reply = packFiles(listPostFiles(workerData as string));
} catch {
  reply = null;
}
parentPort!.postMessage(reply);
