// Article HTML as a DOM (linkedom), parsed once for all the DOM steps and serialised once before sanitising.
import { linkedom } from "./html-libraries.js";

// One empty document serves as the factory for every fragment: creating a `<div>` and setting its
// innerHTML parses the article as body content, so a stray `</body>` or `<html>` in hostile input
// cannot end the fragment early (a whole-document parse drops what follows `</body>`).
type FactoryDocument = ReturnType<ReturnType<typeof linkedom>["parseHTML"]>["document"];
let factory: FactoryDocument | undefined;
function factoryDocument(): FactoryDocument {
  return (factory ??= linkedom().parseHTML("<!DOCTYPE html><html><head></head><body></body></html>").document);
}

/** Parses article HTML into a detached container element; the container itself is not part of the article. */
export function parseFragment(html: string): HTMLElement {
  const container = factoryDocument().createElement("div");
  container.innerHTML = html;
  return container;
}

/** The article HTML of a container made by parseFragment. */
export function serializeFragment(container: HTMLElement): string {
  return container.innerHTML;
}

/** A new element for a step that rewrites markup (e.g. an embed turned into a link). */
export function createElement(container: HTMLElement, tagName: string): HTMLElement {
  return (container.ownerDocument ?? factoryDocument()).createElement(tagName);
}

/**
 * Checks a CSS selector the way the DOM will use it; returns the parser's message when it is not
 * valid, null when it is. Used to validate site rules when the table loads and `remove:` options.
 */
export function findSelectorError(selector: string): string | null {
  if (selector.trim() === "") return "the selector is empty";
  try {
    factoryDocument().createElement("div").querySelectorAll(selector);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Elements whose end tag is usually left out (HTML 13.1.2.4 optional end tags) or that have none
 * (void elements): they do not deepen the tree, so the nesting estimate skips them.
 */
const NOT_NESTING: ReadonlySet<string> = new Set([
  "area", "base", "br", "col", "dd", "dt", "embed", "hr", "img", "input", "li", "link", "meta", "option", "p",
  "param", "rp", "rt", "source", "tbody", "td", "tfoot", "th", "thead", "tr", "track", "wbr",
]);

/**
 * An upper estimate of how deeply the HTML nests, read from its tags without building a tree.
 * linkedom builds trees recursively: thousands of levels overflow the stack, so deeper input is
 * sanitised without the DOM steps (issue #4: hostile input must return a value, never throw).
 */
export function estimateNesting(html: string): number {
  let depth = 0;
  let deepest = 0;
  for (const match of html.matchAll(/<(\/?)([a-zA-Z][^\s/>]*)[^>]*?(\/?)>/g)) {
    const name = (match[2] ?? "").toLowerCase();
    if (NOT_NESTING.has(name) || match[3] === "/") continue;
    if (match[1] === "/") {
      depth = Math.max(0, depth - 1);
    } else {
      depth++;
      if (depth > deepest) deepest = depth;
    }
  }
  return deepest;
}
