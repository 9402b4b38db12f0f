// Which dialect a feed text is, from its first characters and root element; a clear failure when it is no feed.
import { fail, ok, type Result } from "../result.js";
import { normaliseNames } from "./namespaces.js";
import { isElement, nestsDeeperThan, parseXml, textOf, type Element, type XmlDoc } from "./xml.js";

export type Detected =
  | { dialect: "rss" | "rdf" | "atom"; doc: XmlDoc }
  | { dialect: "json"; feed: Record<string, unknown> };

/** Root element local names (lower-cased) to dialect: RSS 2.0 spec, RSS 1.0 section 5.2, RFC 4287 section 4.1.1. */
const XML_ROOTS = new Map<string, "rss" | "rdf" | "atom">([
  ["rss", "rss"],
  ["channel", "rss"], // a bare channel, written by some old generators
  ["rdf", "rdf"],
  ["feed", "atom"],
]);

/** Byte order marks and the whitespace or NULs that real feeds put before their first character. */
const LEADING_JUNK = /^[\uFEFF\uFFFE\u0000\s]+/;

/**
 * Deepest element nesting parsed. Real feeds stay far below (HTML inside a description adds tens of
 * levels); beyond this the XML parser's cost grows with the square of the depth (xml.ts nestsDeeperThan).
 */
const MAX_NESTING = 5_000;

/** How much of an unknown document a message quotes. */
const QUOTE_LENGTH = 40;

/** Detects the dialect and parses the document far enough to hand it to that dialect's parser. */
export function detectDialect(text: string): Result<Detected> {
  const trimmed = text.replace(LEADING_JUNK, "");
  if (trimmed === "") return notAFeed("got an empty document");
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) return detectJson(trimmed);
  return detectXml(text);
}

function detectJson(text: string): Result<Detected> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    if (/jsonfeed\.org\/version/.test(text)) {
      return fail({ code: "feed.malformed", message: `got a JSON Feed that is not valid JSON (${String(error)}); the publisher has to fix it`, cause: error });
    }
    return notAFeed(`got text starting with "${text[0]}" that is not valid JSON, so not a feed`);
  }
  if (isJsonFeed(value)) return ok({ dialect: "json", feed: value });
  return notAFeed('got JSON that is not a JSON Feed (it needs a "version" at jsonfeed.org and an "items" list)');
}

/** JSON Feed 1.0/1.1 section "Top-level": `version` names jsonfeed.org; feeds that forget it still have `items`. */
function isJsonFeed(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  const version = typeof record.version === "string" && record.version.includes("jsonfeed.org/version");
  return version || Array.isArray(record.items);
}

function detectXml(text: string): Result<Detected> {
  if (nestsDeeperThan(text, MAX_NESTING)) {
    return fail({ code: "feed.malformed", message: `got a document whose elements nest more than ${MAX_NESTING} deep, which no feed does; it was not read` });
  }
  const { source, tops } = parseXml(text);
  for (const top of tops) {
    const dialect = XML_ROOTS.get(localName(top.name));
    if (dialect) {
      normaliseNames(top);
      return ok({ dialect, doc: { source, root: top } });
    }
  }
  return notAFeed(describeNonFeed(text, tops));
}

function describeNonFeed(text: string, tops: Element[]): string {
  const html = tops.find((el) => localName(el.name) === "html");
  if (html || /^\s*<!doctype\s+html/i.test(text)) {
    const title = html ? findTitle(html) : null;
    const titleText = title ? textOf(title).replace(/\s+/g, " ").trim().slice(0, 80) : "";
    return `got an HTML page${titleText ? ` (title: ${titleText})` : ""}, not a feed; use the page's feed link instead`;
  }
  const root = tops[0];
  if (root) return `got an XML document whose root is <${root.name}>, not <rss>, <rdf:RDF> or <feed>`;
  if (/^\s*<[?!]/.test(text.replace(LEADING_JUNK, ""))) return "got an XML document with no elements (only a prolog or comments)";
  const start = text.replace(LEADING_JUNK, "").slice(0, QUOTE_LENGTH);
  return `got text that is neither XML nor JSON (it starts with ${JSON.stringify(start)})`;
}

/** The page's <title>, searched without recursion (hostile pages nest deep). */
function findTitle(html: Element): Element | null {
  const pending: Element[] = [html];
  for (let el = pending.pop(); el; el = pending.pop()) {
    if (localName(el.name) === "title") return el;
    for (let i = el.children.length - 1; i >= 0; i--) {
      const child = el.children[i]!;
      if (isElement(child)) pending.push(child);
    }
  }
  return null;
}

function localName(name: string): string {
  return name.slice(name.indexOf(":") + 1).toLowerCase();
}

function notAFeed(message: string): Result<never> {
  return fail({ code: "feed.not-a-feed", message });
}
