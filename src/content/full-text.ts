// Full text for feed items (issue #4): when to fetch the page, what to take from it, which HTML to keep.
import type { Result } from "../result.js";
import type { FullTextMode } from "../sources/index.js";
import type { Extracted } from "./extract-article.js";
import { feedText, judgeFeedContent, readingLength, shareOfFeedInPage } from "./summary-detect.js";

export type { FullTextMode };
export { extractArticle, type Extracted } from "./extract-article.js";
export { judgeFeedContent, isSummaryOfPage, type SummaryVerdict } from "./summary-detect.js";

// A feed text of at least this many reading units that shares under MIN_SHARED_WITH_PAGE of its
// tokens with the page text was not found on the page: the page is a consent wall, an error page
// or another article, and the feed's own content is the better copy.
const CHECKED_FEED_UNITS = 60;
const MIN_SHARED_WITH_PAGE = 0.3;

/**
 * Whether to fetch an item's page for its full text. `always` and `never` decide alone; `auto`
 * (the default) fetches when the feed HTML looks like a summary (see judgeFeedContent). An item
 * without an http(s) link has no page to fetch.
 *
 * @example needsFullText({ html: "<p>Short teaser…</p>", link: "https://news.example/a/1" }, "auto") // true
 */
export function needsFullText(entry: { html: string; link: string }, mode: FullTextMode): boolean {
  if (mode === "never" || !URL.canParse(entry.link)) return false;
  const protocol = new URL(entry.link).protocol;
  if (protocol !== "http:" && protocol !== "https:") return false;
  return mode === "always" || judgeFeedContent(entry.html).summary;
}

/**
 * The HTML to publish for an item: the extracted article when it is longer than the feed's
 * content and contains it, else the feed's content. Extraction failures keep the feed's content
 * (an item is never lost) and `note` says why, for the run report.
 *
 * @example chooseArticleHtml("<p>Teaser…</p>", extractArticle(page)) // { html: "<div>…whole article…</div>", note: "full text from the page (readability, …)" }
 */
export function chooseArticleHtml(feedHtml: string, extracted: Result<Extracted> | null): { html: string; note: string } {
  if (extracted === null) return { html: feedHtml, note: "feed content (page not fetched)" };
  if (!extracted.ok) return { html: feedHtml, note: `feed content kept: ${extracted.failure.message}` };
  const feed = feedText(feedHtml);
  const feedUnits = readingLength(feed);
  const pageUnits = readingLength(extracted.value.text);
  if (pageUnits <= feedUnits) {
    return { html: feedHtml, note: `feed content kept: the page text (${pageUnits} reading units) is not longer than the feed's (${feedUnits})` };
  }
  if (feedUnits >= CHECKED_FEED_UNITS && shareOfFeedInPage(feed, extracted.value.text) < MIN_SHARED_WITH_PAGE) {
    return { html: feedHtml, note: "feed content kept: the page text does not contain the item's text (consent wall, error page or another article?)" };
  }
  return { html: extracted.value.html, note: `full text from the page (${extracted.value.method}, ${pageUnits} reading units; the feed had ${feedUnits})` };
}
