// The article of a fetched page: the site's selector rule first, then Mozilla Readability on linkedom.
import { Readability } from "@mozilla/readability";
import { fail, ok, type Result } from "../result.js";
import { parsePage } from "./extract-page.js";
import { extractionRuleFor, type ExtractionRule } from "./extract-rules.js";
import { parseSrcset } from "./images.js";

/** What was found on a page. `html` is not yet sanitised: the content stage sanitises last. */
export interface Extracted {
  title: string | null;
  html: string;
  text: string;
  byline: string | null;
  method: "site-rule" | "readability";
}

// A site rule whose body holds less text than this (and no image) is taken as stale: the site changed
// its layout, and Readability is tried instead.
const MIN_RULE_TEXT = 20;

// Attributes holding one URL, made absolute in site-rule output as Readability does for its own
// (Readability.js `_fixRelativeUris`): the mirror is served from another host.
const URL_ATTRIBUTES = ["href", "src", "poster"] as const;

/** Text of an element or string with runs of spaces collapsed and blank lines dropped. */
export function normaliseText(text: string): string {
  return text
    .split(/\n/)
    .map((line) => line.replace(/[\s\u00a0]+/g, " ").trim())
    .filter((line) => line !== "")
    .join("\n");
}

/** A headline on one line; ideographic spaces (U+3000) are kept, they separate clauses in Chinese headlines. */
function normaliseTitle(title: string | null | undefined): string | null {
  const line = (title ?? "").replace(/[ \t\r\n\f\u00a0]+/g, " ").trim();
  return line === "" ? null : line;
}

function absolutise(root: Element, base: string): void {
  for (const attribute of URL_ATTRIBUTES) {
    for (const element of Array.from(root.querySelectorAll(`[${attribute}]`))) {
      const value = element.getAttribute(attribute) ?? "";
      if (value.startsWith("#") || !URL.canParse(value, base)) continue;
      element.setAttribute(attribute, new URL(value, base).href);
    }
  }
  for (const element of Array.from(root.querySelectorAll("[srcset]"))) {
    const candidates = parseSrcset(element.getAttribute("srcset") ?? "").map(({ url, descriptor }) => {
      const absolute = URL.canParse(url, base) ? new URL(url, base).href : url;
      return descriptor ? `${absolute} ${descriptor}` : absolute;
    });
    element.setAttribute("srcset", candidates.join(", "));
  }
}

function metaContent(document: Document, selector: string): string | null {
  const value = document.querySelector(selector)?.getAttribute("content")?.trim();
  return value ? value : null;
}

function pageTitle(document: Document, rule: ExtractionRule): string | null {
  const headline = rule.title === undefined ? null : normaliseTitle(document.querySelector(rule.title)?.textContent);
  return headline ?? normaliseTitle(metaContent(document, 'meta[property="og:title"]') ?? document.title);
}

function extractBySiteRule(document: Document, rule: ExtractionRule): Extracted | null {
  const body = document.querySelector(rule.body);
  if (!body) return null;
  for (const selector of rule.remove ?? []) {
    for (const element of Array.from(body.querySelectorAll(selector))) element.remove();
  }
  const text = normaliseText(body.textContent ?? "");
  if (text.length < MIN_RULE_TEXT && !body.querySelector("img")) return null;
  absolutise(body, document.baseURI);
  return {
    title: pageTitle(document, rule),
    html: body.innerHTML.trim(),
    text,
    byline: metaContent(document, 'meta[name="author"]'),
    method: "site-rule",
  };
}

function extractByReadability(document: Document, url: string): Result<Extracted> {
  let article: ReturnType<Readability["parse"]>;
  try {
    article = new Readability(document).parse();
  } catch (error) {
    // Readability throws on DOM shapes it does not expect; that is the page's problem, not a bug here.
    return fail({ code: "content.extract-failed", message: `Readability could not read ${url}: ${String(error)}`, url, cause: error });
  }
  const text = normaliseText(article?.textContent ?? "");
  if (!article || !article.content || text === "") {
    return fail({ code: "content.extract-failed", message: `no article text found on ${url}; the feed's own content is kept`, url });
  }
  return ok({ title: normaliseTitle(article.title), html: article.content, text, byline: article.byline?.trim() || null, method: "readability" });
}

/**
 * The article of a fetched page, for full text (issue #4). Pure: the page was fetched and decoded by
 * the fetch stage. A failure has code "content.extract-failed" and never loses the item: the caller
 * keeps the feed's content (see chooseArticleHtml).
 */
export function extractArticle(page: { url: string; html: string }): Result<Extracted> {
  const parsed = parsePage(page);
  if (!parsed.ok) return parsed;
  const document = parsed.value;
  const rule = extractionRuleFor(page.url);
  if (rule) {
    const byRule = extractBySiteRule(document, rule);
    if (byRule) return ok(byRule);
  }
  return extractByReadability(document, page.url);
}
