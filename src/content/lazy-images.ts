// Lazy-loaded images: placeholder sources, `data-*` originals and `<noscript>` fallbacks resolved to the real image.
import { largestSrcsetUrl, parseSrcset } from "./url.js";

/**
 * Attributes lazy loaders keep the real source in, most used first: lazysizes and most themes
 * (`data-src`, CNA), jQuery lazyload (`data-original`), WordPress Jetpack/WP Rocket (`data-lazy-src`,
 * iYouPort), and a few older scripts.
 */
export const LAZY_SRC_ATTRIBUTES: readonly string[] = [
  "data-lazy-src",
  "data-src",
  "data-original",
  "data-original-src",
  "data-actualsrc",
  "data-echo",
  "data-lazyload",
  "data-hi-res-src",
];

/** Where the same loaders keep the real `srcset` and `sizes`. */
export const LAZY_SRCSET_ATTRIBUTES: readonly string[] = ["data-lazy-srcset", "data-srcset", "data-original-set"];
export const LAZY_SIZES_ATTRIBUTES: readonly string[] = ["data-lazy-sizes", "data-sizes"];

/**
 * File names of the stand-in images lazy loaders show until their script runs (blank.gif,
 * spacer.gif, grey.gif, loading.gif, placeholder.png, ...).
 */
const PLACEHOLDER_FILE = /(?:^|[/_-])(?:blank|spacer|pixel|transparent|placeholder|loading|loader|lazy|grey|gray|empty|1x1)(?:[-_]?\d+(?:x\d+)?)?\.(?:gif|png|svg|jpe?g)(?:[?#].*)?$/i;

/** True when an image source is only a stand-in: missing, a `data:` GIF/SVG, a tiny inline image, or a known placeholder file. */
export function isPlaceholderSource(src: string | null): boolean {
  if (src === null) return true;
  const value = src.trim();
  if (value === "" || value === "#" || value.toLowerCase() === "about:blank") return true;
  if (/^data:/i.test(value)) {
    // 1x1 GIFs and blank SVGs are how Jetpack, lazysizes and WP Rocket fill `src` (iYouPort posts);
    // any inline image under 200 characters is too small to be content.
    return /^data:image\/(?:gif|svg\+xml)/i.test(value) || value.length < 200;
  }
  return PLACEHOLDER_FILE.test(value);
}

/**
 * Gives every lazy image its real source, in place. Returns how many images were changed.
 * `<noscript>` fallbacks are used when the image before them has no real source, and dropped when it
 * has one (they would show the image twice); a `<noscript>` on its own is unwrapped, since the mirror
 * is read without the site's scripts.
 */
export function resolveLazyImages(container: HTMLElement): number {
  let changed = 0;
  Array.from(container.getElementsByTagName("noscript")).forEach((noscript) => {
    const previous = noscript.previousElementSibling;
    const fallbackImage = noscript.querySelector("img");
    if (previous !== null && previous.tagName === "IMG" && fallbackImage !== null) {
      if (!hasRealSource(previous)) {
        previous.replaceWith(...Array.from(noscript.childNodes));
        changed++;
      }
      noscript.remove();
      return;
    }
    noscript.replaceWith(...Array.from(noscript.childNodes));
  });
  container.querySelectorAll("img, source").forEach((element) => {
    if (resolveOne(element)) changed++;
  });
  return changed;
}

function hasRealSource(image: Element): boolean {
  return !isPlaceholderSource(image.getAttribute("src")) || firstAttribute(image, LAZY_SRC_ATTRIBUTES) !== null;
}

function resolveOne(element: Element): boolean {
  let changed = false;
  const lazySrcset = firstAttribute(element, LAZY_SRCSET_ATTRIBUTES);
  if (lazySrcset !== null && isPlaceholderSrcset(element.getAttribute("srcset"))) {
    element.setAttribute("srcset", lazySrcset);
    const sizes = firstAttribute(element, LAZY_SIZES_ATTRIBUTES);
    if (sizes !== null) element.setAttribute("sizes", sizes);
    changed = true;
  }
  if (element.tagName !== "IMG") return changed;
  const src = element.getAttribute("src");
  if (!isPlaceholderSource(src)) return changed;
  const lazySrc = firstAttribute(element, LAZY_SRC_ATTRIBUTES) ?? largestSrcsetUrl(parseSrcset(element.getAttribute("srcset") ?? ""));
  if (lazySrc !== null && lazySrc !== src) {
    element.setAttribute("src", lazySrc);
    return true;
  }
  return changed;
}

function isPlaceholderSrcset(srcset: string | null): boolean {
  if (srcset === null || srcset.trim() === "") return true;
  return parseSrcset(srcset).every((candidate) => isPlaceholderSource(candidate.url));
}

function firstAttribute(element: Element, names: readonly string[]): string | null {
  for (const name of names) {
    const value = element.getAttribute(name);
    if (value !== null && value.trim() !== "" && !isPlaceholderSource(value)) return value.trim();
  }
  return null;
}
