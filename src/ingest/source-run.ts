// One source through the pipeline: fetch the feed, parse it, and hand each new item through content to the archive.
import { join } from "node:path";
import type { Archive, PostInput, SourceState } from "../archive/index.js";
import { cleanArticle, listImages, mirrorImages, needsFullText, rewriteImages, type Article, type ImageFetch } from "../content/index.js";
import { parseFeed, type Entry } from "../feed/index.js";
import type { Fetcher } from "../fetch/index.js";
import type { Failure } from "../result.js";
import { isItemIncluded, type Source } from "../sources/index.js";
import { isBackingOff, nextRetryAfter } from "./backoff.js";
import { emptySourceReport, type SourceReport } from "./report.js";
import { addPendingImages, retryPendingImages } from "./pending-images.js";
import { RuleTally, type RuleMisses } from "./rule-health.js";
import type { Serial } from "./serial.js";

export interface SourceRunContext {
  archive: Archive;
  fetcher: Fetcher;
  now: Date;
  /** Serialises archive calls: sources run in parallel, but the ledger, index and post names are one sequence. */
  serial: Serial;
  /** Ignore a failing source's back-off and try it anyway. */
  force: boolean;
  signal?: AbortSignal;
}

/** Where mirrored images are kept in the mirror, and how posts refer to them. */
const IMAGE_DIR = "assets/img";
const IMAGE_URL_PREFIX = `/${IMAGE_DIR}/`;

export async function runSource(source: Source, context: SourceRunContext): Promise<SourceReport> {
  const started = Date.now();
  const report = emptySourceReport(source.site, source.url);
  const state = sourceState(context.archive, source);
  if (!source.enabled) {
    report.outcome = "disabled";
    return report;
  }
  if (!context.force && isBackingOff(state.nextRetry, context.now)) {
    report.outcome = "backing-off";
    return report;
  }
  state.lastAttempt = context.now.toISOString();
  const failure = await ingestFeed(source, state, report, context);
  if (failure === null) {
    state.lastSuccess = context.now.toISOString();
    state.lastError = null;
    state.consecutiveFailures = 0;
    state.nextRetry = null;
  } else {
    report.outcome = "failed";
    report.failure = failure;
    state.lastError = { code: failure.code, message: failure.message, at: context.now.toISOString() };
    state.consecutiveFailures += 1;
    state.nextRetry = nextRetryAfter(state.consecutiveFailures, context.now)?.toISOString() ?? null;
  }
  report.ms = Date.now() - started;
  return report;
}

function sourceState(archive: Archive, source: Source): SourceState {
  const existing = archive.state.sources[source.url];
  if (existing !== undefined) {
    existing.site = source.site;
    return existing;
  }
  const fresh: SourceState = {
    site: source.site,
    validators: { etag: null, lastModified: null },
    lastAttempt: null,
    lastSuccess: null,
    lastError: null,
    consecutiveFailures: 0,
    itemsLastTime: 0,
    newLastTime: 0,
    nextRetry: null,
    permanentRedirect: null,
  };
  archive.state.sources[source.url] = fresh;
  return fresh;
}

/** Fetches and ingests the feed; returns the source's failure, or null when the feed was read. */
async function ingestFeed(source: Source, state: SourceState, report: SourceReport, context: SourceRunContext): Promise<Failure | null> {
  const fetched = await context.fetcher.fetch({
    url: source.url,
    kind: "feed",
    validators: state.validators,
    proxy: source.proxy,
    userAgent: source.userAgent,
    signal: context.signal,
  });
  if (!fetched.ok) return { ...fetched.failure, source: source.site };
  const result = fetched.value;
  if (result.status === "not-modified") {
    state.validators = result.validators;
    report.outcome = "not-modified";
    state.newLastTime = 0;
    return null;
  }
  if (result.permanentRedirect !== null) {
    // Reported, never applied silently: the user decides whether to change the source's URL.
    state.permanentRedirect = result.permanentRedirect;
    report.warnings.push(`moved permanently to ${result.permanentRedirect}; update this source's url to keep it`);
  } else {
    state.permanentRedirect = null;
  }
  const parsed = parseFeed(result.text ?? "", { baseUrl: result.finalUrl, timezone: source.timezone });
  if (!parsed.ok) return { ...parsed.failure, source: source.site, url: source.url };
  // The original script wrote each feed's items oldest first; file-name collisions then favour the older item.
  // Images that failed on earlier runs first: this run's own failures wait for the next run.
  if (source.clean && source.images === "mirror") {
    report.warnings.push(...(await retryPendingImages(state, context.archive, imageFetcher(context), { dir: join(context.archive.dir, IMAGE_DIR), urlPrefix: IMAGE_URL_PREFIX }, context.serial)));
  }
  const tally = new RuleTally();
  const entries = [...parsed.value.entries].sort((a, b) => (a.published?.getTime() ?? Infinity) - (b.published?.getTime() ?? Infinity));
  for (const entry of entries) {
    if (context.signal?.aborted) break;
    if (!isItemIncluded(entry, source)) {
      report.filtered += 1;
      continue;
    }
    report.items += 1;
    await ingestEntry(entry, source, state, report, context, tally);
  }
  state["ruleMisses"] = tally.update(state["ruleMisses"] as RuleMisses | undefined);
  // The validators are kept only once every item is in the archive: state saved by another source meanwhile,
  // or a run stopped half way, must not turn the next fetch into a 304 that skips the items not yet written.
  if (!context.signal?.aborted && report.itemFailures.length === 0) state.validators = result.validators;
  state.itemsLastTime = report.items;
  state.newLastTime = report.written;
  return null;
}

