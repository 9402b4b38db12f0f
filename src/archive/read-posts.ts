// Every post of a mirror's `_posts/`, read back one by one (for the site stage, reindex and import).
import { join } from "node:path";
import type { Result } from "../result.js";
import { parsePost } from "./post-parse.js";
import { PostStore, STATE_DIR } from "./post-store.js";
import type { Post } from "./types.js";

/**
 * Yields each post in file-name order; an unreadable one is a failure naming the file and field, and the
 * walk goes on. Reads one file at a time, so memory stays flat for any number of posts.
 * @example for await (const post of readPosts("mirror")) if (post.ok) console.log(post.value.title);
 */
export async function* readPosts(dir: string): AsyncIterable<Result<Post>> {
  for await (const item of readPostTexts(dir)) {
    yield item.ok ? parsePost(item.value.text, item.value.fileName) : item;
  }
}

/** The raw text of each post with its file name. */
export async function* readPostTexts(dir: string): AsyncIterable<Result<{ fileName: string; text: string }>> {
  const store = new PostStore(dir, join(dir, STATE_DIR));
  const names = await store.list();
  if (!names.ok) {
    yield names;
    return;
  }
  for (const fileName of names.value) {
    const text = await store.read(fileName);
    if (!text.ok) yield text;
    else if (text.value !== null) yield { ok: true, value: { fileName, text: text.value } };
  }
}
