// Jekyll-compatible post permalinks: the same URL Jekyll 4 (and 3.8+) gives a post for a `permalink` setting.
//
// Followed step by step from Jekyll's source, so links into an adopted mirror keep working:
// - the slug is the file name after the date, trailing dots removed (lib/jekyll/document.rb
//   `DATE_FILENAME_MATCHER`, `populate_title`);
// - `:title` is that slug through `Utils.slugify(mode: "pretty", cased: true)` (lib/jekyll/drops/url_drop.rb),
//   `:slug` and `:name` through the default mode, lower-cased;
// - every placeholder value goes through `URL.escape_path` (Addressable::URI.encode, then the first "#" to %23)
//   and the whole URL through `URL#sanitize_url` ("/" prefix, ".." to "/", "./" dropped, "/" runs squeezed);
// - dates are the post's `date` converted to the site's zone (lib/jekyll/utils.rb `parse_date`: `localtime`).
// Built-in styles are those of lib/jekyll/utils.rb / configuration.rb; `:output_ext` is ".html" for posts.

import { datePartsIn, type DateParts } from "./time-zone.js";

/** Jekyll's built-in permalink styles (https://jekyllrb.com/docs/permalinks/#built-in-formats). */
export const BUILT_IN_PERMALINK_STYLES: ReadonlyMap<string, string> = new Map([
  ["date", "/:categories/:year/:month/:day/:title:output_ext"],
  ["pretty", "/:categories/:year/:month/:day/:title/"],
  ["ordinal", "/:categories/:year/:y_day/:title:output_ext"],
  ["weekdate", "/:categories/:year/W:week/:short_day/:title:output_ext"],
  ["none", "/:categories/:title:output_ext"],
]);

