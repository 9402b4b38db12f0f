// The site build: settings, theme, posts, plan, then render and write only the pages whose inputs changed.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fail, ok, type Result } from "../result.js";
import { loadSiteConfig, normalizeBaseUrl, type SiteConfig } from "./config.js";
import { boundHeapGrowth, BOUNDED_HEAP_POSTS } from "./heap-growth.js";
import { emptyManifest, fileStamp, loadManifest, loadSummary, MANIFEST_DIR, saveManifest, updatePosts } from "./manifest.js";
import { createOutputDir, type OutputDir } from "./output-dir.js";
import { planPages, type PagePlan, type PlannedPage } from "./page-plan.js";
import { unknownPlaceholders } from "./permalink.js";
import { filesOf, statPostFiles, type FileStat } from "./post-files.js";
import { beginListing, indexOfSummary, listHere, type PostListing } from "./post-listing.js";
import { byFileName, HtmlCache, keptArticles, keptOrReadText, readPosts, scanPosts, type PostScan, type Unreadable } from "./post-reader.js";
import type { PostSummary } from "./post-record.js";
import { clearPending, notePending, readPending } from "./pending-pages.js";
import { stillPrepared, type PreparedBuild } from "./prepared-build.js";
import { beginEarly, buildRecent, type RecentInput } from "./recent-build.js";
import { postJobOf, type WorkerSetup } from "./render-job.js";
import { isPageBytes, renderPage, type RenderContext } from "./render-page.js";
import { BATCH, createRenderPool, workerCount, type RenderPool } from "./render-pool.js";
import { hasPendingWork } from "./search/index.js";
import { indexForSearch, searchAssets, type SearchOutcome } from "./search-hook.js";
import { readSharing } from "./shared-reading.js";
import { linkPostStories } from "./story-hook.js";
import { STORY_FILE } from "./story-links.js";
import { loadTheme } from "./theme.js";

export interface BuildOptions {
  /** The mirror folder (holds `_posts/`, `_config.yml`). */
  dir: string;
  /** Output folder, relative to `dir` or absolute; default `_site`. */
  out?: string;
  /** Overrides `baseurl` of `_config.yml` ("/mirror"). */
  baseUrl?: string;
  /** Ignore what the last build wrote and render every page. */
  full?: boolean;
  /** Milliseconds since some origin, for the `ms` figure; default `performance.now`. */
  clock?: () => number;
  /** Theme folder; default the theme shipped with newsmirror. */
  themeDir?: string;
  /** Build the search index too (default true); false leaves it as it was. */
  search?: boolean;
  /** Render threads besides the main one; default none below 4 cores (see render-pool.ts `workerCount`). */
  workers?: number;
  /** URLs per sitemap file; default the protocol's 50,000. */
  sitemapLimit?: number;
  /**
   * The listing of `_posts/`, begun before the build's modules were loaded (`beginListing`, as `newsmirror build`
   * does), so the two overlap; default begun by the build.
   */
  listing?: PostListing;
  /** The summary and story links loaded while `newsmirror run` fetched (`prepareBuild`); used if still current. */
  prepared?: PreparedBuild;
}

export interface BuildReport {
  /**
   * How the build found its work: `unchanged` found no new, edited or deleted post and settings as they were;
   * `recent` had new posts only and planned the pages they reach; `whole` planned every page.
   */
  scope: "unchanged" | "recent" | "whole";
  /** Files the site consists of (pages, feeds, assets; the search index not counted). */
  pages: number;
  /** Files written in this build. */
  written: number;
  /** Files removed because no post needs them any more. */
  removed: number;
  /** Posts that could not be read, each with the reason; the build went on without them. */
  unreadable: Unreadable[];
  posts: number;
  /** Posts parsed in this build (the others were known unchanged). */
  parsed: number;
  search: SearchOutcome;
  ms: number;
  /** Milliseconds per phase: read posts, link stories, plan, render and write, search index, save the manifest. */
  phases: { scan: number; stories: number; plan: number; write: number; search: number; save: number };
  /** Posts in a story with others ("also reported by"), and the posts read to find them in this build. */
  stories: { linked: number; read: number };
  /** Render threads used besides the main one. */
  workers: number;
}

type PostPage = Extract<PlannedPage, { kind: "post" }>;

