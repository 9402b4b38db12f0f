// Reads `_posts/` for the site: every post file's record, reparsing only files changed since the last build.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parsePost, parsePostBytes, type Post } from "../archive/index.js";
import { ok, type Result } from "../result.js";
import { articleText, type ArticleHtml } from "./article-html.js";
import type { SiteConfig } from "./config.js";
import { isSameFile } from "./manifest.js";
import { listPostFiles, type FileStat } from "./post-files.js";
import { recordOfPost, summarizePost, type PostSummary } from "./post-record.js";

export interface Unreadable {
  fileName: string;
  message: string;
}

export interface PostScan {
  posts: PostSummary[];
  unreadable: Unreadable[];
  /** Posts parsed in this scan (the others came from the cache). */
  parsed: number;
}

/** Runs `task` over `items` with at most `limit` at a time. */
export async function forEachLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Posts whose size and mtime match `cache` (reused, placed for `config` unless `samePlacement`), and the files to read. */
export function sortOutCached(files: readonly FileStat[], cache: Map<string, PostSummary>, samePlacement: boolean, config: SiteConfig): { posts: PostSummary[]; toRead: FileStat[] } {
  const posts: PostSummary[] = [];
  const toRead: FileStat[] = [];
  for (const file of files) {
    const cached = cache.get(file.fileName);
    if (isSameFile(cached, file.size, file.mtimeMs)) posts.push(samePlacement ? cached : summarizePost(cached, config));
    else toRead.push(file);
  }
  return { posts, toRead };
}

/**
 * The post file `fileName` under `postsDir`, read and parsed as every build reads it: its bytes (a post's hash is
 * made of them, `postHash`) and the parse, the HTML left as bytes when the file is UTF-8 (`parsePostBytes`).
 * Throws when the file cannot be read.
 */
