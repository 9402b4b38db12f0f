// A post page as a self-contained job: the post, its neighbours and its HTML, so another thread can render it.
import type { ArticleHtml } from "./article-html.js";
import type { SiteConfig } from "./config.js";
import type { PagePlan, PlannedPage } from "./page-plan.js";
import type { FileStat } from "./post-files.js";
import type { Unreadable } from "./post-reader.js";
import type { PostSummary } from "./post-record.js";

/** Everything rendering one post page needs, as plain data (structured-cloneable). */
export interface PostJob {
  path: string;
  inputs: string;
  post: PostSummary;
  prev: PostSummary | null;
  next: PostSummary | null;
  /** The other posts of its story ("also reported by"). */
  also: PostSummary[];
  sourceKey: string;
  /** The article HTML when the main thread has it at hand; null: the worker reads it from `_posts/`. */
  html: ArticleHtml | null;
}

/** The job for a planned post page. */
export function postJobOf(plan: PagePlan, page: Extract<PlannedPage, { kind: "post" }>, keys: Map<string, string>, html: ArticleHtml | null): PostJob {
  const post = plan.posts[page.post]!;
  return {
    path: page.path,
    inputs: page.inputs,
    post,
    prev: page.prev === null ? null : plan.posts[page.prev]!,
    next: page.next === null ? null : plan.posts[page.next]!,
    also: page.also.map((i) => plan.posts[i]!),
    sourceKey: keys.get(post.site) ?? "",
    html,
  };
}

/** A one-post plan and page that render exactly as the job's page in the full plan does. */
export function miniPlanOf(job: PostJob): { plan: PagePlan; page: Extract<PlannedPage, { kind: "post" }> } {
  const posts = [job.post, ...(job.prev ? [job.prev] : []), ...(job.next ? [job.next] : []), ...job.also];
  const plan: PagePlan = { posts, movedAside: new Map(), sources: [{ name: job.post.site, key: job.sourceKey, count: 0, last: 0, posts: [] }], pages: [] };
  const next = job.next ? (job.prev ? 2 : 1) : null;
  const firstAlso = 1 + (job.prev ? 1 : 0) + (job.next ? 1 : 0);
  const page = { kind: "post" as const, path: job.path, inputs: job.inputs, post: 0, prev: job.prev ? 1 : null, next, also: job.also.map((_, i) => firstAlso + i) };
  return { plan, page };
}

/** What the main thread hands a render worker when it starts. */
export interface WorkerSetup {
  mirrorDir: string;
  /** Where the worker reads the posts whose HTML the job does not carry. */
  postsDir: string;
  themeDir?: string;
  extraAssets: Array<{ path: string; file: string }>;
  config: SiteConfig;
  outRoot: string;
  searchScripts: string[];
  toggle: boolean;
  /** Posts to read before rendering, shared with the other threads through the counter `next` (see `readClaimed`). */
  scan?: { files: FileStat[]; next: Int32Array };
}

/** What a worker read of the `scan` files: the posts, and those it could not read. */
export interface WorkerScan {
  posts: PostSummary[];
  unreadable: Unreadable[];
}
