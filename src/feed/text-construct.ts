// Atom text constructs (RFC 4287 section 3.1) and Atom 0.3 content modes, as HTML or as plain text.
import { escapeHtml, htmlToText } from "./html-text.js";
import { attr, childrenNamed, isElement, markupOf, textOf, type Element } from "./xml.js";

type Kind = "text" | "html" | "xhtml" | "inline" | "other";

/** Atom 1.0 `type` values (RFC 4287 3.1.1, 4.1.3.1) and Atom 0.3 MIME types to how the content is read. */
const KINDS = new Map<string, Kind>([
  ["text", "text"], ["text/plain", "text"],
  ["html", "html"], ["text/html", "html"],
  ["xhtml", "xhtml"], ["application/xhtml+xml", "xhtml"],
]);

interface Construct {
  kind: Kind;
  /** Atom 0.3 `mode="base64"`, or a type neither text nor XML (RFC 4287 4.1.3.3): the text is base64 of the content. */
  base64: boolean;
}

/**
 * How to read `el`. Atom 0.3 `mode="escaped"` is HTML; element children where text was announced
 * ("naked markup": Atom 0.3's default mode is xml, and sloppy 1.0 feeds do the same) are read as inline markup.
 */
function constructOf(el: Element): Construct {
  const type = attr(el, "type")?.trim().toLowerCase() ?? "text";
  const mode = attr(el, "mode")?.trim().toLowerCase() ?? null;
  // RFC 4287 4.1.3.3: other text/* types are text, XML media types are inline XML, the rest is base64.
  let kind = KINDS.get(type) ?? (type.startsWith("text/") ? "text" : /[+/]xml$/.test(type) ? "inline" : "other");
  if (mode === "escaped" && kind === "text") kind = "html";
  if (kind === "text" && mode !== "base64" && el.children.some(isElement)) kind = "inline";
  return { kind, base64: mode === "base64" || kind === "other" };
}

/**
 * A text construct as HTML: text is escaped, html is its decoded text, xhtml the inner markup of its div,
 * base64 its decoded text. Out-of-line content (`src`, RFC 4287 4.1.3.2) and base64 that is not UTF-8
 * text (images, video) or not base64 at all (JSON) carry no HTML: null.
 */
export function readTextConstruct(el: Element, source: string): string | null {
  const { kind, base64 } = constructOf(el);
  if (attr(el, "src") !== null && textOf(el).trim() === "") return null;
  if (base64) {
    const decoded = fromBase64(textOf(el));
    return decoded !== null && kind === "text" ? escapeHtml(decoded) : decoded;
  }
  if (kind === "xhtml") return xhtmlInner(el, source);
  if (kind === "inline") return innerSource(el, source);
  if (kind === "html") return markupOf(el, source);
  return escapeHtml(textOf(el));
}

/** A text construct as plain text (titles): markup stripped from html and xhtml (RFC 4287 3.1.1.2, 3.1.1.3). */
export function textConstructToText(el: Element, source: string): string {
  const { kind, base64 } = constructOf(el);
  const text = base64 ? fromBase64(textOf(el)) : null;
  if (kind === "html" || kind === "other") return htmlToText(text ?? markupOf(el, source));
  if (kind === "xhtml") return htmlToText(text ?? xhtmlInner(el, source));
  if (kind === "inline") return htmlToText(innerSource(el, source));
  return text ?? textOf(el);
}

/**
 * RFC 4287 3.1.1.3: xhtml content is one xhtml:div whose children are the content, serialised as written
 * (escaped markup stays escaped). Any prefix the feed gave XHTML is dropped from tags so it reads as HTML.
 */
function xhtmlInner(el: Element, source: string): string {
  const elements = el.children.filter(isElement);
  const div = elements.length === 1 ? childrenNamed(el, "div", "xhtml:div")[0] : undefined;
  const markup = innerSource(div ?? el, source);
  const prefix = div ? /^<([^\s/>:]+):div\b/.exec(source.slice(div.startIndex ?? 0, (div.startIndex ?? 0) + 100))?.[1] : undefined;
  if (!prefix) return markup;
  return markup.replace(new RegExp(`<(/?)${prefix.replace(/[.\\-]/g, "\\$&")}:`, "g"), "<$1");
}

/** The source between an element's start and end tags, exactly as written; "" for an empty element. */
function innerSource(el: Element, source: string): string {
  const first = el.children[0];
  const last = el.children[el.children.length - 1];
  if (!first || !last || first.startIndex === null || last.endIndex === null) return "";
  return source.slice(first.startIndex, last.endIndex + 1);
}

/**
 * Base64 content decoded as UTF-8 text (how feedparser and gofeed read it), or null when it is not
 * base64 of text: binary media (video, images) is no HTML and must not reach a post as garbage.
 */
function fromBase64(data: string): string | null {
  const compact = data.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return null;
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.from(compact, "base64"));
    return /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(text) ? null : text;
  } catch {
    return null;
  }
}
