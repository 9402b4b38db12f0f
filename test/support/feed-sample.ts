// A sample of real posts as feeds carry them: every 200th corpus post (long and short articles, English and
// Chinese titles, with and without an original link, odd file names), with its article HTML.
import { listPostFiles } from "../../src/site/post-files.js";
import { readPostHtml, readPosts } from "../../src/site/post-reader.js";
import type { SiteConfig } from "../../src/site/config.js";
import type { FeedItem } from "../../src/site/mirror-feeds.js";
import { sharedPath } from "./paths.js";

/** The sample's posts placed for `config`, as feed items. */
export async function corpusFeedItems(config: SiteConfig, every = 200): Promise<FeedItem[]> {
  const dir = sharedPath("corpus/posts");
  const { posts } = readPosts(dir, listPostFiles(dir).filter((_, i) => i % every === 0), config);
  return Promise.all(posts.map(async (post) => ({ post, html: await readPostHtml(dir, post.fileName) })));
}
