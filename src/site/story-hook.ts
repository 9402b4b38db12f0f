// The build's side of story links: the cache in `.newsmirror/`, the links of this build's posts, and which posts
// were or are in a story (their pages show the others, so the planner never reuses their recorded inputs).
import type { PostSummary } from "./post-record.js";
import { linkStories, loadStoryCache, saveStoryCache } from "./story-links.js";

export interface StoryOutcome {
  /** File name to the other members' file names. */
  links: Map<string, string[]>;
  /** Posts in a story now or at the last build. */
  storied: Set<string>;
  windowsComputed: number;
  postsRead: number;
}

/** Links the posts of one story, reusing the cached windows in `cacheFile` and saving it when it changed. */
export async function linkPostStories(cacheFile: string, posts: readonly PostSummary[], readHtml: (fileName: string) => Promise<string>): Promise<StoryOutcome> {
  const cache = await loadStoryCache(cacheFile);
  const storied = new Set<string>();
  for (const window of Object.values(cache.windows)) for (const cluster of window.clusters) for (const name of cluster) storied.add(name);
  const result = await linkStories(
    posts.map((p) => ({ fileName: p.fileName, site: p.site, time: p.time, hash: p.hash })),
    cache,
    readHtml,
  );
  for (const name of result.links.keys()) storied.add(name);
  if (result.windowsComputed > 0) await saveStoryCache(cacheFile, result.cache);
  return { links: result.links, storied, windowsComputed: result.windowsComputed, postsRead: result.postsRead };
}
