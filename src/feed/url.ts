// Links: resolving relative references to absolute http(s) URLs against xml:base, the feed link and the feed URL.
import type { Element } from "domhandler";

/** Schemes a mirrored link may have; `javascript:`, `data:` and the like are never a link (untrusted input). */
const LINK_SCHEMES = new Set(["http:", "https:"]);

/** `ref` resolved against `base` (RFC 3986 section 5) when the result is http(s); null otherwise. */
export function resolveUrl(ref: string | null | undefined, base: string | null | undefined): string | null {
  const trimmed = ref?.trim();
  if (!trimmed) return null;
  const url = parseUrl(trimmed, base ?? undefined);
  return url && LINK_SCHEMES.has(url.protocol) ? url.href : null;
}

/** True when `text` alone is an absolute http(s) URL (used for guids and ids that double as links). */
export function isHttpUrl(text: string | null | undefined): boolean {
  return resolveUrl(text, null) !== null;
}

/**
 * The base URI in effect at `el`: each xml:base on the way down resolves against the one above it
 * (XML Base, section 4.2), starting from `documentBase`.
 */
export function baseAt(el: Element, documentBase: string | null): string | null {
  const bases: string[] = [];
  for (let node: Element | null = el; node; node = parentElement(node)) {
    const base = node.attribs["xml:base"];
    if (base !== undefined) bases.push(base);
  }
  let current = documentBase;
  for (let i = bases.length - 1; i >= 0; i--) {
    const resolved = parseUrl(bases[i]!.trim(), current ?? undefined);
    if (resolved) current = resolved.href;
  }
  return current;
}

/**
 * The base for links inside `el`. With an xml:base in effect, it is that, resolved from the feed's own
 * URL (XML Base section 4.2); without, the feed's site link, else the feed's URL.
 */
export function baseFor(el: Element, feedLink: string | null, feedUrl: string): string | null {
  return hasXmlBase(el) ? baseAt(el, feedUrl) : (feedLink ?? feedUrl);
}

/** href/src/poster values in HTML, quoted either way (HTML Living Standard 13.1.2.3 attribute syntax). */
const URL_ATTRIBUTE = /(\s(?:href|src|poster)\s*=\s*)(?:"([^"]*)"|'([^']*)')/gi;

/**
 * Makes relative href/src values in `html` absolute against `base`. Used where an xml:base is in effect,
 * since RFC 4287 section 2 says it applies to the content too and the base is lost once the feed is gone.
 * Absolute and fragment-only values keep their bytes.
 */
export function resolveHtmlLinks(html: string, base: string): string {
  return html.replace(URL_ATTRIBUTE, (whole: string, prefix: string, double?: string, single?: string) => {
    const value = double ?? single ?? "";
    if (value === "" || value.startsWith("#") || /^[a-z][a-z0-9+.-]*:/i.test(value)) return whole;
    const resolved = parseUrl(value, base);
    if (!resolved) return whole;
    const quote = double !== undefined ? '"' : "'";
    return `${prefix}${quote}${resolved.href.replaceAll(quote, encodeURIComponent(quote))}${quote}`;
  });
}

/** True when an xml:base is in effect at `el` (on it or an ancestor). */
export function hasXmlBase(el: Element): boolean {
  for (let node: Element | null = el; node; node = parentElement(node)) {
    if (node.attribs["xml:base"] !== undefined) return true;
  }
  return false;
}

function parentElement(el: Element): Element | null {
  const parent = el.parent;
  return parent && parent.type !== "root" ? (parent as Element) : null;
}

/** A URL, or null. A base that is itself no URL (an empty baseUrl, say) is ignored rather than failing absolute links. */
function parseUrl(text: string, base: string | undefined): URL | null {
  try {
    return new URL(text, base);
  } catch {
    if (base === undefined) return null;
    try {
      return new URL(text);
    } catch {
      return null;
    }
  }
}