async function ingestEntry(entry: Entry, source: Source, state: SourceState, report: SourceReport, context: SourceRunContext, tally: RuleTally): Promise<void> {
  const link = entry.link;
  if (link === null) {
    report.itemFailures.push({ link: null, title: entry.title, failure: { code: "feed.no-link", message: "the item has neither a link nor a guid that is a URL", source: source.site } });
    return;
  }
  const known = context.archive.isKnown(link, entry.guid);
  if (known && (await context.archive.isUnchanged(link, entry.guid, entry.title))) {
    report.seen += 1;
    return;
  }
  const { article, failedImages } = known ? { article: knownArticle(entry, link, source), failedImages: [] } : await completeArticle(entry, link, source, report, context);
  if (!known && source.clean) tally.record(link, source.remove, article.rulesMatched);
  const input: PostInput = {
    title: article.title,
    link,
    guid: entry.guid,
    author: source.author ?? article.author ?? source.site,
    site: source.site,
    published: entry.published,
    html: article.html,
    runTime: context.now,
  };
  // Archive.write keeps its own order (two calls for one link never both see it new) and stages posts ahead.
  const written = await context.archive.write(input);
  if (!written.ok) {
    report.itemFailures.push({ link, title: entry.title, failure: { ...written.failure, source: source.site } });
    return;
  }
  if (written.value.kind === "written") {
    report.written += 1;
    if (written.value.fileName !== null) addPendingImages(state, written.value.fileName, failedImages);
  }
  else if (written.value.kind === "revised") report.revised += 1;
  else report.seen += 1;
}

/** An item already archived only needs what a revision check compares: no page or image is fetched again. */
function knownArticle(entry: Entry, link: string, source: Source): Article {
  return cleanArticle({ ...entry, link }, { clean: source.clean, remove: source.remove });
}

/** A new item: full text when it is only a summary, cleaning, and mirrored images (those that failed are listed). */
async function completeArticle(entry: Entry, link: string, source: Source, report: SourceReport, context: SourceRunContext): Promise<{ article: Article; failedImages: string[] }> {
  let page: { url: string; html: string } | null = null;
  if (source.clean && needsFullText({ html: entry.html, link }, source.fullText)) {
    const fetched = await context.fetcher.fetch({ url: link, kind: "page", proxy: source.proxy, userAgent: source.userAgent, signal: context.signal });
    if (fetched.ok && fetched.value.status === "fetched" && fetched.value.text !== null) {
      page = { url: fetched.value.finalUrl, html: fetched.value.text };
    } else if (!fetched.ok) {
      report.warnings.push(`full text of ${link}: ${fetched.failure.message}; kept the feed's content`);
    }
  }
  const article = cleanArticle({ ...entry, link }, { clean: source.clean, remove: source.remove }, { page });
  // The extraction itself runs inside cleanArticle; when it could not be used, its note says why.
  if (page !== null) for (const note of article.notes.filter((n) => n.startsWith("feed content kept"))) report.warnings.push(`full text of ${link}: ${note}`);
  if (!source.clean || source.images !== "mirror") return { article, failedImages: [] };
  return mirrorArticleImages(article, report, context);
}

async function mirrorArticleImages(article: Article, report: SourceReport, context: SourceRunContext): Promise<{ article: Article; failedImages: string[] }> {
  const urls = article.images.length > 0 ? article.images : listImages(article.html, article.link);
  if (urls.length === 0) return { article, failedImages: [] };
  const mirrored = await mirrorImages(urls, { mirrorDir: join(context.archive.dir, IMAGE_DIR), urlPrefix: IMAGE_URL_PREFIX, fetchImage: imageFetcher(context) });
  // A failed download keeps the original URL in the post and is tried again on later runs (pending-images.ts).
  for (const failure of mirrored.failures) report.warnings.push(`image ${failure.url}: ${failure.message}; kept hot-linked, tried again next run`);
  const failedImages = mirrored.failures.map((f) => f.url);
  if (mirrored.map.size === 0) return { article, failedImages };
  return { article: { ...article, html: rewriteImages(article.html, mirrored.map) }, failedImages };
}

function imageFetcher(context: SourceRunContext): ImageFetch {
  return async (url, maxBytes) => {
    const result = await context.fetcher.fetch({ url, kind: "image", maxBytes, signal: context.signal });
    if (!result.ok) return result;
    if (result.value.status !== "fetched") return { ok: false, failure: { code: "fetch.status", message: `no image body from ${url}` } };
    return { ok: true, value: { bytes: result.value.bytes, contentType: result.value.contentType } };
  };
}
