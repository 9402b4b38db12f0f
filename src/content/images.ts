// Which images an article shows, its HTML with their addresses pointing into the mirror, and safe SVG.
import { Parser } from "htmlparser2";
import { fail, ok, type Result } from "../result.js";
import { formatSrcset, parseSrcset, type SrcsetCandidate } from "./url.js";

// Attributes where lazy-loading scripts keep the real picture while `src` holds a placeholder
// (lazysizes and jQuery lazyload: data-src, data-original; WordPress: data-lazy-src; Zhihu:
// data-actualsrc). Without the script they are the only way to the picture.
const LAZY_SOURCE_ATTRIBUTES = ["data-src", "data-original", "data-lazy-src", "data-actualsrc"] as const;

// The srcset reader lives with the other URL rules in url.ts; re-exported because index.ts exports this file
// whole (`export *`) and extract-article.ts reads it from here.
export { parseSrcset, type SrcsetCandidate } from "./url.js";

/** An absolute http(s) URL for an attribute value, or null (data: pictures are already inside the page). */
function absoluteImageUrl(value: string | undefined, baseUrl: string | undefined): string | null {
  const trimmed = value?.trim();
  if (!trimmed) return null;
  if (!URL.canParse(trimmed, baseUrl)) return null;
  const url = new URL(trimmed, baseUrl);
  return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
}

// Width ("800w") or density ("2x") of a candidate, to pick the largest; a bare URL counts as 1x.
function candidateSize(descriptor: string): number {
  const match = /^(\d+(?:\.\d+)?)([wx])$/.exec(descriptor.trim());
  if (!match) return 1;
  return match[2] === "w" ? Number(match[1]) : Number(match[1]) * 1000;
}

/** The source an <img> shows: its lazy-loading attribute, else src, else the largest srcset candidate. */
function imgSource(attributes: Record<string, string>, baseUrl: string | undefined): string | null {
  for (const name of LAZY_SOURCE_ATTRIBUTES) {
    const lazy = absoluteImageUrl(attributes[name], baseUrl);
    if (lazy) return lazy;
  }
  const src = absoluteImageUrl(attributes.src, baseUrl);
  if (src) return src;
  const candidates = parseSrcset(attributes.srcset ?? "");
  const largest = candidates.reduce<SrcsetCandidate | null>(
    (best, c) => (best === null || candidateSize(c.descriptor) > candidateSize(best.descriptor) ? c : best),
    null,
  );
  return largest ? absoluteImageUrl(largest.url, baseUrl) : null;
}

/**
 * The absolute http(s) URLs of the pictures an article shows, in order, each once: one per <img>
 * (see imgSource). `srcset` alternatives are not listed: once the shown picture is mirrored,
 * rewriteImages drops the alternatives that were not, so the browser uses the mirrored one.
 *
 * @example listImages('<img src="/a.png">', "https://news.example/post/1") // ["https://news.example/a.png"]
 */
export function listImages(html: string, baseUrl: string): string[] {
  const base = URL.canParse(baseUrl) ? baseUrl : undefined;
  const found = new Set<string>();
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name !== "img") return;
        const source = imgSource(attributes, base);
        if (source) found.add(source);
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return [...found];
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

function serialiseTag(name: string, attributes: Record<string, string>, selfClosing: boolean): string {
  const parts = Object.entries(attributes).map(([key, value]) => ` ${key}="${escapeAttribute(value)}"`);
  return `<${name}${parts.join("")}${selfClosing ? " /" : ""}>`;
}

/** The srcset with mirrored candidates pointing into the mirror; null removes the attribute. */
function rewriteSrcset(value: string, lookup: (raw: string) => string | null, shownIsMirrored: boolean): string | null {
  const candidates = parseSrcset(value);
  const mirrored = candidates.flatMap((c) => {
    const local = lookup(c.url);
    return local ? [{ url: local, descriptor: c.descriptor }] : [];
  });
  if (mirrored.length > 0) return formatSrcset(mirrored);
  // Nothing here was mirrored: keep the origin's set unless the shown picture is mirrored, so that a
  // reader who cannot reach the origin still gets the picture from `src`.
  return shownIsMirrored ? null : value;
}

function rewriteImageAttributes(name: string, attributes: Record<string, string>, lookup: (raw: string) => string | null, base: string | undefined): Record<string, string> | null {
  const next = { ...attributes };
  let changed = false;
  let shownIsMirrored = false;
  if (name === "img") {
    const shown = imgSource(attributes, base);
    const local = shown ? lookup(shown) : null;
    if (local) {
      next.src = local;
      for (const lazy of LAZY_SOURCE_ATTRIBUTES) delete next[lazy];
      shownIsMirrored = true;
      changed = true;
    }
  }
  if (attributes.srcset !== undefined) {
    const srcset = rewriteSrcset(attributes.srcset, lookup, shownIsMirrored || name === "source");
    if (srcset === null) delete next.srcset;
    else next.srcset = srcset;
    changed ||= srcset !== attributes.srcset;
  }
  return changed ? next : null;
}

/**
 * The HTML with each mirrored picture's `src` (and `srcset` candidates) replaced by its local
 * path from `map` (absolute URL to local path, as mirrorImages returns it). Pictures not in the
 * map keep their origin URL, so a failed download is retried on a later run. `baseUrl` resolves
 * relative addresses before the lookup. Only <img> and <source> tags change; the rest is copied.
 *
 * @example rewriteImages('<img src="https://a.example/x.png">', new Map([["https://a.example/x.png", "/assets/img/0123456789abcdef.png"]]))
 */
