// URLs inside article HTML: resolving against the article, the schemes a mirror may link to, and srcset lists.

/**
 * Schemes a link (`a href`) may use. Everything else is dropped, which is what removes
 * `javascript:`, `vbscript:`, `data:`, `file:` and the like (HTML's "navigate" runs them).
 */
export const LINK_SCHEMES: ReadonlySet<string> = new Set(["http:", "https:", "mailto:", "ftp:", "tel:", "magnet:"]);

/** Schemes a resource (img, audio, video, source, track, poster) may load from; `data:` only for raster images. */
export const RESOURCE_SCHEMES: ReadonlySet<string> = new Set(["http:", "https:"]);

/**
 * Image types a `data:` URL may carry. SVG is left out: inside `<img>` it is inert, but opened on its
 * own it runs script (https://www.w3.org/TR/SVG2/interact.html#ScriptElement).
 */
export const RASTER_DATA_TYPES: ReadonlySet<string> = new Set([
  "image/png",
  "image/jpeg",
  "image/jpg",
  "image/gif",
  "image/webp",
  "image/avif",
  "image/bmp",
]);

/**
 * Resolves `value` against `baseUrl` with the WHATWG URL parser, the one browsers use, so tabs,
 * newlines and entity tricks inside a scheme ("jav&#x09;ascript:") are seen as the browser sees them.
 * Returns null when the value is not a URL. resolveUrl("/a.png", "https://x.example/n/1") === "https://x.example/a.png"
 */
export function resolveUrl(value: string, baseUrl: string): string | null {
  const trimmed = value.trim();
  if (trimmed === "") return null;
  try {
    return new URL(trimmed, baseUrl).href;
  } catch {
    try {
      return new URL(trimmed).href;
    } catch {
      return null;
    }
  }
}

/** The absolute form of a link target when its scheme may be followed from the mirror, else null. */
export function toSafeLink(value: string, baseUrl: string): string | null {
  const url = resolveUrl(value, baseUrl);
  return url !== null && LINK_SCHEMES.has(schemeOf(url)) ? url : null;
}

/** The absolute form of an image/media source when it may be loaded, else null (raster `data:` images pass). */
export function toSafeResource(value: string, baseUrl: string, allowDataImage: boolean): string | null {
  const url = resolveUrl(value, baseUrl);
  if (url === null) return null;
  const scheme = schemeOf(url);
  if (RESOURCE_SCHEMES.has(scheme)) return url;
  return allowDataImage && isRasterDataUrl(url) ? url : null;
}

/** True for `data:image/png;base64,...` and the other raster types of RASTER_DATA_TYPES. */
export function isRasterDataUrl(url: string): boolean {
  const match = /^data:([^;,]*)[;,]/i.exec(url.trim());
  return match !== null && RASTER_DATA_TYPES.has((match[1] ?? "").trim().toLowerCase());
}

function schemeOf(absoluteUrl: string): string {
  return absoluteUrl.slice(0, absoluteUrl.indexOf(":") + 1).toLowerCase();
}

/** One candidate of a `srcset` attribute (HTML 4.8.4.3.10): a URL and its optional descriptor ("2x", "640w"). */
export interface SrcsetCandidate {
  url: string;
  descriptor: string;
}

/**
 * Splits a srcset value into candidates, following the WHATWG "parse a srcset attribute" steps closely
 * enough for real pages. URLs may contain commas (WordPress "resize=300%2C200" is encoded, but raw commas
 * occur), so a candidate's URL runs to the next whitespace; a trailing comma ends the URL. A descriptor runs
 * to the next comma outside parentheses (the steps' "in parens" state).
 */
export function parseSrcset(value: string): SrcsetCandidate[] {
  const candidates: SrcsetCandidate[] = [];
  let position = 0;
  while (position < value.length) {
    while (position < value.length && /[\s,]/.test(value[position] ?? "")) position++;
    if (position >= value.length) break;
    let end = position;
    while (end < value.length && !/\s/.test(value[end] ?? "")) end++;
    let url = value.slice(position, end);
    position = end;
    let descriptor = "";
    if (url.endsWith(",")) {
      url = url.replace(/,+$/, "");
    } else {
      let depth = 0;
      while (end < value.length && (value[end] !== "," || depth > 0)) {
        if (value[end] === "(") depth++;
        else if (value[end] === ")") depth = Math.max(0, depth - 1);
        end++;
      }
      descriptor = value.slice(position, end).trim();
      position = end + 1;
    }
    if (url !== "") candidates.push({ url, descriptor });
  }
  return candidates;
}

/** Writes candidates back as a srcset value. */
export function formatSrcset(candidates: readonly SrcsetCandidate[]): string {
  return candidates.map((c) => (c.descriptor === "" ? c.url : `${c.url} ${c.descriptor}`)).join(", ");
}

/** The candidate a browser would pick for a wide screen: largest width ("1280w") or density ("2x"), else the first. */
export function largestSrcsetUrl(candidates: readonly SrcsetCandidate[]): string | null {
  let best: SrcsetCandidate | null = null;
  let bestSize = -1;
  for (const candidate of candidates) {
    const match = /^(\d+(?:\.\d+)?)([wx])$/i.exec(candidate.descriptor);
    const size = match === null ? 0 : Number(match[1]) * ((match[2] ?? "").toLowerCase() === "x" ? 1000 : 1);
    if (size > bestSize) {
      best = candidate;
      bestSize = size;
    }
  }
  return best?.url ?? null;
}
