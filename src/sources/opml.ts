// OPML subscription lists: OPML 1.0 and 2.0 read (nested outlines), OPML 2.0 written (http://opml.org/spec2.opml).
import { Parser } from "htmlparser2";
import { fail, ok, type Result } from "../result.js";
import { problemsToFailure, type ConfigProblem } from "./config-node.js";
import { whyNotFeedUrl } from "./url.js";

/**
 * Characters XML 1.0 does not allow at all (section 2.2, Char): they are dropped on output.
 * Tab, LF and CR are allowed but attribute normalisation (section 3.3.3) turns them into spaces,
 * so they are written as character references.
 */
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ATTRIBUTE_ESCAPES = new Map<string, string>([
  ["&", "&amp;"], ["<", "&lt;"], [">", "&gt;"], ['"', "&quot;"], ["\t", "&#9;"], ["\n", "&#10;"], ["\r", "&#13;"],
]);

/**
 * Reads the feeds of an OPML file: every `<outline>` with an `xmlUrl`, at any depth (OPML 2.0
 * section "Subscription lists"; folders are outlines that hold outlines). `site` is the outline's
 * `title`, else its `text`, else the feed's host name. `file` names the file in messages.
 */
export function parseOpml(text: string, file: string): Result<Array<{ site: string; url: string }>> {
  const lines = lineStarts(text);
  const feeds: Array<{ site: string; url: string }> = [];
  const problems: ConfigProblem[] = [];
  let root: string | null = null;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const line = lineAt(lines, parser.startIndex);
        root ??= name;
        if (root.toLowerCase() !== "opml" || name.toLowerCase() !== "outline") return;
        const url = attribute(attributes, "xmlurl")?.trim();
        if (url === undefined || url === "") return;
        const why = whyNotFeedUrl(url);
        if (why) {
          problems.push({ file, line, message: `the outline's xmlUrl ${why.replace(/^"[^"]*" /, "")}: ${url}` });
          return;
        }
        const site = collapse(attribute(attributes, "title") ?? "") || collapse(attribute(attributes, "text") ?? "") || new URL(url).hostname;
        feeds.push({ site, url });
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.end(text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text);
  if (root === null || (root as string).toLowerCase() !== "opml") {
    const found = root === null ? "no XML elements" : `<${root as string}> as its root element`;
    return fail({
      code: "sources.invalid",
      message: `${file} is not an OPML file (it has ${found}); export your subscriptions from your feed reader as OPML`,
      file,
      line: 1,
    });
  }
  if (problems.length > 0) return fail(problemsToFailure(problems));
  return ok(feeds);
}

/** An OPML 2.0 document listing `sources` as `type="rss"` outlines, in the given order. */
export function formatOpml(sources: Array<{ site: string; url: string }>, title: string): string {
  const outlines = sources.map(
    ({ site, url }) =>
      `    <outline type="rss" text="${escapeAttribute(site)}" title="${escapeAttribute(site)}" xmlUrl="${escapeAttribute(url)}"/>\n`,
  );
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<opml version="2.0">\n' +
    `  <head>\n    <title>${escapeText(title)}</title>\n  </head>\n` +
    "  <body>\n" +
    outlines.join("") +
    "  </body>\n" +
    "</opml>\n"
  );
}

function escapeAttribute(value: string): string {
  return value.replace(XML_FORBIDDEN, "").replace(/[&<>"\t\n\r]/g, (c) => ATTRIBUTE_ESCAPES.get(c) ?? c);
}

function escapeText(value: string): string {
  return value.replace(XML_FORBIDDEN, "").replace(/[&<>]/g, (c) => ATTRIBUTE_ESCAPES.get(c) ?? c);
}

/** Attribute names are case-sensitive in XML, but readers in the wild write `xmlurl` and `xmlURL`. */
function attribute(attributes: Record<string, string>, lowerName: string): string | undefined {
  for (const [name, value] of Object.entries(attributes)) if (name.toLowerCase() === lowerName) return value;
  return undefined;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

function lineAt(starts: number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}