/** `Document::DATE_FILENAME_MATCHER`: date, slug, extension of a post file name. */
const DATE_FILENAME = /^(?:.+\/)*?(\d{2,4}-\d{1,2}-\d{1,2})-([^/]*)(\.[^.]+)$/;
/** `Utils::SLUGIFY_PRETTY_REGEXP`: "._~!$&'()+,;=@" stay readable in a URL and are valid on ext4 and NTFS. */
const SLUGIFY_PRETTY = /[^\p{M}\p{L}\p{Nd}._~!$&'()+,;=@]+/gu;
/** `Utils::SLUGIFY_DEFAULT_REGEXP`. */
const SLUGIFY_DEFAULT = /[^\p{M}\p{L}\p{Nd}]+/gu;
/** RFC 3986 pchar without pct-encoded, plus "/": Addressable's `CharacterClasses::PATH`. */
const PATH_SAFE = /[A-Za-z0-9\-._~!$&'()*+,;=:@/]/;
/** Query and fragment: pchar plus "/" and "?" (RFC 3986 section 3.4, 3.5). */
const QUERY_SAFE = /[A-Za-z0-9\-._~!$&'()*+,;=:@/?]/;

const SHORT_MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const LONG_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const SHORT_DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
const LONG_DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** What a permalink needs to know of a post. */
export interface PermalinkInput {
  fileName: string;
  date: Date;
  categories: readonly string[];
}

/** The slug Jekyll reads from a post file name: after the date, before the extension, no trailing dots. */
export function slugFromFileName(fileName: string): string {
  const match = DATE_FILENAME.exec(fileName);
  const slug = match ? match[2]! : fileName.replace(/\.[^.]*$/, "");
  return slug.replace(/\.*$/, "");
}

/** `Utils.slugify` for the modes posts use: "pretty" (`:title`) and "default" (`:slug`, `:name`). */
export function jekyllSlugify(value: string, mode: "pretty" | "default", cased: boolean): string {
  const slug = value.replace(mode === "pretty" ? SLUGIFY_PRETTY : SLUGIFY_DEFAULT, "-").replace(/^-|-$/g, "");
  return cased ? slug : slug.toLowerCase();
}

/** Characters encodeURIComponent escapes that RFC 3986 pchar (and "/", "?") allows as they are. */
const KEPT_BY_PATH = /%(24|26|2B|2C|3B|3D|3A|40|2F)/g;
const KEPT_BY_QUERY = /%(24|26|2B|2C|3B|3D|3A|40|2F|3F)/g;

function percentEncode(text: string, safe: RegExp): string {
  try {
    // encodeURIComponent gives UTF-8 bytes in upper-case hex, as Addressable does; undo it for pchar.
    return encodeURIComponent(text).replace(safe === PATH_SAFE ? KEPT_BY_PATH : KEPT_BY_QUERY, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  } catch {
    // A lone surrogate: encode the rest character by character, the surrogate as U+FFFD.
    let out = "";
    for (const char of text) {
      if (safe.test(char)) out += char;
      else for (const byte of Buffer.from(char, "utf8")) out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
    }
    return out;
  }
}

/** `Jekyll::URL.escape_path`: Addressable splits path, query and fragment, encodes each, then "#" becomes %23. */
export function escapePath(value: string): string {
  if (value === "" || /^[a-zA-Z0-9./-]+$/.test(value)) return value;
  const hash = value.indexOf("#");
  const beforeHash = hash < 0 ? value : value.slice(0, hash);
  const question = beforeHash.indexOf("?");
  const path = question < 0 ? beforeHash : beforeHash.slice(0, question);
  let out = percentEncode(path, PATH_SAFE);
  if (question >= 0) out += `?${percentEncode(beforeHash.slice(question + 1), QUERY_SAFE)}`;
  if (hash >= 0) out += `#${percentEncode(value.slice(hash + 1), QUERY_SAFE)}`;
  return out.replace("#", "%23");
}

/** `Jekyll::URL#sanitize_url` (Jekyll 3.8+). */
export function sanitizeUrl(url: string): string {
  return `/${url}`.replaceAll("..", "/").replaceAll("./", "").replace(/\/{2,}/g, "/");
}

function dayOfYear(year: number, month: number, day: number): number {
  return Math.round((Date.UTC(year, month - 1, day) - Date.UTC(year, 0, 1)) / 86_400_000) + 1;
}

/** ISO 8601 week and week-year (strftime %V and %G). */
function isoWeek(year: number, month: number, day: number): { week: number; weekYear: number } {
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const weekYear = date.getUTCFullYear();
  const week = Math.ceil(((date.getTime() - Date.UTC(weekYear, 0, 1)) / 86_400_000 + 1) / 7);
  return { week, weekYear };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

type Placeholder = (post: PermalinkInput, p: DateParts) => string;

/** The placeholders of `Jekyll::Drops::UrlDrop`, each computed only when a template uses it. */
const PLACEHOLDERS: ReadonlyMap<string, Placeholder> = new Map<string, Placeholder>([
  ["collection", () => "posts"],
  ["title", (post) => jekyllSlugify(slugFromFileName(post.fileName), "pretty", true)],
  ["slug", (post) => jekyllSlugify(slugFromFileName(post.fileName), "default", false)],
  ["name", (post) => jekyllSlugify(post.fileName.replace(/^.*\//, "").replace(/\.[^.]*$/, ""), "default", false)],
  ["categories", (post) => [...new Set(post.categories.map((c) => c.toLowerCase()))].join("/")],
  ["slugified_categories", (post) => [...new Set(post.categories.map((c) => c.toLowerCase()))].map((c) => jekyllSlugify(c, "default", false)).join("/")],
  ["year", (_, p) => pad(p.year, 4)],
  ["month", (_, p) => pad(p.month)],
  ["day", (_, p) => pad(p.day)],
  ["hour", (_, p) => pad(p.hour)],
  ["minute", (_, p) => pad(p.minute)],
  ["second", (_, p) => pad(p.second)],
  ["i_day", (_, p) => String(p.day)],
  ["i_month", (_, p) => String(p.month)],
  ["short_month", (_, p) => SHORT_MONTHS[p.month - 1]!],
  ["long_month", (_, p) => LONG_MONTHS[p.month - 1]!],
  ["short_year", (_, p) => pad(p.year % 100)],
  ["y_day", (_, p) => pad(dayOfYear(p.year, p.month, p.day), 3)],
  ["w_year", (_, p) => String(isoWeek(p.year, p.month, p.day).weekYear)],
  ["week", (_, p) => pad(isoWeek(p.year, p.month, p.day).week)],
  ["w_day", (_, p) => String(p.weekday === 0 ? 7 : p.weekday)],
  ["short_day", (_, p) => SHORT_DAYS[p.weekday]!],
  ["long_day", (_, p) => LONG_DAYS[p.weekday]!],
  ["output_ext", () => ".html"],
]);

/** A permalink template's placeholders that Jekyll does not know (it stops the build; we report them). */
export function unknownPlaceholders(permalink: string): string[] {
  const template = BUILT_IN_PERMALINK_STYLES.get(permalink) ?? permalink;
  const known = PLACEHOLDERS;
  const unknown: string[] = [];
  for (const match of template.matchAll(/:([a-z_]+)/g)) {
    const name = match[1]!;
    if (!known.has(name) && !(name.endsWith("_") && known.has(name.slice(0, -1)))) unknown.push(name);
  }
  return unknown;
}

/**
 * The URL Jekyll gives `post` (escaped, leading "/"); pure.
 * `postPermalink({ fileName: "2023-12-07-a b.md", date, categories: [] }, "/:year-:month-:day/:title/", "UTC")`
 * is "/2023-12-07/a-b/".
 */
export function postPermalink(post: PermalinkInput, permalink: string, timeZone: string): string {
  const template = BUILT_IN_PERMALINK_STYLES.get(permalink) ?? permalink;
  const parts = datePartsIn(post.date, timeZone);
  // Jekyll::URL#generate_url_from_drop: a name ending in "_" may be the name plus a literal "_".
  const generated = template.replace(/:([a-z_]+)/g, (match, name: string) => {
    const winner = PLACEHOLDERS.has(name) ? name : name.endsWith("_") && PLACEHOLDERS.has(name.slice(0, -1)) ? name.slice(0, -1) : null;
    if (winner === null) return match;
    return match.replace(`:${winner}`, escapePath(PLACEHOLDERS.get(winner)!(post, parts)));
  });
  return sanitizeUrl(generated);
}

/** Where Jekyll writes a page for `url`: unescaped, "index.html" for a trailing "/", ".html" when there is no extension. */
export function outputPathForUrl(url: string): string {
  let path: string;
  try {
    path = decodeURIComponent(url);
  } catch {
    path = url;
  }
  // A file name cannot hold controls, and a backslash, "." or ".." would leave the site's folder: those stay
  // escaped (only a hostile permalink setting or category can produce them; Jekyll would fail to write).
  path = path
    .replace(/[\u0000-\u001f\u007f\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`)
    .split("/")
    .map((segment) => (segment === "." || segment === ".." ? segment.replaceAll(".", "%2E") : segment))
    .join("/")
    .replace(/^\/+/, "");
  if (path === "" || path.endsWith("/")) return `${path}index.html`;
  return path.endsWith(".html") ? path : `${path}.html`;
}
