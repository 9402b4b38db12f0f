// Empty wrappers left by the feed or by removed boilerplate (`<div></div>`, `<p>&nbsp;</p>`, Blogger's empty MsoNormal spans).

/** Wrappers that mean nothing without content; table cells, list items and media are never dropped. */
export const DROPPABLE_WHEN_EMPTY: ReadonlySet<string> = new Set([
  "A", "ARTICLE", "ASIDE", "B", "CENTER", "DIV", "EM", "FONT", "FOOTER", "HEADER", "I", "P", "SECTION", "SMALL",
  "SPAN", "STRONG", "U",
]);

/** Elements that are content even without text. */
const MEANINGFUL_ELEMENTS: ReadonlySet<string> = new Set([
  "IMG", "PICTURE", "VIDEO", "AUDIO", "IFRAME", "OBJECT", "EMBED", "HR", "TABLE", "UL", "OL", "FIGURE", "SVG", "MATH",
  "TD", "TH", "LI",
]);

/** Text that shows nothing: HTML whitespace, no-break and zero-width spaces. */
const BLANK = /^[\s\u00a0\u200b\u200c\u200d\ufeff]*$/;

/** Removes droppable wrappers that hold no visible text and no media, in place (deepest first); returns how many. */
export function removeEmptyElements(container: HTMLElement): number {
  let removed = 0;
  const hasContent = (node: Node): boolean => {
    let found = false;
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 3) {
        if (!BLANK.test((child as Text).data)) found = true;
      } else if (child.nodeType === 1) {
        const element = child as Element;
        const tag = element.tagName.toUpperCase();
        const inner = hasContent(element);
        if (inner || MEANINGFUL_ELEMENTS.has(tag) || !DROPPABLE_WHEN_EMPTY.has(tag)) {
          // A <br> or an unknown element is kept, but only text or media make the parent worth keeping.
          if (inner || MEANINGFUL_ELEMENTS.has(tag)) found = true;
        } else {
          element.remove();
          removed++;
        }
      }
    }
    return found;
  };
  hasContent(container);
  return removed;
}
