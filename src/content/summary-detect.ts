// Whether a feed item's HTML is only a summary of its page (issue #4, `full_text: auto`).
import { Parser } from "htmlparser2";
import { tokenizeText } from "./extract-score.js";

/** What a feed item's HTML looks like, and why. */
export interface SummaryVerdict {
  summary: boolean;
  reason: string;
}

/** The visible text of a fragment and the text of its last link, with what follows that link. */
interface FeedText {
  text: string;
  lastLinkText: string | null;
  afterLastLink: string;
  images: number;
}

// Under this many reading units (see readingLength) an item is a teaser, not an article: about
// 150 English words or 300 Chinese characters. The summaries of shared/corpus/articles/rssant-fulltext
// measure 0 to 96 units (juejin2), the full feed article 2,354 (woshipm); news briefs of a few
// sentences fall under it and get their page fetched, which chooseArticleHtml keeps only if longer.
export const SHORT_ITEM_UNITS = 300;

// An item with this many pictures is a picture story (comic, photo set): complete even with little
// text (rssant-fulltext/haibaomanhua: six panels and one line is the whole post; xkcd: one picture
// and no text is a teaser for the page with the title and caption).
const PICTURE_STORY_IMAGES = 3;

// Links and trailing words that announce the rest is elsewhere, in the languages of the mirrored
// sources; matched on the last link or the end of the text (WordPress "[…]", "(more…)" included).
const READ_MORE = [
  /\bread (?:more|on|the (?:full|rest|whole))\b/i,
  /\bcontinue(?:s)? (?:reading|on)\b/i,
  /\bfull (?:story|article|text)\b/i,
  /\(more…?\)|\bmore\s*(?:»|›|>>|→)/i,
  /阅读全文|閱讀全文|查看全文|阅读原文|閱讀原文|阅读更多|閱讀更多|继续阅读|繼續閱讀|点击阅读|點擊閱讀|查看更多|全文链接|全文連結|詳全文|详全文/,
];

// An ellipsis at the very end, maybe in brackets: "…", "……", "...", "[…]", "[...]" (Unicode U+2026).
const TRAILING_ELLIPSIS = /(?:\u2026|\.{3})[\s\])）】"”'’]*$/u;

const SKIPPED_ELEMENTS = new Set(["script", "style", "template"]);
const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
// A run of CJK characters, or a word of any other script (the same split as extract-score.ts).
const WORD_OR_CJK_RUN =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+|(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}])[\p{L}\p{N}\p{M}])+/gu;

function readFeedText(html: string): FeedText {
  let text = "";
  let skipping = 0;
  let linkDepth = 0;
  let linkText = "";
  let lastLinkText: string | null = null;
  let lastLinkEnd = 0;
  let images = 0;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === "img" && attributes.src) images++;
        if (SKIPPED_ELEMENTS.has(name)) skipping++;
        if (name === "a") {
          if (linkDepth === 0) linkText = "";
          linkDepth++;
        }
        if (name === "br" || name === "p" || name === "div" || name === "li") text += "\n";
      },
      ontext(data) {
        if (skipping > 0) return;
        text += data;
        if (linkDepth > 0) linkText += data;
      },
      onclosetag(name) {
        if (SKIPPED_ELEMENTS.has(name)) skipping = Math.max(0, skipping - 1);
        if (name === "a" && linkDepth > 0 && --linkDepth === 0) {
          lastLinkText = linkText.trim();
          lastLinkEnd = text.length;
        }
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return { text: text.trim(), lastLinkText, afterLastLink: text.slice(lastLinkEnd), images };
}

/** Reading length: each CJK character counts 1, each other word 2 (an English word carries about two Chinese characters' worth). */
export function readingLength(text: string): number {
  let units = 0;
  for (const token of text.normalize("NFKC").matchAll(WORD_OR_CJK_RUN)) {
    units += CJK_CHAR.test(token[0]) ? Array.from(token[0]).length : 2;
  }
  return units;
}

function hasReadMore(feed: FeedText): boolean {
  const linkAtEnd = feed.lastLinkText !== null && !/[\p{L}\p{N}]/u.test(feed.afterLastLink);
  if (linkAtEnd && READ_MORE.some((pattern) => pattern.test(feed.lastLinkText ?? ""))) return true;
  const tail = feed.text.slice(-40);
  return READ_MORE.some((pattern) => pattern.test(tail));
}

/**
 * Whether feed HTML looks like a summary, so that `full_text: auto` fetches the page: no text,
 * a trailing ellipsis, a trailing "read more" / "阅读全文" link, or fewer than SHORT_ITEM_UNITS
 * (unless it is a picture story).
 */
export function judgeFeedContent(html: string): SummaryVerdict {
  const feed = readFeedText(html);
  if (feed.text === "" && feed.images === 0) return { summary: true, reason: "the item has no text" };
  // Only the tail is searched: the pattern rescans dots and spaces, and a hostile text of both is long.
  if (TRAILING_ELLIPSIS.test(feed.text.slice(-64))) return { summary: true, reason: "the item ends with an ellipsis" };
  if (hasReadMore(feed)) return { summary: true, reason: "the item ends with a read-more link" };
  if (feed.images >= PICTURE_STORY_IMAGES) return { summary: false, reason: `the item is a picture story (${feed.images} images)` };
  const units = readingLength(feed.text);
  if (units < SHORT_ITEM_UNITS) return { summary: true, reason: `the item is short (${units} reading units, under ${SHORT_ITEM_UNITS})` };
  return { summary: false, reason: `the item has ${units} reading units of text` };
}

/** The visible text of a feed item's HTML. */
export function feedText(html: string): string {
  return readFeedText(html).text;
}

/** Share of the feed text's tokens (see extract-score.ts) that the page text also has. */
export function shareOfFeedInPage(feedPlainText: string, pageText: string): number {
  const feedTokens = tokenizeText(feedPlainText);
  if (feedTokens.length === 0) return 0;
  const pageTokens = new Map<string, number>();
  for (const token of tokenizeText(pageText)) pageTokens.set(token, (pageTokens.get(token) ?? 0) + 1);
  let shared = 0;
  for (const token of feedTokens) {
    const left = pageTokens.get(token) ?? 0;
    if (left > 0) {
      shared++;
      pageTokens.set(token, left - 1);
    }
  }
  return shared / feedTokens.length;
}

/**
 * Whether the feed text is a summary of the page text: the page is at least twice as long and holds
 * most of the feed's words ("much shorter than the page", issue #4).
 */
export function isSummaryOfPage(feedPlainText: string, pageText: string): boolean {
  const feedUnits = readingLength(feedPlainText);
  return feedUnits * 2 <= readingLength(pageText) && shareOfFeedInPage(feedPlainText, pageText) >= 0.5;
}
