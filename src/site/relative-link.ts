// Links between pages of the site, always relative, so the site works under any base path and from file://.
//
// Links to a folder's page end in "index.html": a browser opening the site from file:// shows a folder
// listing for "dir/" and only the page for "dir/index.html", while every static host serves both.

/**
 * ASCII that cannot stand as itself in a path segment of an href: controls, space, the URL delimiters,
 * and "&" (it could start a character reference in the attribute). Other characters, CJK included, stay
 * as they are: an HTML href is parsed as a URL (WHATWG URL standard), which percent-encodes them itself;
 * written raw they take a third of the bytes of %XX%XX%XX.
 */
const UNSAFE_IN_SEGMENT = /[\u0000-\u0020"#%&'<>?\\^`{|}\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Anything `UNSAFE_IN_SEGMENT` could match, surrogates paired or not: a path without any stands as it is. Most do
 * (CJK stays raw), and one look at the whole path costs less than splitting it.
 */
const MAYBE_UNSAFE = /[\u0000-\u0020"#%&'<>?\\^`{|}\u007f\ud800-\udfff]/;

/** Makes one unescaped path segment safe for an href. */
export function encodeSegment(segment: string): string {
  if (!MAYBE_UNSAFE.test(segment)) return segment;
  return segment.replace(UNSAFE_IN_SEGMENT, (char) =>
    char.charCodeAt(0) >= 0xd800 ? "%EF%BF%BD" : `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`,
  );
}

/** A site path ("a/b/index.html") made safe for an href, segment by segment. */
export function encodePath(path: string): string {
  return MAYBE_UNSAFE.test(path) ? path.split("/").map(encodeSegment).join("/") : path;
}

/** "../../" from the page at `from` (a site file path) to the site root. */
export function rootPrefix(from: string): string {
  const depth = from.split("/").length - 1;
  return depth === 0 ? "./" : "../".repeat(depth);
}

let lastFrom = "";
let lastFolders: string[] = [];

/**
 * The href from the page at `from` to the file at `to`, both unescaped site paths;
 * `relativeHref("2023-12-07/a/index.html", "index.html")` is "../../index.html".
 */
export function relativeHref(from: string, to: string): string {
  // A page links from its own path many times in a row: its folders are split once.
  if (from !== lastFrom) {
    lastFrom = from;
    lastFolders = from.split("/").slice(0, -1);
  }
  const fromParts = lastFolders;
  // The folders `to` shares with `from`, each followed in `to` by a "/" (its file name is never one of them).
  let common = 0;
  let at = 0;
  while (common < fromParts.length) {
    const folder = fromParts[common]!;
    if (!to.startsWith(folder, at) || to.charCodeAt(at + folder.length) !== 0x2f) break;
    at += folder.length + 1;
    common++;
  }
  const up = "../".repeat(fromParts.length - common);
  const href = up + encodePath(at === 0 ? to : to.slice(at));
  // "./" keeps a first segment with ":" from reading as a URL scheme (RFC 3986 section 4.2).
  return up === "" ? `./${href}` : href;
}

/** The absolute URL of a site path, for feeds, the sitemap and canonical links: `url` + `baseurl` + path. */
export function absoluteUrl(siteUrl: string, baseurl: string, path: string): string {
  const clean = path.endsWith("index.html") ? path.slice(0, -"index.html".length) : path;
  return `${siteUrl}${baseurl}/${encodePath(clean)}`;
}