/**
 * How long the main thread renders before it looks at the render workers' replies (each has at most
 * `IN_FLIGHT` batches to go on with): counting pages let a run of feeds or big lists keep a worker idle for
 * 30 to 110 ms at a time, 0.25 s of a 10,000-post full build.
 */
const YIELD_MS = 5;
/** Batches a render worker holds at once: it starts the next while the main thread has yet to see the last. */
const IN_FLIGHT = 3;
/** Article HTML kept between scan and render, in bytes (UTF-8): about 10,000 posts of the median 3.4 KB. */
const HTML_CACHE_BYTES = 32_000_000;
/**
 * Bumped whenever the code renders any page or feed entry differently: the next build then renders every page
 * again. Otherwise a page whose inputs did not change, and a feed entry a build of new posts reuses, stay as the
 * last build wrote them.
 */
const OUTPUT_VERSION = 1;

/** A layout or include that fails while rendering a page (a mirror's own override, usually). */
class TemplateError extends Error {
  constructor(readonly path: string, cause: unknown) {
    super(`${path}: ${(cause as Error).message.split("\n")[0]}`);
  }
}

function ioFailure(error: unknown, what: string): Result<never> {
  if (error instanceof TemplateError) {
    return fail({ code: "site.template", message: `rendering ${error.message}; check the layouts and includes in _layouts/ and _includes/`, cause: error });
  }
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOSPC") return fail({ code: "site.disk-full", message: `${what}: the disk is full; free some space and build again`, cause: error });
  return fail({ code: "site.io", message: `${what}: ${(error as Error).message}`, cause: error });
}

/** The search page's scripts that the theme has, in the order it loads them. */
function searchScriptsOf(assetNames: ReadonlySet<string>): string[] {
  return ["assets/search-engine.js", "assets/search.js"].filter((p) => assetNames.has(p)).map((p) => p.slice("assets/".length));
}

function placeKeyOf(config: SiteConfig): string {
  return JSON.stringify([config.permalink, config.permalinkTimezone, config.timezone]);
}

/** The planned pages whose inputs differ from those `before` recorded (all of them when `full`). */
function pagesToRender(plan: PagePlan, before: Map<string, string>, full: boolean): PlannedPage[] {
  return full ? plan.pages : plan.pages.filter((page) => before.get(page.path) !== page.inputs);
}

/**
 * Renders and writes `toRender`, recording each page's inputs in `pages` (the last build's record, updated in
 * place: at 100,000 posts a new map of every page cost 0.15 s).
 */
