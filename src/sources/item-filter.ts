// A source's `include` / `exclude` filter, applied to one feed item.
import { Parser } from "htmlparser2";
import type { Source } from "./index.js";

export interface FilterableItem {
  title: string;
  html: string;
  categories: string[];
}

/**
 * True when the item should be mirrored. A filter word matches when it appears, ignoring case
 * and width (NFKC, so "ＡＩ" matches "ai"), in the title or the text of the HTML, or when it
 * equals one of the item's categories. `exclude` wins over `include`; an empty `include` keeps
 * everything not excluded.
 */
export function isItemIncluded(entry: FilterableItem, source: Pick<Source, "include" | "exclude">): boolean {
  if (source.include.length === 0 && source.exclude.length === 0) return true;
  const haystack = fold(`${entry.title}\n${htmlToText(entry.html)}`);
  const categories = new Set(entry.categories.map((category) => fold(category).trim()));
  const matches = (word: string): boolean => {
    const needle = fold(word).trim();
    return needle !== "" && (haystack.includes(needle) || categories.has(needle));
  };
  if (source.exclude.some(matches)) return false;
  return source.include.length === 0 || source.include.some(matches);
}

function fold(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

/**
 * Elements that break a line when rendered (HTML Living Standard 15.3, the "display: block"
 * defaults, plus br): their edges become spaces so "<p>a</p><p>b</p>" does not read "ab",
 * while inline tags join ("台<b>灣</b>" reads "台灣").
 */
const BREAKING_ELEMENTS = new Set([
  "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure", "footer",
  "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table",
  "td", "th", "tr", "ul",
]);

/** Elements whose text is not shown. */
const HIDDEN_ELEMENTS = new Set(["script", "style", "template"]);

/** Text content with entities decoded. */
function htmlToText(html: string): string {
  if (!html.includes("<") && !html.includes("&")) return html;
  const parts: string[] = [];
  let hidden = 0;
  const parser = new Parser(
    {
      ontext(text) {
        if (hidden === 0) parts.push(text);
      },
      onopentag(name) {
        if (HIDDEN_ELEMENTS.has(name)) hidden++;
        if (BREAKING_ELEMENTS.has(name)) parts.push(" ");
      },
      onclosetag(name) {
        if (HIDDEN_ELEMENTS.has(name)) hidden = Math.max(0, hidden - 1);
        if (BREAKING_ELEMENTS.has(name)) parts.push(" ");
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return parts.join("");
}
