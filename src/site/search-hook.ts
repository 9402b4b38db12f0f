// The build's hand-over to site search: which posts to (re)index, their plain text, and the reader's assets.
import { existsSync } from "node:fs";
import type { OutputDir } from "./output-dir.js";
import type { PagePlan } from "./page-plan.js";
import { readPostHtml, type PostScan } from "./post-reader.js";
import type { PostSummary } from "./post-record.js";
import { encodePath } from "./relative-link.js";
import { buildSearchIndex, hasPendingWork, readerAssets, type SearchDoc } from "./search/index.js";
import { visibleText } from "./visible-text.js";

/** Where the index files go under the site root (the search page reads them from there). */
export const SEARCH_INDEX_PREFIX = "search/";

export type SearchOutcome =
  | { ran: false }
  | { ran: true; docs: number; filesWritten: number; appendOnly: boolean }
  | { ran: true; failure: string };

/** The reader's search and 简/繁 scripts to copy into `assets/`; files that are missing are left out. */
export function searchAssets(): Array<{ path: string; file: string }> {
  try {
    return readerAssets()
      .filter((asset) => existsSync(asset.from))
      .map((asset) => ({ path: `assets/${asset.name}`, file: asset.from }));
  } catch {
    return [];
  }
}

/** Elements whose text is not article text. */
const NOT_TEXT = new Set(["script", "style", "noscript", "template"]);
/** Elements that end a line of text, so words on both sides stay apart. */
const BREAKS = new Set(["p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "blockquote", "section", "article", "figcaption"]);

/** The readable text of article HTML, entities decoded, whitespace collapsed. */
export function textOfHtml(html: string): string {
  return visibleText(html, { hidden: NOT_TEXT, breaks: BREAKS, separator: " " }).replace(/\s+/g, " ").trim();
}

function docOf(post: PostSummary, html: string): SearchDoc {
  return {
    id: post.fileName,
    url: encodePath(post.path),
    title: post.title,
    source: post.site,
    date: new Date(post.time).toISOString(),
    text: textOfHtml(html),
  };
}

async function* docsOf(posts: readonly PostSummary[], postsDir: string): AsyncIterable<SearchDoc> {
  for (const post of posts) yield docOf(post, await readPostHtml(postsDir, post.fileName));
}

export interface SearchInput {
  plan: PagePlan;
  /** Posts of the previous build, by file name. */
  previous: Map<string, PostSummary>;
  parsedNow: PostScan;
  postsDir: string;
  out: OutputDir;
  stateDir: string;
  full: boolean;
}

/**
 * Indexes the posts for search, handing over only what changed: new posts, edited or moved ones (the index
 * replaces them), and the ids of deleted ones (dropped by number). A full build, or a first one, hands over
 * every post. A search failure is reported, never fatal to the site.
 */
export async function indexForSearch(input: SearchInput): Promise<SearchOutcome> {
  const { plan, previous } = input;
  const everything = input.full || previous.size === 0;
  const touched = new Set<string>();
  const touchedPaths = new Set<string>();
  const current = new Set<string>();
  for (const post of input.parsedNow.posts) {
    current.add(post.fileName);
    const before = previous.get(post.fileName);
    if (before && before.hash === post.hash && before.path === post.path) continue;
    touched.add(post.fileName);
    touchedPaths.add(post.path);
    if (before) touchedPaths.add(before.path);
  }
  const removed = [...previous.keys()].filter((name) => !current.has(name));
  for (const name of removed) touchedPaths.add(previous.get(name)!.path);
  // With nothing to hand over the index still runs when it has work spread over builds (a window sealing).
  if (!everything && touched.size === 0 && removed.length === 0 && !hasPendingWork(input.stateDir)) return { ran: false };
  // A post moved to "-2" (or back) by a clash with one of these changes its URL: handed over again too.
  const docs = everything ? plan.posts : plan.posts.filter((post) => touched.has(post.fileName) || touchedPaths.has(post.path) || touchedPaths.has(previous.get(post.fileName)?.path ?? ""));
  return (await handOver(docs, input, { full: input.full, appendOnly: !everything, removed }, plan.posts))!;
}

/**
 * Hands `docs` over to the index. When the index cannot take them alone (no usable state), it is given
 * `everyPost` instead, or, without them, null: the caller then hands over every post itself.
 */
async function handOver(docs: readonly PostSummary[], input: Pick<SearchInput, "postsDir" | "out" | "stateDir">, how: { full: boolean; appendOnly: boolean; removed: string[] }, everyPost: readonly PostSummary[] | null): Promise<SearchOutcome | null> {
  try {
    const options = { stateDir: input.stateDir, full: how.full, prefix: SEARCH_INDEX_PREFIX };
    let appendOnly = how.appendOnly;
    let result = await buildSearchIndex(docsOf(docs, input.postsDir), input.out, { ...options, appendOnly, removed: how.removed });
    if (!result.ok && result.failure.code === "search.needs-all") {
      if (everyPost === null) return null;
      appendOnly = false;
      result = await buildSearchIndex(docsOf(everyPost, input.postsDir), input.out, options);
    }
    if (!result.ok) return { ran: true, failure: result.failure.message };
    return { ran: true, docs: result.value.docs, filesWritten: result.value.shardsWritten, appendOnly };
  } catch (error) {
    return { ran: true, failure: `search index: ${(error as Error).message}` };
  }
}

/**
 * Indexes `added` (new posts, none edited or deleted) into the existing index. Null when the index cannot take
 * them alone (no usable state: every post must be handed over, which the caller's full build does).
 */
export function indexAddedPosts(added: readonly PostSummary[], input: Pick<SearchInput, "postsDir" | "out" | "stateDir">): Promise<SearchOutcome | null> {
  return handOver(added, input, { full: false, appendOnly: true, removed: [] }, null);
}