async function renderAndWrite(
  plan: PagePlan,
  ctx: RenderContext,
  out: OutputDir,
  toRender: readonly PlannedPage[],
  pages: Map<string, string>,
  starting: { pool: Promise<RenderPool | null>; size: number; readBy: Map<string, number> },
): Promise<void> {
  const onMain: PlannedPage[] = [];
  const here: PostPage[] = [];
  const aside: PostPage[] = [];
  for (const page of toRender) {
    if (starting.size === 0 || page.kind !== "post") onMain.push(page);
    else if (starting.readBy.has(plan.posts[page.post]!.fileName)) aside.push(page);
    else here.push(page);
  }
  // Post pages go to the workers' lanes: a worker gets the posts it read (their HTML is there) first, then those
  // read here (their HTML goes with the batch). Once its own pages are done, the main thread takes batches back
  // from the end of the longest lane, mostly posts it read. A fixed share for the main thread (one post in
  // 2 x workers + 1) left the one worker idle its last 0.6 s at 10,000 posts: the worker has grown faster than the
  // main thread, which also plans and renders lists and feeds.
  const lanes: PostPage[][] = Array.from({ length: starting.size }, () => []);
  for (const page of aside) lanes[starting.readBy.get(plan.posts[page.post]!.fileName)!]!.push(page);
  here.forEach((page, i) => lanes[i % starting.size]!.push(page));
  // Set by the first failure, so no thread goes on writing pages after the build has returned its failure.
  let failed = false;
  let yielded = performance.now();
  const renderHere = async (list: readonly PlannedPage[]): Promise<void> => {
    for (let i = 0; i < list.length && !failed; i++) {
      const page = list[i]!;
      let bytes;
      try {
        bytes = await renderPage(ctx, page);
      } catch (error) {
        throw new TemplateError(page.path, error);
      }
      if (isPageBytes(bytes)) await out.write(page.path, bytes);
      else await out.copy(page.path, bytes.file);
      pages.set(page.path, page.inputs);
      // Rendering resolves at once, so without a pause the workers' replies would wait for the last page.
      if (starting.size > 0 && performance.now() - yielded >= YIELD_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        yielded = performance.now();
      }
    }
  };
  // Each worker's pages in batches; a worker takes them from the front, `IN_FLIGHT` at a time, which keeps it busy
  // while the HTML of at most that many batches is in memory.
  const queues = lanes.map((lane) => Array.from({ length: Math.ceil(lane.length / BATCH) }, (_, i) => lane.slice(i * BATCH, (i + 1) * BATCH)));
  const lastOfLongest = (): PostPage[] | undefined => (failed ? undefined : queues.reduce((longest, queue) => (queue.length > longest.length ? queue : longest), [] as PostPage[][]).pop());
  // The main thread starts on its pages while the workers start: their start-up is off the critical path. Then it
  // takes batches no worker has taken yet from the back of the longest queue, so the threads finish together; a
  // post the worker read is read again here.
  const mainThread = (async () => {
    await renderHere(onMain);
    for (let batch = lastOfLongest(); batch !== undefined; batch = lastOfLongest()) await renderHere(batch);
  })();
  const keys = new Map(plan.sources.map((s) => [s.name, s.key]));
  const workers = (async () => {
    const pool = await starting.pool;
    // No worker could start (no loader for .ts files under a test runner, say): the main thread takes every batch.
    if (!pool) return;
    const send = async (index: number, batch: PostPage[]): Promise<void> => {
      // HTML kept from the scan travels with the job; the rest the worker has or reads itself, off this thread.
      const jobs = batch.map((page) => postJobOf(plan, page, keys, ctx.takeHtml?.(plan.posts[page.post]!) ?? null));
      let rendered;
      try {
        rendered = await pool.sendTo(index, jobs);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "TEMPLATE") throw new TemplateError((error as Error).message.split(":")[0]!, new Error((error as Error).message.slice((error as Error).message.indexOf(":") + 2)));
        throw error;
      }
      for (const [path, inputs] of rendered) pages.set(path, inputs);
    };
    const pump = async (index: number): Promise<void> => {
      for (let batch = queues[index]!.shift(); batch !== undefined && !failed; batch = queues[index]!.shift()) await send(index, batch);
    };
    await Promise.all(queues.flatMap((_, index) => Array.from({ length: IN_FLIGHT }, () => pump(index))));
  })();
  const stopOthers = (error: unknown): never => {
    failed = true;
    throw error;
  };
  await Promise.all([mainThread.catch(stopOthers), workers.catch(stopOthers)]);
}

/**
 * A build from the manifest's summary, when the listing shows new posts only (or nothing new) and the settings
 * and output folder are those of the last build: nothing to do, or the pages the new posts reach
 * (recent-build.ts). Null when the whole archive must be read: an indexed post edited or gone, or a change the
 * short way cannot place. The stats of the listing, which only tell edits, are awaited last.
 */
