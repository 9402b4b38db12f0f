// A fetched page as a fast linkedom document that Readability and the site rules can work on.
import { parseHTML } from "linkedom";
import { fail, ok, type Result } from "../result.js";

/** Pages over this many characters are refused: no article is that long, and parsing one costs seconds. */
export const MAX_PAGE_CHARS = 5_000_000;

// Readability's own limit (maxElemsToParse) counts getElementsByTagName("*"), which linkedom
// answers with nothing, and its run time grows with elements times their depth (it walks ancestors
// again and again): 1,000 nested divs take 1.7 s, 2,000 take 5 s, 29,000 flat paragraphs 4 s. Pages over either limit are
// refused before parsing. In shared/corpus/articles the most elements are 9,878
// (mozilla-readability/wikipedia-2) and the most nesting work 312,486 (mozilla-readability/wikia).
export const MAX_PAGE_ELEMENTS = 20_000;
export const MAX_NESTING_WORK = 1_000_000;

// Elements that never hold others (void, WHATWG HTML 13.1.2) or close themselves when a sibling
// opens (optional end tags, 13.1.2.4): neither deepens the tree in the estimate below.
const FLAT_ELEMENTS = new Set([
  "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
  "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "colgroup", "rb", "rt", "rp",
]);
const TAG_NAME = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)/g;

/** Start tags of a page and the sum of their depths, estimated from the tags alone (linear, no parsing). */
export function estimatePageShape(html: string): { elements: number; nestingWork: number } {
  let depth = 0;
  let elements = 0;
  let nestingWork = 0;
  for (const match of html.matchAll(TAG_NAME)) {
    const closing = match[1] === "/";
    if (!closing) {
      elements++;
      nestingWork += depth;
    }
    if (FLAT_ELEMENTS.has(match[2]!.toLowerCase())) continue;
    depth = closing ? Math.max(0, depth - 1) : depth + 1;
  }
  return { elements, nestingWork };
}

// Elements whose content never reaches an article: Readability drops them itself (`_removeScripts`,
// `_prepDocument`), so cutting them before parsing only saves time. JSON-LD scripts stay, because
// Readability reads the title and byline from them (Readability.js `_getJSONLD`).
const SKIPPED_OPENING = /<!--|<script\b|<style\b/gi;
const CLOSING = { script: /<\/script\s*>/gi, style: /<\/style\s*>/gi } as const;
const JSON_LD = /\btype\s*=\s*["']?application\/ld\+json/i;

/**
 * The page without comments, styles and executable scripts. Linear in the page size: each skipped
 * part is found with one forward search, and an unclosed one runs to the end of the page, as an
 * HTML parser would treat it (WHATWG HTML 13.2.5.45 "EOF in comment", script data state).
 */
export function stripInertParts(html: string): string {
  const parts: string[] = [];
  let copied = 0;
  SKIPPED_OPENING.lastIndex = 0;
  for (let match = SKIPPED_OPENING.exec(html); match !== null; match = SKIPPED_OPENING.exec(html)) {
    const start = match.index;
    let end: number;
    if (match[0] === "<!--") {
      const close = html.indexOf("-->", start + 4);
      end = close === -1 ? html.length : close + 3;
    } else {
      const tagEnd = html.indexOf(">", start);
      if (tagEnd === -1) break;
      if (JSON_LD.test(html.slice(start, tagEnd))) {
        SKIPPED_OPENING.lastIndex = tagEnd + 1;
        continue;
      }
      const closing = CLOSING[match[0].slice(1).toLowerCase() as keyof typeof CLOSING];
      closing.lastIndex = tagEnd + 1;
      const close = closing.exec(html);
      end = close === null ? html.length : close.index + close[0].length;
    }
    parts.push(html.slice(copied, start));
    copied = end;
    SKIPPED_OPENING.lastIndex = end;
  }
  parts.push(html.slice(copied));
  return parts.join("");
}

/** The address relative links of the page resolve against: its `<base href>`, else its own URL (WHATWG HTML 2.4.1). */
function baseAddress(document: Document, pageUrl: string): string {
  const href = document.querySelector("base[href]")?.getAttribute("href");
  if (href && URL.canParse(href, pageUrl)) return new URL(href, pageUrl).href;
  return pageUrl;
}

/** Parses a page into a document whose `baseURI`/`documentURI` are set, which Readability uses to make links absolute. */
export function parsePage(page: { url: string; html: string }): Result<Document> {
  if (!URL.canParse(page.url)) {
    return fail({ code: "content.extract-failed", message: `page address ${JSON.stringify(page.url)} is not a URL`, url: page.url });
  }
  if (page.html.length > MAX_PAGE_CHARS) {
    const size = (page.html.length / 1e6).toFixed(1);
    return fail({ code: "content.extract-failed", message: `page ${page.url} has ${size} M characters, over the limit of ${MAX_PAGE_CHARS / 1e6} M; the feed's own content is kept`, url: page.url });
  }
  let html = stripInertParts(page.html);
  const shape = estimatePageShape(html);
  if (shape.elements > MAX_PAGE_ELEMENTS) {
    return fail({ code: "content.extract-failed", message: `page ${page.url} has ${shape.elements} elements, over the limit of ${MAX_PAGE_ELEMENTS}; the feed's own content is kept`, url: page.url });
  }
  if (shape.nestingWork > MAX_NESTING_WORK) {
    return fail({ code: "content.extract-failed", message: `page ${page.url} nests its elements too deeply to read (${shape.nestingWork} levels in all, limit ${MAX_NESTING_WORK}); the feed's own content is kept`, url: page.url });
  }
  // linkedom builds a document only around an <html> element; a bare fragment gets one.
  if (!/<html[\s>]/i.test(html)) html = `<!doctype html><html><head></head><body>${html}</body></html>`;
  const { document } = parseHTML(html) as unknown as { document: Document };
  if (!document.documentElement || !document.body) {
    return fail({ code: "content.extract-failed", message: `page ${page.url} has no <body> after parsing`, url: page.url });
  }
  const base = baseAddress(document, page.url);
  Object.defineProperty(document, "baseURI", { value: base, configurable: true });
  Object.defineProperty(document, "documentURI", { value: page.url, configurable: true });
  // linkedom keeps the case of names given to createElement, so Readability's createElement("DIV")
  // would serialise as <DIV>; browsers lower-case HTML element names (DOM Standard, createElement step 2).
  const createElement = document.createElement.bind(document);
  Object.defineProperty(document, "createElement", {
    value: (name: string, options?: ElementCreationOptions) => createElement(name.toLowerCase(), options),
    configurable: true,
  });
  return ok(document);
}
