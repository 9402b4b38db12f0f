// The content stage: an `Entry` (and its page, when fetched) to an `Article` with clean, safe HTML.
import type { Article, ArticleDraft, ContentContext, ContentOptions, ContentStep, LinkedEntry, StepContext } from "./article.js";
import { estimateNesting } from "./html-fragment.js";
import { sanitizeArticleHtml, sanitizeHtml as sanitizeWithLibrary } from "./sanitize.js";
import { chooseFullText, cleanLink, removeBoilerplate, rewriteMarkup, sanitizeLast } from "./steps.js";

export type { Article, ContentContext, ContentOptions, ContentStep, ArticleDraft, StepContext } from "./article.js";
export { SITE_RULES, rulesForHost, rulesForUrl, rulesFromOptions, findSiteRuleProblems, type SiteRule, type RemoveRule } from "./site-rules.js";
export { sanitizeArticleHtml, type SanitizedHtml } from "./sanitize.js";
export { findSelectorError } from "./html-fragment.js";
export * from "./full-text.js";
export * from "./images.js";
export { mirrorImages, type ImageFetch, type MirrorOptions } from "./image-mirror.js";
export { findStoryClusters, findPreparedStoryClusters, SignatureMemo, storySentences, DEFAULT_CLUSTER_OPTIONS, type StoryDoc, type PreparedStoryDoc, type ClusterOptions } from "./story-clusters.js";

/**
 * The steps, in the one order they run (STYLE rule 10): clean URL; full text (Readability) and the
 * site rules; rewrite; images; 简/繁; sanitize last. Images are listed by the sanitizer as it keeps
 * them, so the list matches the final HTML (the edge mirrors them); there is no 简/繁 step yet.
 */
export const CONTENT_STEPS: readonly ContentStep[] = [
  cleanLink,
  chooseFullText,
  removeBoilerplate,
  rewriteMarkup,
  sanitizeLast,
];

/**
 * Deepest nesting the DOM steps accept. Real articles stay far below (the deepest of the 2,470 corpus
 * posts nests 17 levels); hostile input nested deeper is only sanitised.
 */
export const MAX_DOM_NESTING = 256;

/**
 * Turns an entry into an article. With `clean: false` the HTML is the entry's, byte for byte (the
 * original system's behaviour) and no images are listed. Pure; never throws for any entry.
 * @example cleanArticle(entry, { clean: true, remove: [".promo"] }, { page: null })
 */
export function cleanArticle(entry: LinkedEntry, options: ContentOptions, context: ContentContext = {}): Article {
  const start: ArticleDraft = {
    title: entry.title,
    link: entry.link,
    guid: entry.guid,
    published: entry.published,
    author: entry.author,
    html: entry.html,
    categories: [...entry.categories],
    images: [],
    rulesMatched: [],
    notes: [],
    dom: null,
  };
  if (!options.clean) return toArticle(start);
  const page = context.page ?? null;
  const stepContext: StepContext = { options, page, baseUrl: page?.url ?? entry.link };
  const nesting = estimateNesting(entry.html);
  if (nesting > MAX_DOM_NESTING) {
    return toArticle(sanitizeOnly(cleanLink(start, stepContext), stepContext, `HTML nested ${nesting} levels deep`));
  }
  let draft = start;
  try {
    for (const step of CONTENT_STEPS) draft = step(draft, stepContext);
  } catch (error) {
    // A DOM library failing on some input must not lose the item: fall back to the sanitizer alone.
    const reason = error instanceof Error ? error.message : String(error);
    return toArticle(sanitizeOnly(cleanLink(start, stepContext), stepContext, reason));
  }
  return toArticle(draft);
}

function sanitizeOnly(article: ArticleDraft, context: StepContext, reason: string): ArticleDraft {
  const sanitized = sanitizeArticleHtml(article.html, context.baseUrl);
  const note = `cleaning: only sanitised (${reason})`;
  return { ...article, html: sanitized.html, images: sanitized.images, notes: [...article.notes, note] };
}

/**
 * Sanitises HTML for display: the content stage's last step on its own, also used by the site.
 * @example sanitizeHtml('<a href="javascript:x()">a</a><img src="/i.png">', "https://n.example/a/1")
 *   // -> '<a>a</a><img src="https://n.example/i.png" />'
 */
export function sanitizeHtml(html: string, baseUrl: string): string {
  return sanitizeWithLibrary(html, baseUrl);
}

function toArticle(draft: ArticleDraft): Article {
  const { dom: _dom, ...article } = draft;
  return article;
}
