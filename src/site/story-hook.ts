// The build's side of story links: the cache in `.newsmirror/`, the links of this build's posts, and which posts
// were or are in a story (their pages show the others, so the planner never reuses their recorded inputs).
import type { PostSummary } from "./post-record.js";
import { workerReply } from "./module-worker.js";
import { linkStories, loadStoryCache, saveStoryCache, type StoryCache, type StoryPost } from "./story-links.js";
import type { StoryWorkerInput, StoryWorkerReply } from "./story-worker.js";

export interface StoryOutcome {
  /** File name to the other members' file names. */
  links: Map<string, string[]>;
  /** Posts in a story now or at the last build. */
  storied: Set<string>;
  windowsComputed: number;
  postsRead: number;
  /** Whether the links were found on a worker thread. */
  onWorker: boolean;
}

export interface StoryOptions {
  /** Folder the worker reads posts from. */
  postsDir: string;
  /**
   * A first build (no cached window) of at least this many posts links them on a worker thread. Measured at
   * 100,000 posts: 1,131 MB peak in-process, 694 MB with the worker (its heap is capped). Below, the build's
   * own thread is faster (10,000 posts: 2.5 s, against 5.1 s on a worker that rereads every post).
   */
  workerFrom?: number;
}

const WORKER_FROM = 30_000;
const WORKER_HEAP_MB = 192;

async function linkHere(cacheFile: string, posts: readonly StoryPost[], cache: StoryCache, readHtml: (fileName: string) => Promise<string>): Promise<Omit<StoryOutcome, "storied">> {
  const result = await linkStories(posts, cache, readHtml);
  if (result.windowsComputed > 0) await saveStoryCache(cacheFile, result.cache);
  return { links: result.links, windowsComputed: result.windowsComputed, postsRead: result.postsRead, onWorker: false };
}

/** Links the posts of one story, reusing the cached windows in `cacheFile` and saving it when it changed. */
export async function linkPostStories(cacheFile: string, posts: readonly PostSummary[], readHtml: (fileName: string) => Promise<string>, options: StoryOptions): Promise<StoryOutcome> {
  const cache = await loadStoryCache(cacheFile);
  const storied = new Set<string>();
  for (const window of Object.values(cache.windows)) for (const cluster of window.clusters) for (const name of cluster) storied.add(name);
  let result: Omit<StoryOutcome, "storied"> | null = null;
  if (Object.keys(cache.windows).length === 0 && posts.length >= (options.workerFrom ?? WORKER_FROM)) {
    // Only what the links need crosses to the worker (posts are copied there).
    const storyPosts = posts.map((p) => ({ fileName: p.fileName, site: p.site, time: p.time, hash: p.hash }));
    const reply = await workerReply<StoryWorkerReply>("story-worker", { cacheFile, postsDir: options.postsDir, posts: storyPosts } satisfies StoryWorkerInput, WORKER_HEAP_MB);
    if (reply && !reply.ok) throw Object.assign(new Error(reply.message), { code: reply.code });
    if (reply) result = { links: new Map(reply.links), windowsComputed: reply.windowsComputed, postsRead: reply.postsRead, onWorker: true };
  }
  // A post is a StoryPost as it is: no copy of 100,000 of them.
  result ??= await linkHere(cacheFile, posts, cache, readHtml);
  for (const name of result.links.keys()) storied.add(name);
  return { ...result, storied };
}
