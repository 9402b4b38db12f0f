// Line breaks and tabs of the feed's HTML made safe for the one-line post body: Latin words stay apart, CJK stays joined.

/**
 * Elements that start and end a line (HTML "flow" blocks). Whitespace next to their edges is not
 * rendered (CSS Text 3, 4.1.1: spaces at the start and end of a line are removed), so line breaks
 * there are deleted, as the original system deleted all of them.
 */
const BLOCK_ELEMENTS: ReadonlySet<string> = new Set([
  "ADDRESS", "ARTICLE", "ASIDE", "BLOCKQUOTE", "BR", "CAPTION", "CENTER", "DD", "DETAILS", "DIV", "DL", "DT",
  "FIELDSET", "FIGCAPTION", "FIGURE", "FOOTER", "FORM", "H1", "H2", "H3", "H4", "H5", "H6", "HEADER", "HR",
  "LI", "MAIN", "NAV", "OL", "P", "PRE", "SECTION", "SUMMARY", "TABLE", "TBODY", "TD", "TFOOT", "TH", "THEAD",
  "TR", "UL", "VIDEO", "AUDIO", "PICTURE", "SOURCE", "IFRAME",
]);

/** Elements whose text is never rendered as article text. */
const SKIPPED_ELEMENTS: ReadonlySet<string> = new Set(["SCRIPT", "STYLE", "TEMPLATE", "NOSCRIPT", "TEXTAREA", "SVG", "MATH"]);

/** A run of HTML whitespace holding at least one segment break or tab (the characters the post writer deletes). */
const BREAKING_RUN = /[ \t\n\r\f]*[\t\n\r\f][ \t\n\r\f]*/g;

/**
 * East Asian Wide, Fullwidth and Halfwidth characters other than Hangul: between two of them a
 * segment break is removed (CSS Text 3, 4.1.2 Segment Break Transformation Rules). Han, kana,
 * bopomofo, CJK punctuation (、。「」), and fullwidth forms (，：！).
 */
const WIDE_CHARACTER = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}\u3000-\u303f\u3200-\u32ff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/** What lies before or after a run: a character of text, or a line edge (block boundary, start, end). */
type Neighbour = string | "edge";

interface TextSlot {
  node: Text;
  /** Whether the node is inside <pre>, where line breaks are kept as <br>. */
  preformatted: boolean;
}

/**
 * Rewrites whitespace runs that contain line breaks or tabs, in place: removed at a line edge and
 * between two wide (CJK) characters, one space between anything else ("word\nword" -> "word word");
 * runs that already hold a space just lose their breaks. Inside `<pre>` a line break becomes `<br>`.
 * Returns the number of text nodes changed.
 */
export function normaliseWhitespace(container: HTMLElement): number {
  const flow: Array<TextSlot | "edge" | "object"> = [];
  collectFlow(container, false, flow);
  let changed = 0;
  flow.forEach((slot, index) => {
    if (typeof slot === "string") return;
    const text = slot.node.data;
    if (slot.preformatted) {
      if (/[\t\n\r\f]/.test(text)) {
        splitPreformatted(slot.node);
        changed++;
      }
      return;
    }
    const rewritten = text.replace(BREAKING_RUN, (run: string, offset: number) => {
      const spaces = run.replace(/[\t\n\r\f]/g, "");
      if (spaces !== "") return spaces;
      const before = offset > 0 ? text.charAt(offset - 1) : neighbourBefore(flow, index);
      const afterOffset = offset + run.length;
      const after = afterOffset < text.length ? text.charAt(afterOffset) : neighbourAfter(flow, index);
      return isJoined(before, after) ? "" : " ";
    });
    if (rewritten !== text) {
      slot.node.data = rewritten;
      changed++;
    }
  });
  return changed;
}

function isJoined(before: Neighbour, after: Neighbour): boolean {
  if (before === "edge" || after === "edge") return true;
  if (before === "\u200b" || after === "\u200b") return true;
  return WIDE_CHARACTER.test(before) && WIDE_CHARACTER.test(after);
}

function collectFlow(parent: Node, preformatted: boolean, flow: Array<TextSlot | "edge" | "object">): void {
  for (const child of Array.from(parent.childNodes)) {
    if (child.nodeType === 3) {
      flow.push({ node: child as Text, preformatted });
    } else if (child.nodeType === 1) {
      const tag = (child as Element).tagName.toUpperCase();
      if (SKIPPED_ELEMENTS.has(tag)) continue;
      if (tag === "IMG" || tag === "INPUT") {
        flow.push("object");
        continue;
      }
      const block = BLOCK_ELEMENTS.has(tag);
      if (block) flow.push("edge");
      collectFlow(child, preformatted || tag === "PRE", flow);
      if (block) flow.push("edge");
    }
  }
}

/** The last rendered character before flow[index], crossing inline elements but not line edges. */
function neighbourBefore(flow: ReadonlyArray<TextSlot | "edge" | "object">, index: number): Neighbour {
  for (let i = index - 1; i >= 0; i--) {
    const slot = flow[i];
    if (slot === undefined || slot === "edge") return "edge";
    if (slot === "object") return "\ufffc";
    const data = slot.node.data.replace(/[ \t\n\r\f]+$/, "");
    if (data !== "") return data.charAt(data.length - 1);
  }
  return "edge";
}

function neighbourAfter(flow: ReadonlyArray<TextSlot | "edge" | "object">, index: number): Neighbour {
  for (let i = index + 1; i < flow.length; i++) {
    const slot = flow[i];
    if (slot === undefined || slot === "edge") return "edge";
    if (slot === "object") return "\ufffc";
    const data = slot.node.data.replace(/^[ \t\n\r\f]+/, "");
    if (data !== "") return data.charAt(0);
  }
  return "edge";
}

/** Inside <pre>: each line break becomes a <br> and each tab a space, so the one-line body keeps the lines. */
function splitPreformatted(node: Text): void {
  const lines = node.data.replace(/\t/g, " ").replace(/\f/g, "").split(/\r\n|\r|\n/);
  const document = node.ownerDocument;
  const parts: Node[] = [];
  lines.forEach((line, index) => {
    if (index > 0) parts.push(document.createElement("br"));
    if (line !== "") parts.push(document.createTextNode(line));
  });
  node.replaceWith(...parts);
}
