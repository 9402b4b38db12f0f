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

/** Makes one unescaped path segment safe for an href. */
export function encodeSegment(segment: string): string {
  return segment.replace(UNSAFE_IN_SEGMENT, (char) =>
    char.charCodeAt(0) >= 0xd800 ? "%EF%BF%BD" : `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`,
  );
}

/** Encoded segments of site paths: list pages link the same posts and sources over and over (bounded: memory at 100,000 posts). */
const encodedCache = new Map<string, string[]>();

function encodedSegments(path: string): string[] {
  let segments = encodedCache.get(path);
  if (!segments) {
    if (encodedCache.size > 20_000) encodedCache.clear();
    segments = path.split("/").map(encodeSegment);
    encodedCache.set(path, segments);
  }
  return segments;
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
  const toParts = to.split("/");
  let common = 0;
  while (common < fromParts.length && common < toParts.length - 1 && fromParts[common] === toParts[common]) common++;
  const up = "../".repeat(fromParts.length - common);
  const encoded = encodedSegments(to);
  const down = (common === 0 ? encoded : encoded.slice(common)).join("/");
  const href = up + down;
  // "./" keeps a first segment with ":" from reading as a URL scheme (RFC 3986 section 4.2).
  return up === "" ? `./${href}` : href;
}

/** The absolute URL of a site path, for feeds, the sitemap and canonical links: `url` + `baseurl` + path. */
export function absoluteUrl(siteUrl: string, baseurl: string, path: string): string {
  const clean = path.endsWith("index.html") ? path.slice(0, -"index.html".length) : path;
  return `${siteUrl}${baseurl}/${clean.split("/").map(encodeSegment).join("/")}`;
}
