// The last content step: an allow-list sanitizer (sanitize-html) that keeps article structure and drops anything executable.
import { sanitizeHtmlLibrary } from "./html-libraries.js";
import { stripTrackingParams } from "../feed/index.js";
import { formatSrcset, parseSrcset, toSafeLink, toSafeResource } from "./url.js";

/**
 * Elements kept: text structure, links, images, figures, tables, lists, quotes, headings, and
 * audio/video with their sources (issue #4). Everything else loses its tag and keeps its text, except
 * DROPPED_WITH_CONTENT. Deliberately absent: script, style, iframe, object, embed, form and its
 * controls, svg, math, base, meta, link, template (HTML "Scripting" and "Forms" chapters).
 */
export const ALLOWED_TAGS: readonly string[] = [
  "a", "abbr", "address", "article", "aside", "audio", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite",
  "code", "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure",
  "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p",
  "picture", "pre", "q", "rp", "rt", "ruby", "s", "samp", "section", "small", "source", "span", "strike", "strong",
  "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "track", "u", "ul", "var",
  "video", "wbr",
];

/**
 * Disallowed elements whose content goes too: code, styles, embedded documents, form controls and
 * foreign (SVG/MathML) content are not article text (a sign-up form's "請輸入電子信箱" is not).
 */
export const DROPPED_WITH_CONTENT: readonly string[] = [
  "script", "style", "template", "noscript", "noembed", "noframes", "iframe", "frame", "frameset", "object", "embed",
  "applet", "svg", "math", "textarea", "select", "option", "optgroup", "button", "datalist", "output", "xmp",
  "title", "head", "canvas", "dialog", "portal", "fencedframe", "plaintext", "listing",
];

/** Attributes kept per element; `class`, `id`, `style` and every `on*` handler are dropped everywhere. */
export const ALLOWED_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  "*": ["lang", "dir", "title"],
  a: ["href"],
  audio: ["src", "controls", "preload", "loop"],
  blockquote: ["cite"],
  col: ["span"],
  colgroup: ["span"],
  del: ["cite", "datetime"],
  img: ["src", "srcset", "sizes", "alt", "width", "height"],
  ins: ["cite", "datetime"],
  li: ["value"],
  ol: ["start", "reversed", "type"],
  q: ["cite"],
  source: ["src", "srcset", "sizes", "type", "media"],
  td: ["colspan", "rowspan", "headers"],
  th: ["colspan", "rowspan", "headers", "scope"],
  time: ["datetime"],
  track: ["src", "kind", "srclang", "label", "default"],
  video: ["src", "poster", "controls", "preload", "loop", "muted", "playsinline", "width", "height"],
};

/** Attributes holding one URL, checked and made absolute by the transform below. */
const LINK_ATTRIBUTES: ReadonlySet<string> = new Set(["href", "cite"]);
const RESOURCE_ATTRIBUTES: ReadonlySet<string> = new Set(["src", "poster"]);

/** What the sanitizer hands back: the safe HTML and the absolute URLs of the images it kept, in order, unique. */
export interface SanitizedHtml {
  html: string;
  images: string[];
}

/**
 * Sanitises article HTML: allow-listed elements and attributes only, URLs made absolute against
 * `baseUrl`, links limited to http(s)/mailto/ftp/tel/magnet without tracking parameters, images
 * without a usable source dropped. Pure; never throws for any input string.
 * sanitizeHtml('<p onclick="x()">Hi<script>x()</script></p>', "https://a.example/") === "<p>Hi</p>"
 */
export function sanitizeHtml(html: string, baseUrl: string): string {
  return sanitizeArticleHtml(html, baseUrl).html;
}

/** sanitizeHtml, also listing the images kept (for mirroring). */
export function sanitizeArticleHtml(html: string, baseUrl: string): SanitizedHtml {
  const images: string[] = [];
  const seen = new Set<string>();
  const output = sanitizeHtmlLibrary()(typeof html === "string" ? html : "", {
    allowedTags: [...ALLOWED_TAGS],
    allowedAttributes: Object.fromEntries(Object.entries(ALLOWED_ATTRIBUTES).map(([tag, names]) => [tag, [...names]])),
    nonTextTags: [...DROPPED_WITH_CONTENT],
    allowedSchemes: ["http", "https", "mailto", "ftp", "tel", "magnet"],
    allowedSchemesByTag: { img: ["http", "https", "data"] },
    allowedSchemesAppliedToAttributes: ["href", "src", "cite", "poster"],
    allowProtocolRelative: false,
    disallowedTagsMode: "discard",
    // The void elements of HTML (13.1.2) among ALLOWED_TAGS, written without a closing tag.
    selfClosing: ["img", "br", "hr", "source", "track", "wbr", "col"],
    parseStyleAttributes: false,
    // An image without a loadable source shows nothing (or a broken icon): drop it. (Renaming the
    // tag in transformTags instead would leak the new name into a later closing tag in sanitize-html 2.17.)
    exclusiveFilter: (frame) => frame.tag === "img" && (frame.attribs["src"] ?? "") === "",
    transformTags: {
      "*": (tagName, attribs) => {
        const safe = safeAttributes(tagName, attribs, baseUrl);
        const src = safe["src"];
        if (tagName === "img" && src !== undefined) {
          if (!seen.has(src)) {
            seen.add(src);
            images.push(src);
          }
        }
        if ((tagName === "video" || tagName === "audio") && safe["controls"] === undefined) {
          // Without the site's player script, a video is only usable with the browser's own controls.
          safe["controls"] = "";
        }
        return { tagName, attribs: safe };
      },
    },
  });
  return { html: output, images };
}

function safeAttributes(tagName: string, attribs: Record<string, string>, baseUrl: string): Record<string, string> {
  const safe: Record<string, string> = {};
  for (const [name, value] of Object.entries(attribs)) {
    if (LINK_ATTRIBUTES.has(name)) {
      const url = toSafeLink(value, baseUrl);
      if (url !== null) safe[name] = stripTrackingParams(url);
    } else if (RESOURCE_ATTRIBUTES.has(name)) {
      const url = toSafeResource(value, baseUrl, tagName === "img" && name === "src");
      if (url !== null) safe[name] = url;
    } else if (name === "srcset") {
      const candidates = parseSrcset(value).flatMap((candidate) => {
        const url = toSafeResource(candidate.url, baseUrl, false);
        return url === null ? [] : [{ url, descriptor: candidate.descriptor }];
      });
      if (candidates.length > 0) safe[name] = formatSrcset(candidates);
    } else {
      safe[name] = value;
    }
  }
  return safe;
}
