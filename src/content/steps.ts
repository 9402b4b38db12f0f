// The content steps as `(article, context) => article` functions over the files that own each job; index.ts orders them.
import type { ArticleDraft, ContentStep } from "./article.js";
import { normaliseWhitespace } from "./whitespace.js";
import { linkVideoEmbeds } from "./embeds.js";
import { chooseArticleHtml, extractArticle } from "./full-text.js";
import { removeEmptyElements } from "./empty-elements.js";
import { parseFragment, serializeFragment } from "./html-fragment.js";
import { resolveLazyImages } from "./lazy-images.js";
import { sanitizeArticleHtml } from "./sanitize.js";
import { applyRemoveRules, rulesForUrl, rulesFromOptions } from "./site-rules.js";
import { stripTrackingParams } from "../feed/index.js";
import { removeTrackingPixels } from "./tracking-pixels.js";

/** The article's own link without tracking parameters ("?utm_source=rss" and the like). */
export const cleanLink: ContentStep = (article) => ({ ...article, link: stripTrackingParams(article.link) });

/**
 * Full text: when the edge fetched the article's page, Readability (or a body rule) extracts it and
 * the longer, matching text wins; the note says which and why. Runs before the DOM is parsed.
 */
export const chooseFullText: ContentStep = (article, context) => {
  if (context.page === null) return article;
  const chosen = chooseArticleHtml(article.html, extractArticle(context.page));
  return { ...article, html: chosen.html, dom: null, notes: [...article.notes, chosen.note] };
};

/** A source's `remove:` selectors, checked once per list rather than once per article. */
const OPTION_RULES = new WeakMap<readonly string[], ReturnType<typeof rulesFromOptions>>();

function optionRules(selectors: readonly string[]): ReturnType<typeof rulesFromOptions> {
  let rules = OPTION_RULES.get(selectors);
  if (rules === undefined) OPTION_RULES.set(selectors, (rules = rulesFromOptions(selectors)));
  return rules;
}

/** Built-in site rules for the article's host, then the source's own `remove:` selectors. */
export const removeBoilerplate: ContentStep = (article, context) => {
  const draft = withDom(article);
  const fromOptions = optionRules(context.options.remove);
  const rules = [...rulesForUrl(context.baseUrl), ...fromOptions.rules];
  const matched = applyRemoveRules(draft.dom, rules);
  const notes = fromOptions.invalid.map((selector) => `remove: "${selector}" is not a valid CSS selector; it was skipped`);
  return { ...draft, rulesMatched: [...draft.rulesMatched, ...matched], notes: [...draft.notes, ...notes] };
};

/**
 * Markup rewrites: known video embeds to links, lazy images to their real source, tracking pixels
 * out, then the wrappers all that left empty, and last the line breaks (so removed nodes cannot
 * leave two words glued together).
 */
export const rewriteMarkup: ContentStep = (article, context) => {
  const draft = withDom(article);
  // `html` is still the text the DOM was parsed from: a rewrite whose markers it lacks has nothing to
  // do, and skipping its tree walk keeps a typical item well under 2 ms.
  const source = draft.html;
  const notes = HAS_EMBED.test(source) ? linkVideoEmbeds(draft.dom, context.baseUrl) : [];
  if (HAS_IMAGE.test(source)) {
    resolveLazyImages(draft.dom);
    removeTrackingPixels(draft.dom);
  }
  removeEmptyElements(draft.dom);
  if (HAS_LINE_BREAK.test(source)) normaliseWhitespace(draft.dom);
  return { ...draft, notes: [...draft.notes, ...notes] };
};

const HAS_EMBED = /<(?:iframe|object|embed)\b|fb-(?:video|post)/i;
const HAS_IMAGE = /<(?:img|source|noscript)\b/i;
const HAS_LINE_BREAK = /[\t\n\r\f]/;

/**
 * The last step: serialise the DOM once and sanitise. The images the sanitizer keeps become
 * `article.images`, so the list for mirroring is exactly the images of the final HTML.
 */
export const sanitizeLast: ContentStep = (article, context) => {
  const html = article.dom === null ? article.html : serializeFragment(article.dom);
  const sanitized = sanitizeArticleHtml(html, context.baseUrl);
  return { ...article, dom: null, html: sanitized.html, images: sanitized.images };
};

/** The draft with its DOM, parsing `html` the first time a DOM step needs it (once per article). */
function withDom(article: ArticleDraft): ArticleDraft & { dom: HTMLElement } {
  if (article.dom !== null) return article as ArticleDraft & { dom: HTMLElement };
  return { ...article, dom: parseFragment(article.html) };
}
