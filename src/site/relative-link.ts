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

/** A site path split into its raw segments and its encoded ones, joined from each segment on. */
interface SplitPath {
  raw: string[];
  /** `tails[i]`: the encoded segments from `i` on, joined by "/" (most links use `tails[0]`). */
  tails: string[];
}

/**
 * Split paths of link targets: every page links the same few (home, sources, archive, feeds) and list pages
 * a source's page over and over. Kept small: entries then die young, while a cache of 20,000 (every post of
 * a stretch of lists) raised a 100,000-post build's peak memory by 130 MB of old garbage for little gain.
 */
const SPLIT_CACHE_SIZE = 2000;
const splitCache = new Map<string, SplitPath>();

function splitPath(path: string): SplitPath {
  let split = splitCache.get(path);
  if (!split) {
    if (splitCache.size >= SPLIT_CACHE_SIZE) splitCache.clear();
    const raw = path.split("/");
    const encoded = raw.map(encodeSegment);
    const tails = encoded.map((_, i) => encoded.slice(i).join("/"));
    split = { raw, tails };
    splitCache.set(path, split);
  }
  return split;
}

let lastFrom = "";
let lastFromParts = [""];

/** "../" repeated, by count: a page is seldom more than a few folders deep. */
const UPS = Array.from({ length: 16 }, (_, n) => "../".repeat(n));

/** "../../" from the page at `from` (a site file path) to the site root. */
export function rootPrefix(from: string): string {
  const depth = from.split("/").length - 1;
  return depth === 0 ? "./" : "../".repeat(depth);
}

/**
 * The href from the page at `from` to the file at `to`, both unescaped site paths;
 * `relativeHref("2023-12-07/a/index.html", "index.html")` is "../../index.html".
 */
export function relativeHref(from: string, to: string): string {
  // A page links from its own path many times in a row.
  if (from !== lastFrom) {
    lastFrom = from;
    lastFromParts = from.split("/");
  }
  const fromParts = lastFromParts;
  const folders = fromParts.length - 1;
  const target = splitPath(to);
  const toParts = target.raw;
  let common = 0;
  while (common < folders && common < toParts.length - 1 && fromParts[common] === toParts[common]) common++;
  const upCount = folders - common;
  const down = target.tails[common]!;
  // "./" keeps a first segment with ":" from reading as a URL scheme (RFC 3986 section 4.2).
  if (upCount === 0) return `./${down}`;
  return (upCount < UPS.length ? UPS[upCount]! : "../".repeat(upCount)) + down;
}

/** The absolute URL of a site path, for feeds, the sitemap and canonical links: `url` + `baseurl` + path. */
export function absoluteUrl(siteUrl: string, baseurl: string, path: string): string {
  const clean = path.endsWith("index.html") ? path.slice(0, -"index.html".length) : path;
  return `${siteUrl}${baseurl}/${clean.split("/").map(encodeSegment).join("/")}`;
}
