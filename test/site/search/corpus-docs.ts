// Turns the shared corpus posts into search documents for the search tests and the benchmark.
import { readFileSync, readdirSync } from "node:fs";
import { Parser } from "htmlparser2";
import { sharedPath } from "../../support/paths.js";
import type { SearchDoc } from "../../../src/site/search/index.js";

const SKIPPED_ELEMENTS = new Set(["script", "style", "svg", "noscript"]);

/** Plain text of an HTML fragment, block ends as spaces. */
export function textOfHtml(html: string): string {
  let depth = 0;
  const parts: string[] = [];
  const parser = new Parser({
    onopentag(name) { if (SKIPPED_ELEMENTS.has(name)) depth++; else parts.push(" "); },
    onclosetag(name) { if (SKIPPED_ELEMENTS.has(name)) depth = Math.max(0, depth - 1); },
    ontext(text) { if (depth === 0) parts.push(text); },
  }, { decodeEntities: true });
  parser.write(html);
  parser.end();
  return parts.join("").replace(/\s+/g, " ").trim();
}

/** One post file to a document: front matter title/date/categories, body HTML to text. */
export function docOfPost(fileName: string, content: string): SearchDoc {
  const end = content.indexOf("\n---", 4);
  const head = end > 0 ? content.slice(0, end) : "";
  const body = end > 0 ? content.slice(end + 4) : content;
  const field = (name: string): string => new RegExp(`^${name}: *(.*)$`, "m").exec(head)?.[1]?.trim() ?? "";
  const title = field("title").replace(/^"(.*)"$/, "$1").replace(/\\"/g, '"');
  const source = field("categories").replace(/^\[(.*)\]$/, "$1").trim();
  const parsed = Date.parse(field("date"));
  const date = new Date(Number.isNaN(parsed) ? 0 : parsed).toISOString();
  const base = fileName.replace(/\.md$/, "");
  // the post body repeats its title as a link line above "------" (golden/README.md); that is not body text
  const text = textOfHtml(body.replace(/^\s*(<!--[^\n]*-->\s*)?\[[^\n]*\]\([^\n]*\)\s*\n-+\n/, ""));
  return { id: fileName, url: `posts/${encodeURIComponent(base)}.html`, title, source, date, text };
}

const cache: SearchDoc[] = [];
let names: string[] | undefined;

/** The first `limit` corpus posts (all by default) as documents, in file-name (date) order. */
export function corpusDocs(limit = Infinity): SearchDoc[] {
  const dir = sharedPath("corpus/posts/");
  names ??= readdirSync(dir).filter((f) => f.endsWith(".md")).sort();
  const wanted = Math.min(limit, names.length);
  for (let i = cache.length; i < wanted; i++) {
    const name = names[i] as string;
    cache.push(docOfPost(name, readFileSync(dir + name, "utf8")));
  }
  return cache.slice(0, wanted);
}

/** The golden post as a document. */
export function goldenDoc(): SearchDoc {
  const name = "2023-12-07-王毅會緬甸外長談電信詐騙 一同表態堅決打擊.md";
  return docOfPost(name, readFileSync(sharedPath("golden/cna-2023-12-07.expected.md"), "utf8"));
}
