// Ledger keys: the normalised form of an article link that dedupe compares, line by line.
import { isTrackingParam } from "../feed/index.js";

/**
 * An `http(s)` href that `new URL` would hand back unchanged and that has no query or fragment: the common
 * case of a ledger line (the original wrote `new URL(link).href`), keyed without parsing for speed.
 * Dot segments, `%2e`, ports and `\` are left to the full parser.
 */
const CANONICAL_SIMPLE = /^https?:\/\/[a-z0-9-]+(?:\.[a-z0-9-]+)*\/[!$%&'()*+,\-/0-9:;=@A-Z[\]^_a-z|~.]*$/;

/**
 * The ledger key of a link: the WHATWG href (lower-case host, default port dropped, path percent-encoded)
 * without its fragment and without tracking parameters (the feed stage's `isTrackingParam`, the list the content
 * stage also cleans the links of posts with); scheme and the rest of the query are kept because sites do serve different
 * articles there. Text that is not a URL is its own key, trimmed.
 * @example normalizeLink("HTTPS://www.BBC.com/zhongwen/1?at_medium=RSS#top") // "https://www.bbc.com/zhongwen/1"
 */
export function normalizeLink(url: string): string {
  const text = url.trim();
  if (CANONICAL_SIMPLE.test(text) && !text.includes("/.") && !/%2e/i.test(text)) return text;
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return text;
  }
  parsed.hash = "";
  if (parsed.href.includes("?")) {
    const kept = parsed.search
      .slice(1)
      .split("&")
      .filter((pair) => pair !== "" && !isTrackingParam(safeDecode(pair.split("=")[0] as string)));
    parsed.search = kept.length === 0 ? "" : `?${kept.join("&")}`;
  }
  return parsed.href;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}