export function readPostArticle(postsDir: string, fileName: string): { bytes: Buffer; parsed: Result<{ post: Omit<Post, "html">; html: ArticleHtml }> } {
  const bytes = readFileSync(join(postsDir, fileName));
  const baseName = fileName.replace(/^.*\//, "");
  const read = parsePostBytes(bytes, baseName);
  if (read !== null) return { bytes, parsed: read };
  const parsed = parsePost(bytes.toString("utf8"), baseName);
  return { bytes, parsed: parsed.ok ? ok({ post: parsed.value, html: parsed.value.html }) : parsed };
}

/**
 * Reads, parses and places `files`; a file that cannot be read or parsed goes to `unreadable` with the reason.
 * The article HTML goes to `htmlCache`, for the render that follows.
 */
export function readPosts(postsDir: string, files: readonly FileStat[], config: SiteConfig, htmlCache?: HtmlCache): { posts: PostSummary[]; unreadable: Unreadable[] } {
  const posts: PostSummary[] = [];
  const unreadable: Unreadable[] = [];
  // Read one after another with sync calls: async reads cost four thread-pool round trips per file (open,
  // stat, read, close), measured at a third of a full build's reading time, and the page cache serves the rest.
  for (const file of files) {
    let read: ReturnType<typeof readPostArticle>;
    try {
      read = readPostArticle(postsDir, file.fileName);
    } catch (error) {
      unreadable.push({ fileName: file.fileName, message: `cannot read: ${(error as Error).message}` });
      continue;
    }
    const { bytes, parsed } = read;
    if (!parsed.ok) {
      unreadable.push({ fileName: file.fileName, message: parsed.failure.message });
      continue;
    }
    posts.push(summarizePost(recordOfPost(parsed.value.post, file.fileName, file.size, file.mtimeMs, bytes), config));
    htmlCache?.keep(file.fileName, parsed.value.html);
  }
  return { posts, unreadable };
}

/** Files a thread claims at a time when threads share the reading. */
const CLAIM = 32;

/**
 * Reads `files` a few at a time, claiming each run through the shared counter `next` (index of the next
 * unclaimed run), so any number of threads share the reading with no plan of who reads what: a thread that
 * starts late or reads slowly simply claims less.
 */
export function readClaimed(postsDir: string, files: readonly FileStat[], next: Int32Array, config: SiteConfig, htmlCache?: HtmlCache): { posts: PostSummary[]; unreadable: Unreadable[] } {
  const posts: PostSummary[] = [];
  const unreadable: Unreadable[] = [];
  for (let run = Atomics.add(next, 0, 1); run * CLAIM < files.length; run = Atomics.add(next, 0, 1)) {
    const read = readPosts(postsDir, files.slice(run * CLAIM, (run + 1) * CLAIM), config, htmlCache);
    posts.push(...read.posts);
    unreadable.push(...read.unreadable);
  }
  return { posts, unreadable };
}

export function byFileName(a: Unreadable, b: Unreadable): number {
  return a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0;
}

/**
 * Every post under `postsDir` placed for `config`. A post whose size and mtime match `cache` (and whose
 * placement was computed under the same `placeKey`) is not reread. A file that cannot be read or parsed
 * is listed in `unreadable` with the reason, and the build goes on without it. `listed` is the folder's
 * listing when the caller made it already (a `PostListing`'s `files`).
 */
export async function scanPosts(
  postsDir: string,
  config: SiteConfig,
  cache: Map<string, PostSummary>,
  samePlacement: boolean,
  htmlCache?: HtmlCache,
  listed?: readonly FileStat[],
): Promise<PostScan> {
  const files = listed ?? listPostFiles(postsDir);
  const { posts, toRead } = sortOutCached(files, cache, samePlacement, config);
  const read = readPosts(postsDir, toRead, config, htmlCache);
  return { posts: posts.concat(read.posts), unreadable: read.unreadable.sort(byFileName), parsed: toRead.length };
}

/**
 * Article HTML kept from the scan for the render that follows, up to a budget in bytes: a full build of 10,000
 * posts reads each file once, while at 100,000 posts memory stays bounded and the rest is reread.
 */
export class HtmlCache {
  private readonly map = new Map<string, ArticleHtml>();
  private size = 0;
  constructor(private readonly budgetBytes: number) {}
  keep(fileName: string, html: ArticleHtml): void {
    this.take(fileName);
    if (this.size + weight(html) > this.budgetBytes) return;
    this.map.set(fileName, html);
    this.size += weight(html);
  }
  /** The kept HTML, still kept. */
  peek(fileName: string): ArticleHtml | undefined {
    return this.map.get(fileName);
  }
  /** The kept HTML, forgotten once taken (each post page is rendered once). */
  take(fileName: string): ArticleHtml | undefined {
    const html = this.map.get(fileName);
    if (html !== undefined) {
      this.map.delete(fileName);
      this.size -= weight(html);
    }
    return html;
  }
}

/** The memory kept HTML takes: V8 holds text in 2 bytes a character (1 for Latin-1 only, rare with CJK). */
function weight(html: ArticleHtml): number {
  return typeof html === "string" ? html.length * 2 : html.byteLength;
}

/** The article HTML of one post as text, read again from disk (`readArticle`, decoded). */
export async function readPostHtml(postsDir: string, fileName: string): Promise<string> {
  return articleText(await readArticle(postsDir, fileName));
}

/**
 * Article HTML for the renders of a build that read its posts into `cache`: a post's page takes the kept HTML
 * (each page is rendered once), a feed only looks at it (the pages of the posts it shows come later), and what
 * is not kept is read again from `postsDir`.
 */
export function keptArticles(cache: HtmlCache, postsDir: string): {
  loadHtml: (post: PostSummary) => Promise<ArticleHtml>;
  takeHtml: (post: PostSummary) => ArticleHtml | undefined;
  peekHtml: (post: PostSummary) => ArticleHtml | undefined;
} {
  return {
    loadHtml: async (post) => cache.take(post.fileName) ?? readArticle(postsDir, post.fileName),
    takeHtml: (post) => cache.take(post.fileName),
    peekHtml: (post) => cache.peek(post.fileName),
  };
}

/** The article HTML of a post as text (story links want text): kept in `cache`, else read again. */
export async function keptOrReadText(cache: HtmlCache, postsDir: string, fileName: string): Promise<string> {
  const kept = cache.peek(fileName);
  return kept === undefined ? readPostHtml(postsDir, fileName) : articleText(kept);
}

/** The article HTML of one post for its page, read again from disk ("" when it vanished or no longer parses). */
export async function readArticle(postsDir: string, fileName: string): Promise<ArticleHtml> {
  try {
    const { parsed } = readPostArticle(postsDir, fileName);
    return parsed.ok ? parsed.value.html : "";
  } catch {
    return "";
  }
}
