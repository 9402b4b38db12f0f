// The post writer: one `PostInput` to the golden Jekyll post bytes and its file name (pure).
import { postFileName } from "./file-name.js";
import { removeControlChars, toWellFormed } from "./text-clean.js";
import type { PostInput } from "./types.js";
import { blockScalar, escapeDoubleQuoted, flowScalar } from "./yaml-scalar.js";

/** Earliest and latest years a post date may have: `toISOString` leaves the `YYYY-` form outside them. */
const FIRST_YEAR = 1;
const LAST_YEAR = 9999;

/** Link schemes that would run code when a reader clicks the post's link (WHATWG URL, HTML "javascript: URL"). */
const SCRIPT_SCHEMES = new Set(["javascript:", "vbscript:", "data:"]);

/**
 * Formats a post exactly as the original writer did (golden/README.md), fixing only what broke there:
 * front-matter values that YAML would misread are quoted, `<!--NaN-->` cannot happen, the file name is safe.
 * @example formatPost({ title: "T", link: "https://a.example/1", guid: null, author: "A", site: "S",
 *   published: new Date("2023-12-07T02:13:00Z"), html: "<p>x</p>", runTime: new Date() })
 */
export function formatPost(input: PostInput): { fileName: string; text: string } {
  const runTime = isUsableDate(input.runTime) ? input.runTime : new Date(0);
  const title = cleanTitle(input.title);
  const titleText = frontMatterTitle(title);
  const date = postDate(input.published, runTime);
  const link = articleLink(input.link);
  const site = toWellFormed(input.site);
  const epoch = input.published !== null && isUsableDate(input.published) ? input.published.getTime() : runTime.getTime();
  const header = [
    "---",
    "layout: post",
    `title: "${escapeDoubleQuoted(titleText)}"`,
    `date: ${date.toISOString()}`,
    `author: ${blockScalar(toWellFormed(input.author))}`,
    `from: ${blockScalar(link)}`,
    `tags: [ ${flowScalar(site)} ]`,
    ...(input.comments === false ? [] : ["comments: True"]),
    `categories: [ ${flowScalar(site)} ]`,
    "---",
  ].join("\n");
  const body = [
    `<!--${epoch}-->`,
    `[${linkText(title)}](${link})`,
    "------",
    "",
    "<div>",
    postHtml(input.html),
    "</div>",
    "",
  ].join("\n");
  return { fileName: postFileName(date, titleText), text: `${header}\n${body}` };
}

/** The title without control characters (and with any broken UTF-16 repaired), as the link line shows it. */
export function cleanTitle(title: string): string {
  return toWellFormed(removeControlChars(title));
}

/** The article HTML as one line: control characters deleted, then trimmed (original-script.md). */
export function postHtml(html: string): string {
  return toWellFormed(removeControlChars(html)).trim();
}

/** The front-matter title: the original removed only the first `...` (`String.replace` with a string). */
export function frontMatterTitle(cleanTitle: string): string {
  return cleanTitle.replace("...", "");
}

/** The post date: the feed's time, or the run's time when it is missing, invalid or in the future (original rule). */
export function postDate(published: Date | null, runTime: Date): Date {
  if (published === null || !isUsableDate(published)) return runTime;
  return published.getTime() > runTime.getTime() ? runTime : published;
}

/** `new URL(link).href` as the original wrote it; an unparseable link is kept as text without control characters. */
export function articleLink(link: string): string {
  try {
    return new URL(link).href;
  } catch {
    return toWellFormed(removeControlChars(link)).trim();
  }
}

/** True when the link is an absolute URL a post may point to (not unparseable, not a script URL). */
export function isArchivableLink(link: string): boolean {
  try {
    return !SCRIPT_SCHEMES.has(new URL(link).protocol);
  } catch {
    return false;
  }
}

function isUsableDate(date: Date): boolean {
  const time = date.getTime();
  if (!Number.isFinite(time)) return false;
  const year = date.getUTCFullYear();
  return year >= FIRST_YEAR && year <= LAST_YEAR;
}

/** The link line's text: trimmed as the original did; `<` becomes `&lt;` so a title cannot open an HTML tag in the page. */
function linkText(title: string): string {
  return title.trim().replace(/</g, "&lt;");
}
