// A fetched page as a fast linkedom document that Readability and the site rules can work on.
import { linkedom } from "./html-libraries.js";
import { fail, ok, type Result } from "../result.js";

/** Pages over this many characters are refused: no article is that long, and parsing one costs seconds. */
export const MAX_PAGE_CHARS = 5_000_000;

// Readability's own limit (maxElemsToParse) counts getElementsByTagName("*"), which linkedom
// answers with nothing, and its run time grows with elements times their depth (it walks ancestors
// again and again): on a busy 2-core machine 1,000 nested divs took 1.7 s, 2,000 took 5 s and
// 29,000 flat paragraphs 4 s. Pages over either limit are refused before parsing. In
// shared/corpus/articles the most elements are 9,878 (mozilla-readability/wikipedia-2) and the
// most nesting work 312,486 (mozilla-readability/wikia).
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

// Elements whose content never reaches an article, cut before parsing because parsing and walking
// them is most of the time spent on a page. Readability drops them itself: scripts and styles in
// `_removeScripts` / `_prepDocument`, footers, selects, textareas and buttons in `_prepArticle`
// (`_clean`). Cutting these four first left the mean F1 of every suite of shared/corpus/articles
// unchanged (to 3 decimals) and made the median page about 20 % faster (interleaved runs).
// JSON-LD scripts stay: Readability reads the title and byline there (`_getJSONLD`). Asides and
// navs are not cut: Readability keeps some (mozilla-readability/iab-1 scores lower without them).
const SKIPPED_OPENING = /<!--|<(script|style|textarea|footer|select|button)\b/gi;
// Raw text and RCDATA elements end at their first end tag, and run to the end of the page without
// one (WHATWG HTML 13.2.5, script data / RAWTEXT / RCDATA states; 13.2.5.45 "EOF in comment").
const RAW_TEXT_ELEMENTS = new Set(["script", "style", "textarea"]);
const JSON_LD = /\btype\s*=\s*["']?application\/ld\+json/i;

/** Finds the next match of a pattern at or after a position; positions only grow, so each search is reused (linear overall). */
function forwardFinder(source: string): (html: string, from: number) => { index: number; end: number } | null {
  const pattern = new RegExp(source, "gi");
  let last: { from: number; found: { index: number; end: number } | null } | null = null;
  return (html, from) => {
    if (last && last.from <= from && (last.found === null || last.found.index >= from)) return last.found;
    pattern.lastIndex = from;
    const match = pattern.exec(html);
    last = { from, found: match ? { index: match.index, end: match.index + match[0].length } : null };
    return last.found;
  };
}

/**
 * The page without comments, executable scripts and the elements Readability drops (above).
 * Linear in the page size. A footer, select or button is cut only up to its own end tag with no
 * other of its kind opening first; otherwise it is left to the parser, which knows the nesting.
 */
export function stripInertParts(html: string): string {
  const closers = new Map<string, ReturnType<typeof forwardFinder>>();
  const openers = new Map<string, ReturnType<typeof forwardFinder>>();
  const finder = (cache: Map<string, ReturnType<typeof forwardFinder>>, tag: string, source: string) => {
    if (!cache.has(tag)) cache.set(tag, forwardFinder(source));
    return cache.get(tag)!;
  };
  const opening = new RegExp(SKIPPED_OPENING.source, "gi");
  const parts: string[] = [];
  let copied = 0;
  for (let match = opening.exec(html); match !== null; match = opening.exec(html)) {
    const start = match.index;
    let end: number;
    if (match[0] === "<!--") {
      const close = html.indexOf("-->", start + 4);
      end = close === -1 ? html.length : close + 3;
    } else {
      const tag = match[1]!.toLowerCase();
      const tagEnd = html.indexOf(">", start);
      if (tagEnd === -1) break;
      const close = finder(closers, tag, `</${tag}\\s*>`)(html, tagEnd + 1);
      if (RAW_TEXT_ELEMENTS.has(tag)) {
        if (JSON_LD.test(html.slice(start, tagEnd))) {
          opening.lastIndex = close ? close.end : html.length;
          continue;
        }
        end = close ? close.end : html.length;
      } else {
        const nested = finder(openers, tag, `<${tag}\\b`)(html, tagEnd + 1);
        if (!close || (nested && nested.index < close.index)) {
          opening.lastIndex = tagEnd + 1;
          continue;
        }
        end = close.end;
      }
    }
    parts.push(html.slice(copied, start));
    copied = end;
    opening.lastIndex = end;
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
  const { document } = linkedom().parseHTML(html) as unknown as { document: Document };
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