export function rewriteImages(html: string, map: Map<string, string>, baseUrl?: string): string {
  if (map.size === 0) return html;
  const base = baseUrl !== undefined && URL.canParse(baseUrl) ? baseUrl : undefined;
  const lookup = (raw: string): string | null => {
    const absolute = absoluteImageUrl(raw, base);
    return map.get(raw) ?? (absolute === null ? null : map.get(absolute) ?? null);
  };
  const output: string[] = [];
  let copied = 0;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name !== "img" && name !== "source") return;
        const rewritten = rewriteImageAttributes(name, attributes, lookup, base);
        if (!rewritten || parser.startIndex < copied) return;
        const original = html.slice(parser.startIndex, parser.endIndex + 1);
        output.push(html.slice(copied, parser.startIndex), serialiseTag(name, rewritten, /\/\s*>$/.test(original)));
        copied = parser.endIndex + 1;
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  output.push(html.slice(copied));
  return output.join("");
}

// SVG pictures are admitted only rebuilt from this allow-list (SVG 1.1 / SVG 2 element index):
// shapes, text, paint servers and filters. Everything that runs code or loads other documents is
// left out with its content: script, foreignObject (HTML inside SVG), animation elements
// (`<set attributeName="href" to="javascript:…">` turns a harmless link into a script link), style
// (CSS can @import and load url()), iframe, image with an external href. <a> is unwrapped: its
// children stay, the link goes.
const SVG_ELEMENTS = new Set([
  "svg", "g", "defs", "symbol", "use", "switch", "title", "desc",
  "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
  "text", "tspan", "textPath",
  "linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask", "marker",
  "filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feConvolveMatrix",
  "feDiffuseLighting", "feDisplacementMap", "feDistantLight", "feDropShadow", "feFlood", "feFuncA",
  "feFuncB", "feFuncG", "feFuncR", "feGaussianBlur", "feMerge", "feMergeNode", "feMorphology",
  "feOffset", "fePointLight", "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence",
  "image",
]);
const UNWRAPPED_SVG_ELEMENTS = new Set(["a"]);
const SVG_NAMESPACE = "http://www.w3.org/2000/svg";
// Pictures embedded in an SVG <image> may only be inline raster data, never another file.
const INLINE_RASTER = /^data:image\/(?:png|jpeg|gif|webp|avif);base64,[a-z0-9+/=\s]*$/i;
// url(...) may only point inside the document (url(#gradient)); anything else loads a resource.
// (Tested on the value without whitespace: optional spaces around optional quotes backtrack badly.)
const EXTERNAL_URL_REFERENCE = /url\(["']?(?!#)/i;
const SCRIPTED_VALUE = /javascript:|expression\s*\(|@import|behavior\s*:/i;

function isSafeSvgAttribute(element: string, name: string, value: string): boolean {
  const lower = name.toLowerCase();
  if (lower.startsWith("on")) return false; // event handlers (SVG 2 "event attributes")
  if (lower === "href" || lower === "xlink:href") {
    const target = value.trim();
    return target.startsWith("#") || (element === "image" && INLINE_RASTER.test(target));
  }
  if (lower.includes(":") && !/^(?:xmlns(?::xlink)?|xml:space|xml:lang)$/.test(lower)) return false; // xml:base and foreign namespaces
  if (lower === "xmlns" || lower === "xmlns:xlink") return true;
  return !EXTERNAL_URL_REFERENCE.test(value.replace(/\s+/g, "")) && !SCRIPTED_VALUE.test(value);
}

function escapeXmlText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * An SVG document rebuilt from the allow-list above: no script, foreignObject, animation, style
 * element, event handler or reference to another file. Comments, processing instructions and the
 * doctype (whose entities could expand without bound) are dropped. Fails when the root is not <svg>.
 */
export function sanitizeSvg(svg: string): Result<string> {
  const output: string[] = [];
  const open: Array<{ name: string; mode: "keep" | "unwrap" | "drop" }> = [];
  let dropping = 0;
  let root: string | null = null;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        root ??= name;
        let mode: "keep" | "unwrap" | "drop" = "drop";
        if (dropping === 0 && SVG_ELEMENTS.has(name)) mode = "keep";
        else if (dropping === 0 && UNWRAPPED_SVG_ELEMENTS.has(name)) mode = "unwrap";
        open.push({ name, mode });
        if (mode === "drop") dropping++;
        if (mode !== "keep") return;
        const safe = Object.entries(attributes).filter(([key, value]) => isSafeSvgAttribute(name, key, value));
        // Browsers draw an SVG file as SVG only in the SVG namespace (SVG 2, 5.1); a root without it shows nothing in <img>.
        if (open.length === 1 && name === "svg" && !safe.some(([key]) => key === "xmlns")) safe.unshift(["xmlns", SVG_NAMESPACE]);
        output.push(`<${name}${safe.map(([key, value]) => ` ${key}="${escapeAttribute(value)}"`).join("")}>`);
      },
      ontext(text) {
        if (dropping === 0 && open.length > 0) output.push(escapeXmlText(text));
      },
      onclosetag() {
        const element = open.pop();
        if (element?.mode === "keep") output.push(`</${element.name}>`);
        if (element?.mode === "drop") dropping--;
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.end(svg);
  if (root !== "svg") return fail({ code: "content.image-type", message: `not an SVG document (root element ${root ?? "missing"})` });
  return ok(output.join(""));
}
