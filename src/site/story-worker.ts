// Story links of a whole mirror on a worker thread: a first build reads every post once more, and the garbage
// of 100,000 parsed articles stays in this thread's small heap instead of raising the build's peak memory.
import { parentPort, workerData } from "node:worker_threads";
import { readPostHtml } from "./post-reader.js";
import { linkStories, loadStoryCache, saveStoryCache, type StoryPost } from "./story-links.js";

export interface StoryWorkerInput {
  cacheFile: string;
  postsDir: string;
  posts: StoryPost[];
}

export type StoryWorkerReply =
  | { ok: true; links: Array<[string, string[]]>; windowsComputed: number; postsRead: number }
  | { ok: false; message: string; code?: string };

const input = workerData as StoryWorkerInput;
let reply: StoryWorkerReply;
try {
  const result = await linkStories(input.posts, await loadStoryCache(input.cacheFile), (fileName) => readPostHtml(input.postsDir, fileName));
  if (result.windowsComputed > 0) await saveStoryCache(input.cacheFile, result.cache);
  reply = { ok: true, links: [...result.links], windowsComputed: result.windowsComputed, postsRead: result.postsRead };
} catch (error) {
  reply = { ok: false, message: (error as Error).message, code: (error as NodeJS.ErrnoException).code };
}
parentPort!.postMessage(reply);