async function buildFromSummary(input: Omit<RecentInput, "added" | "out" | "unchangedElse" | "early">, listing: PostListing, prepared: PreparedBuild | undefined, started: number, clock: () => number): Promise<Result<BuildReport> | null> {
  const { summary } = input;
  if (summary.out !== input.outRoot || summary.placeKey !== input.placeKey || summary.siteHash !== input.siteHash || !existsSync(join(input.outRoot, "index.html"))) return null;
  // While the worker reads the folder (unless begun while `newsmirror run` fetched): the story cache and its
  // stories, and the newest month, which new posts almost always reach.
  const early = prepared && prepared.storyStamp === fileStamp(input.storyFile) ? prepared.early : beginEarly(input.manifestDir, input.storyFile, summary);
  let delta;
  try {
    delta = await listing.delta;
  } catch (error) {
    return ioFailure(error, `reading ${input.postsDir}`);
  }
  if (!delta || delta.against !== summary.saved || delta.gone || delta.edited === true) return null;
  // A name told new that the index holds after all (a post removed by hand and written again under its name).
  const told = new Set(delta.told);
  if (told.size > 0 && summary.index.names.some((name) => told.has(name))) return null;
  const newFiles = filesOf(delta.newNames, statPostFiles(input.postsDir, delta.newNames));
  // Files the index does not know that still cannot be read are reported again, as a full build does.
  const tried = readPosts(input.postsDir, newFiles, input.config, input.htmlCache);
  const unreadable = tried.unreadable.sort(byFileName);
  const scanned = Math.round(clock() - started);
  // No indexed post edited, and the new files as read here.
  const unchangedElse = async (): Promise<boolean> => {
    const check = await listing.check;
    return check !== null && !check.edited && sameFiles(check.newFiles, newFiles);
  };
  const report = (fields: Pick<BuildReport, "scope" | "pages" | "written" | "posts" | "search" | "stories"> & { phases: Omit<BuildReport["phases"], "scan"> }): BuildReport =>
    ({ ...fields, removed: 0, unreadable, parsed: newFiles.length, workers: 0, ms: Math.round(clock() - started), phases: { scan: scanned, ...fields.phases } });
  try {
    if (tried.posts.length === 0) {
      if (input.searchStateDir !== undefined && hasPendingWork(input.searchStateDir)) return null;
      if (!(await unchangedElse())) return null;
      return ok(report({ scope: "unchanged", pages: summary.pageCount, written: 0, posts: summary.index.names.length, search: { ran: false }, stories: { linked: summary.linked, read: 0 }, phases: { stories: 0, plan: 0, write: 0, search: 0, save: 0 } }));
    }
    const recent = await buildRecent({ ...input, summary, added: tried.posts, out: createOutputDir(input.outRoot), unchangedElse, early });
    if (!recent) return null;
    return ok(report({ scope: "recent", pages: recent.pages, written: recent.written, posts: recent.posts, search: recent.search, stories: { linked: recent.linked, read: recent.postsRead }, phases: recent.phases }));
  } catch (error) {
    const { syscall, saving } = error as NodeJS.ErrnoException & { saving?: string };
    return ioFailure(error, saving !== undefined ? `saving ${saving}` : syscall === "scandir" || syscall === "stat" ? `reading ${input.postsDir}` : `writing the site to ${input.outRoot}`);
  }
}

/** True when `a` and `b` name the same files with the same sizes and mtimes. */
function sameFiles(a: readonly FileStat[], b: readonly FileStat[]): boolean {
  if (a.length !== b.length) return false;
  const known = new Map(b.map((file) => [file.fileName, file]));
  return a.every((file) => known.get(file.fileName)?.size === file.size && known.get(file.fileName)?.mtimeMs === file.mtimeMs);
}

/** Builds the site of the mirror in `options.dir`; see `buildSite` in index.ts. */
export async function build(options: BuildOptions): Promise<Result<BuildReport>> {
  const clock = options.clock ?? (() => performance.now());
  const started = clock();
  const dir = resolve(options.dir);
  const exists = existsSync(dir);
  // The listing begins first, so it overlaps loading the settings and the theme. A full build lists everything
  // its own way. Whatever listing there is, its worker is stopped however the build ends.
  const listing = options.full === true || !exists ? undefined : (options.listing ?? beginListing(dir));
  // Set once the build knows the mirror is large, and given back however the build ends.
  let releaseHeap: (() => void) | undefined;
  const boundHeap = (): void => {
    releaseHeap ??= boundHeapGrowth();
  };
  try {
    if (!exists) return fail({ code: "site.no-mirror", file: dir, message: `${dir} does not exist; pass --dir to a mirror folder (one with _posts/)` });
    return await buildListed(options, dir, listing, started, clock, boundHeap);
  } finally {
    releaseHeap?.();
    // The one begun here or given (used or not), once.
    (listing ?? options.listing)?.close();
  }
}

