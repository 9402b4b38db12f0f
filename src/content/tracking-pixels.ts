// Tracking pixels: invisible images that only report the reader to a counter, removed before mirroring.

/**
 * Image URLs that are counters, not pictures: Medium's read counter (`medium.com/_/stat`, on every
 * Medium post of the corpus), FeedBurner's `~r` and `~ff` beacons, WordPress.com stats, Google
 * Analytics, and the Feedsportal/Feedblitz/Quantserve pixels common in older feeds.
 */
export const TRACKING_IMAGE_PATTERNS: readonly RegExp[] = [
  /^https?:\/\/(?:[\w-]+\.)*medium\.com\/_\/stat\b/i,
  /^https?:\/\/feeds\.feedburner\.com\/~(?:r|ff)\//i,
  /^https?:\/\/(?:pixel\.wp\.com|stats\.wordpress\.com)\//i,
  /^https?:\/\/(?:www\.|ssl\.)?google-analytics\.com\//i,
  /^https?:\/\/[\w.-]*feedsportal\.com\/c\//i,
  /^https?:\/\/feeds\.feedblitz\.com\/~\//i,
  /^https?:\/\/pixel\.quantserve\.com\//i,
  /^https?:\/\/(?:www\.)?facebook\.com\/tr\b/i,
];

/** True for an `<img>` that is a tracking pixel: a known counter URL, or drawn at 1x1 (or 0) pixels. */
export function isTrackingPixel(image: Element): boolean {
  const src = (image.getAttribute("src") ?? "").trim();
  if (TRACKING_IMAGE_PATTERNS.some((pattern) => pattern.test(src))) return true;
  const width = pixelSize(image.getAttribute("width"));
  const height = pixelSize(image.getAttribute("height"));
  return width !== null && height !== null && width <= 1 && height <= 1;
}

/** Removes every tracking pixel from the article, in place; returns how many were removed. */
export function removeTrackingPixels(container: HTMLElement): number {
  let removed = 0;
  Array.from(container.getElementsByTagName("img")).forEach((image) => {
    if (!isTrackingPixel(image)) return;
    image.remove();
    removed++;
  });
  return removed;
}

function pixelSize(value: string | null): number | null {
  if (value === null) return null;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(?:px)?\s*$/i.exec(value);
  return match === null ? null : Number(match[1]);
}
