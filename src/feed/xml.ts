// Feed XML text to a tolerant element tree, and the text, markup and attributes read from its elements.
import { parseDocument, DomUtils } from "htmlparser2";
import type { ChildNode, Element } from "domhandler";
import { decodeHTML, decodeHTMLAttribute } from "entities";

export type { Element } from "domhandler";

/** A parsed XML feed: the source text (markup is sliced from it byte for byte) and its feed root element. */
export interface XmlDoc {
  source: string;
  root: Element;
}

/**
 * Parses XML the way real feeds need: htmlparser2 in XML mode never throws, recovers from unclosed
 * and stray tags, keeps CDATA bytes (CR, LF, TAB: the golden post depends on them) and leaves entity
 * references to us, so undefined ones (`&nbsp;` without a DTD) are decoded as HTML would.
 * Returns the top-level elements, junk included (PHP warnings before `<?xml`, seen in real feeds).
 */
export function parseXml(source: string): { source: string; tops: Element[] } {
  const document = parseDocument(source, {
    xmlMode: true,
    decodeEntities: false,
    recognizeSelfClosing: true,
    withStartIndices: true,
    withEndIndices: true,
  });
  const tops = document.children.filter(isElement);
  return { source, tops };
}

/**
 * True when elements nest deeper than `limit`. htmlparser2 keeps its open-element stack with
 * Array.unshift, so each level costs the depth again: 200,000 nested tags take minutes. One linear
 * pass (CDATA and comments skipped, every scan moves forward) finds such documents before parsing.
 */
export function nestsDeeperThan(source: string, limit: number): boolean {
  const open = new OpenElements();
  for (let i = source.indexOf("<"); i !== -1; i = source.indexOf("<", i)) {
    const skipTo = source.startsWith("<![CDATA[", i) ? "]]>" : source.startsWith("<!--", i) ? "-->" : null;
    if (skipTo) {
      const end = source.indexOf(skipTo, i + 4);
      if (end < 0) return false;
      i = end + 3;
      continue;
    }
    const isClose = source.charCodeAt(i + 1) === 0x2f; // "/"
    if (!isAsciiLetter(source.charCodeAt(isClose ? i + 2 : i + 1))) {
      i++;
      continue;
    }
    const close = source.indexOf(">", i);
    if (close < 0) return false;
    const name = TAG_NAME.exec(source.slice(i + (isClose ? 2 : 1), Math.min(close, i + 200)))?.[0] ?? "";
    if (isClose) open.closeTo(name);
    else if (source.charCodeAt(close - 1) !== 0x2f && open.push(name) > limit) return true;
    i = close + 1;
  }
  return false;
}

const TAG_NAME = /^[^\s/>]+/;

/**
 * Open element names as htmlparser2 tracks them: a close tag closes everything inside the nearest
 * open element of its name, and a close tag with no such element is ignored. Counting names keeps
 * both steps linear overall (each name is pushed and popped once).
 */
class OpenElements {
  private readonly stack: string[] = [];
  private readonly counts = new Map<string, number>();

  push(name: string): number {
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
    return this.stack.push(name);
  }

  closeTo(name: string): void {
    if (!this.counts.get(name)) return;
    for (let top = this.stack.pop(); top !== undefined; top = this.stack.pop()) {
      this.counts.set(top, this.counts.get(top)! - 1);
      if (top === name) return;
    }
  }
}

function isAsciiLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

export function isElement(node: ChildNode): node is Element {
  return DomUtils.isTag(node);
}

/** Child elements of `el`, in document order, whose canonical name is one of `names`. */
export function childrenNamed(el: Element, ...names: string[]): Element[] {
  const found: Element[] = [];
  for (const child of el.children) {
    if (isElement(child) && names.includes(child.name)) found.push(child);
  }
  return found;
}

/** First child element with one of the canonical `names`, tried in the order given. */
export function childNamed(el: Element, ...names: string[]): Element | null {
  for (const name of names) {
    for (const child of el.children) {
      if (isElement(child) && child.name === name) return child;
    }
  }
  return null;
}

/** An attribute value with entities decoded; null when absent. */
export function attr(el: Element, name: string): string | null {
  const raw = el.attribs[name];
  return raw === undefined ? null : decodeHTMLAttribute(raw);
}

/** Text content: entity references decoded once, CDATA kept byte for byte, tags of child elements dropped. */
export function textOf(el: Element): string {
  let text = "";
  // Depth-first with an explicit stack (children pushed in reverse): hostile feeds nest very deep.
  const pending: ChildNode[] = [...el.children].reverse();
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (node.type === "text") text += decodeHTML(node.data);
    else if (node.type === "cdata") text += cdataOf(node);
    else if (isElement(node)) for (let i = node.children.length - 1; i >= 0; i--) pending.push(node.children[i]!);
  }
  return text;
}

/**
 * The HTML an element carries. Escaped HTML or CDATA (the usual case) comes out as its text; raw child
 * markup (unescaped HTML in a `<description>`) is sliced from the source so its bytes stay, and text
 * between such elements is decoded once, as escaped HTML is everywhere else (rss-parser reddit-atom case).
 */
export function markupOf(el: Element, source: string): string {
  if (!el.children.some(isElement)) return textOf(el);
  let html = "";
  for (const child of el.children) {
    if (child.type === "text") html += decodeHTML(child.data);
    else if (child.type === "cdata") html += cdataOf(child);
    else if (isElement(child)) html += sliceOf(child, source);
  }
  return html;
}

/** The exact source text of an element, tags included. */
export function sliceOf(el: Element, source: string): string {
  if (el.startIndex === null || el.endIndex === null) return "";
  return source.slice(el.startIndex, el.endIndex + 1);
}

function cdataOf(node: ChildNode): string {
  if (node.type !== "cdata") return "";
  let text = "";
  for (const inner of node.children) if (inner.type === "text") text += inner.data;
  return text;
}

/** Text of the first child named `name`, or null when there is no such child. */
export function childText(el: Element, ...names: string[]): string | null {
  const child = childNamed(el, ...names);
  return child ? textOf(child) : null;
}

/** Like childText, but trimmed and null when empty. */
export function childValue(el: Element, ...names: string[]): string | null {
  const text = childText(el, ...names)?.trim();
  return text ? text : null;
}