async function buildListed(options: BuildOptions, dir: string, early: PostListing | undefined, started: number, clock: () => number, boundHeap: () => void): Promise<Result<BuildReport>> {
  const manifestDir = join(dir, MANIFEST_DIR);
  const full = options.full === true;
  const postsDir = join(dir, "_posts");
  const configResult = await loadSiteConfig(dir);
  if (!configResult.ok) return configResult;
  const config = configResult.value;
  if (options.baseUrl !== undefined) config.baseurl = normalizeBaseUrl(options.baseUrl);
  const unknown = unknownPlaceholders(config.permalink);
  if (unknown.length > 0) {
    return fail({ code: "site.config", file: join(dir, "_config.yml"), message: `permalink "${config.permalink}" uses :${unknown.join(", :")}, which Jekyll does not know; see https://jekyllrb.com/docs/permalinks/` });
  }
  const extraAssets = searchAssets();
  const themeResult = await loadTheme(dir, options.themeDir, extraAssets);
  if (!themeResult.ok) return themeResult;
  const theme = themeResult.value;
  const outRoot = resolve(dir, options.out ?? "_site");
  const placeKey = placeKeyOf(config);
  const siteHash = createHash("sha1").update(`${OUTPUT_VERSION}\0`).update(theme.hash).update(JSON.stringify(config)).digest("base64url");
  const searchStateDir = join(dir, ".newsmirror", "search");
  // Pages the short way wrote before it gave up, or a killed build before its save: the whole way writes them
  // again, or removes them.
  const pending = full ? null : readPending(manifestDir);
  const writtenShort: string[] = Array.isArray(pending) ? [...pending] : [];
  // The summary, read once here; a small mirror is listed here against it, once, for both ways.
  const prepared = full || pending !== null ? undefined : stillPrepared(options.prepared, manifestDir);
  const summary = full || pending !== null ? null : (prepared?.summary ?? loadSummary(manifestDir));
  const listing = early ?? listHere(postsDir, indexOfSummary(summary));
  const assetNames = new Set(theme.assets.map((a) => a.path));
  const searchScripts = searchScriptsOf(assetNames);
  const toggle = assetNames.has("assets/toggle.js");
  const storyFile = join(dir, STORY_FILE);
  if (summary) {
    const quick = await buildFromSummary({
      summary, manifestDir, postsDir, storyFile, config, theme, siteHash, placeKey, htmlCache: new HtmlCache(HTML_CACHE_BYTES), outRoot,
      searchScripts, toggle, searchStateDir: options.search === false ? undefined : searchStateDir,
      sitemapLimit: options.sitemapLimit, written: writtenShort,
    }, listing, prepared, started, clock);
    if (quick) return quick;
  }
  const htmlCache = new HtmlCache(HTML_CACHE_BYTES);
  // The summary read above, when there is one.
  const previous = full ? emptyManifest(outRoot) : await loadManifest(manifestDir, outRoot, summary ?? loadSummary(manifestDir));
  // Written since the last build recorded them: rendered again if planned (no recorded inputs to reuse), and
  // removed below if not.
  for (const path of writtenShort) previous.pages.delete(path);
  const samePlacement = previous.placeKey === placeKey;

  const phaseStart = clock();
  // A deleted output folder (a common way to ask for a clean build) or another --out means render everything.
  const samePlace = previous.out === outRoot && existsSync(join(outRoot, "index.html"));
  const renderAll = full || !samePlace || pending === "all";
  const setup: WorkerSetup = { mirrorDir: dir, postsDir, themeDir: options.themeDir, extraAssets, config, outRoot, searchScripts, toggle };
  let scan: PostScan;
  // A build that renders everything starts its render workers now, and they share the reading of the posts.
  let pool: Promise<RenderPool | null> | undefined;
  let readBy = new Map<string, number>();
  let workersWanted = 0;
  try {
    const files = await listing.files();
    // From its reading on: a bound set later would wait for the next full collection (V8 sets the limit at each).
    if (files.length >= BOUNDED_HEAP_POSTS) boundHeap();
    workersWanted = renderAll ? workerCount(files.length, options.workers) : 0;
    if (workersWanted > 0) {
      ({ scan, pool, readBy } = await readSharing(files, previous.posts, samePlacement, config, htmlCache, setup, workersWanted));
    } else {
      scan = await scanPosts(postsDir, config, previous.posts, samePlacement, htmlCache, files);
    }
  } catch (error) {
    await (await pool)?.close();
    return ioFailure(error, `reading ${postsDir}`);
  }
  const scanned = clock();
  let stories;
  try {
    stories = await linkPostStories(storyFile, scan.posts, (fileName) => keptOrReadText(htmlCache, postsDir, fileName), { postsDir });
  } catch (error) {
    await (await pool)?.close();
    return ioFailure(error, `saving ${storyFile}`);
  }
  const linked = clock();
  const reuse = !full && samePlace && samePlacement ? { siteHash: previous.siteHash, posts: previous.posts, pages: previous.pages, storied: stories.storied, movedAside: previous.movedAside } : undefined;
  const out = createOutputDir(outRoot);
  // The last build's record of pages, brought up to date as pages are written and removed.
  const pages = samePlace ? previous.pages : new Map<string, string>();
  let plan: PagePlan;
  let planned: number;
  let written = 0;
  let removed = 0;
  // From here to the end of rendering, one finally closes the workers (some run since the reading): a worker
  // left running keeps the process alive after the build has returned.
  try {
    plan = planPages(scan.posts, config, { siteHash, assets: theme.assets, previous: reuse, stories: stories.links, sitemapLimit: options.sitemapLimit });
    planned = clock();
    const ctx: RenderContext = {
      plan,
      config,
      theme,
      ...keptArticles(htmlCache, postsDir),
      searchScripts,
      toggle,
    };
    const toRender = pagesToRender(plan, pages, renderAll);
    written = toRender.length;
    // The note replaces the one this build read: the pages it still has to remove stay in it.
    if (toRender.length > 0) notePending(manifestDir, renderAll ? "all" : [...new Set([...toRender.map((page) => page.path), ...writtenShort])]);
    if (!pool) {
      workersWanted = workerCount(toRender.reduce((n, page) => (page.kind === "post" ? n + 1 : n), 0), options.workers);
      pool = workersWanted > 0 ? createRenderPool(setup, workersWanted) : Promise.resolve(null);
    }
    await renderAndWrite(plan, ctx, out, toRender, pages, { pool, size: workersWanted, readBy });
    // Plan paths are distinct, so more recorded pages than planned ones means some are no longer planned.
    if (pages.size > plan.pages.length || writtenShort.length > 0) {
      const plannedPaths = new Set(plan.pages.map((page) => page.path));
      // Pages the short way wrote are in no record (taken out above): removed here when not planned.
      for (const paths of [pages.keys(), writtenShort]) {
        for (const path of paths) {
          if (plannedPaths.has(path)) continue;
          await out.remove(path);
          pages.delete(path);
          removed++;
        }
      }
    }
  } catch (error) {
    return ioFailure(error, `writing the site to ${outRoot}`);
  } finally {
    await (await pool)?.close();
  }
  const workersUsed = (await pool)?.size ?? 0;
  const wrote = clock();
  const search = options.search === false ? ({ ran: false } as const) : await indexForSearch({ plan, previous: previous.posts, parsedNow: scan, postsDir, out, stateDir: searchStateDir, full: renderAll });
  const searched = clock();
  // A build that changed nothing (same posts, pages, settings, folder) leaves the manifest as it is.
  const unchanged = !full && samePlace && scan.parsed === 0 && written === 0 && removed === 0 && samePlacement && scan.posts.length === previous.posts.size;
  try {
    if (!unchanged) {
      // Records made under this placement, for this output folder, are brought up to date in place.
      if (samePlacement && samePlace) updatePosts(previous.posts, scan.posts);
      const posts = samePlacement && samePlace ? previous.posts : new Map(scan.posts.map((p) => [p.fileName, p]));
      await saveManifest(manifestDir, { out: outRoot, placeKey, siteHash, pages, posts, movedAside: plan.movedAside }, { placed: plan.posts, linked: stories.links.size, storyStamp: fileStamp(storyFile) }, previous);
    }
    clearPending(manifestDir);
  } catch (error) {
    return ioFailure(error, `saving ${manifestDir}`);
  }
  return ok({
    scope: "whole",
    pages: plan.pages.length,
    written,
    removed,
    unreadable: scan.unreadable,
    posts: plan.posts.length,
    parsed: scan.parsed,
    search,
    ms: Math.round(clock() - started),
    workers: workersUsed,
    stories: { linked: stories.links.size, read: stories.postsRead },
    phases: { scan: Math.round(scanned - phaseStart), stories: Math.round(linked - scanned), plan: Math.round(planned - linked), write: Math.round(wrote - planned), search: Math.round(searched - wrote), save: Math.round(clock() - searched) },
  });
}
